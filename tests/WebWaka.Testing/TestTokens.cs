using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WebWaka.Testing;

/// <summary>Mints access tokens as the Partner service would, service tokens as a service would, or either as a forger would.</summary>
public sealed class TestTokens(string signingKey)
{
    /// <summary>A key no WebWaka service trusts.</summary>
    public static readonly TestTokens Forger = new("a-forged-key-that-no-webwaka-service-has-ever-seen");

    public string Mint(string role, Guid? partnerId = null, Guid? tenantId = null, TimeSpan? validFor = null,
        string issuer = "webwaka", string audience = "webwaka-api")
    {
        var lifetime = validFor ?? TimeSpan.FromMinutes(10);
        var claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["email"] = "someone@example.com", ["role"] = role };
        if (partnerId is { } partner)
        {
            claims["partner_id"] = partner.ToString();
        }

        if (tenantId is { } tenant)
        {
            claims["tenant_id"] = tenant.ToString();
        }

        return Create(issuer, audience, claims, lifetime);
    }

    /// <summary>A service's token for another, as the calling service mints it with the key of the pair (this one's key).</summary>
    public string MintService(string caller, string callee, TimeSpan? validFor = null) =>
        Create(caller, callee, [], validFor ?? TimeSpan.FromMinutes(5));

    private string Create(string issuer, string audience, Dictionary<string, object> claims, TimeSpan lifetime)
    {
        // An expired token was issued an hour ago and lived for "lifetime" (negative: ended that long ago).
        var now = DateTime.UtcNow;
        var issuedAt = lifetime < TimeSpan.Zero ? now.AddHours(-1) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
