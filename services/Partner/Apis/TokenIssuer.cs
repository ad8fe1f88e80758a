using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebWaka.Contracts;
using WebWaka.Identity;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Apis;

/// <summary>An access token; at sign-in and renewal also the session's refresh token and the seconds the session has left.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken = null, int? RefreshExpiresIn = null);

/// <summary>Signs the access tokens every service checks.</summary>
public sealed class TokenIssuer(TokenSettings settings, TimeProvider clock)
{
    /// <summary>How long a token exchanged for an API key lives: it serves the one request the gateway exchanged it for.</summary>
    public static readonly TimeSpan ApiKeyTokenLifetime = TimeSpan.FromMinutes(1);

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A token that acts as the key's partner's admin, naming the key as who acts (the audit trail shows it).</summary>
    public TokenResponse Issue(ApiKey key) => Sign(new Dictionary<string, object>
    {
        [WebWakaClaims.Subject] = key.Id.ToString(),
        [WebWakaClaims.Email] = key.ActorName,
        [WebWakaClaims.Role] = Roles.PartnerAdmin,
        [WebWakaClaims.PartnerId] = key.PartnerId.ToString(),
        [WebWakaClaims.ApiKey] = key.Id.ToString(),
    }, ApiKeyTokenLifetime);

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

        return Sign(claims, settings.Lifetime);
    }

    private TokenResponse Sign(Dictionary<string, object> claims, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds);
    }
}
