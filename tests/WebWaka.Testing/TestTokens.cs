using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WebWaka.Testing;

/// <summary>Mints access tokens as the Partner service would, or as a forger would, for tests from the outside.</summary>
public sealed class TestTokens(string signingKey)
{
    /// <summary>A key no WebWaka service trusts.</summary>
    public static readonly TestTokens Forger = new("a-forged-key-that-no-webwaka-service-has-ever-seen");

    public string Mint(string role, Guid? partnerId = null, Guid? tenantId = null, TimeSpan? validFor = null,
        string issuer = "webwaka", string audience = "webwaka-api")
    {
        var now = DateTime.UtcNow;
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

        // An expired token was issued an hour ago and lived for "validFor" (negative: ended that long ago).
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
