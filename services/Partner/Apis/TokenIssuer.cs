using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebWaka.Identity;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Apis;

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>Signs the access tokens every service checks.</summary>
public sealed class TokenIssuer(TokenSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public TokenResponse Issue(UserAccount user)
    {
        var claims = new Dictionary<string, object>
        {
            [WebWakaClaims.Subject] = user.Id.ToString(),
            [WebWakaClaims.Email] = user.Email,
            [WebWakaClaims.Role] = user.Role,
        };
        if (user.PartnerId is { } partnerId)
        {
            claims[WebWakaClaims.PartnerId] = partnerId.ToString();
        }

        if (user.TenantId is { } tenantId)
        {
            claims[WebWakaClaims.TenantId] = tenantId.ToString();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.Lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", (int)settings.Lifetime.TotalSeconds);
    }
}
