using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebWaka.Identity;

namespace WebWaka.UnitTests;

public sealed class RememberedTokensTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a-signing-key-for-these-tests-only-32-bytes"));

    private readonly RememberedTokens _tokens = new();
    private int _lifetimeChecks;

    [Fact]
    public async Task A_valid_token_is_checked_once_and_each_request_gets_its_own_claims()
    {
        var token = Mint(TimeSpan.FromMinutes(5));

        var first = await _tokens.ValidateTokenAsync(token, Parameters());
        var second = await _tokens.ValidateTokenAsync(token, Parameters());
        var third = await _tokens.ValidateTokenAsync(token, Parameters());

        Assert.All([first, second, third], result => Assert.True(result.IsValid));
        Assert.Equal(1, _lifetimeChecks);
        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.Equal("a-user", third.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Equal("a-user", ((JsonWebToken)third.SecurityToken).Subject);
    }

    [Fact]
    public async Task A_remembered_token_with_one_character_changed_is_checked_in_full_and_refused()
    {
        var token = Mint(TimeSpan.FromMinutes(5));
        Assert.True((await _tokens.ValidateTokenAsync(token, Parameters())).IsValid);

        var altered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        Assert.False((await _tokens.ValidateTokenAsync(altered, Parameters())).IsValid);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var token = Mint(TimeSpan.FromSeconds(2));
        Assert.True((await _tokens.ValidateTokenAsync(token, Parameters())).IsValid);

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False((await _tokens.ValidateTokenAsync(token, Parameters())).IsValid);
    }

    [Fact]
    public async Task A_token_that_was_never_valid_is_never_remembered()
    {
        var forged = Mint(TimeSpan.FromMinutes(5), new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a-key-nobody-trusts-at-all-32-bytes-long")));

        Assert.False((await _tokens.ValidateTokenAsync(forged, Parameters())).IsValid);
        Assert.False((await _tokens.ValidateTokenAsync(forged, Parameters())).IsValid);
    }

    // No clock skew, so that expiry is exact; lifetime checks counted, to tell a full check from a remembered answer.
    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "webwaka",
        ValidAudience = "webwaka-api",
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.Zero,
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            Interlocked.Increment(ref _lifetimeChecks);
            return notBefore <= DateTime.UtcNow && DateTime.UtcNow < expires;
        },
    };

    private static string Mint(TimeSpan lifetime, SymmetricSecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "webwaka",
            Audience = "webwaka-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object> { ["sub"] = "a-user", ["role"] = "PARTNER_ADMIN" },
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
