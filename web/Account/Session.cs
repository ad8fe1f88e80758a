using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using WebWaka.Contracts;
using WebWaka.Identity;
using WebWaka.Web.Api;

namespace WebWaka.Web.Account;

/// <summary>
/// The dashboard's session: a cookie holding who signed in, the access token the gateway gave them and their session's
/// refresh token, ending when the session does (the access token is renewed meanwhile: <see cref="WebWakaApi"/>). The
/// cookie is encrypted with the data-protection keys, so neither token reaches the browser readable.
/// </summary>
public static class Session
{
    public const string SignInPath = "/sign-in";

    public static IHostApplicationBuilder AddDashboardSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "webwaka-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = SignInPath;
                options.AccessDeniedPath = "/account/access-denied";
                options.SlidingExpiration = false;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();

        // Shared by every replica and kept across restarts, so a session survives both.
        if (builder.Configuration["DataProtection:KeysFolder"] is { Length: > 0 } keys)
        {
            builder.Services.AddDataProtection().SetApplicationName("webwaka-web").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        return builder;
    }

    /// <summary>Starts the session of a user the gateway just signed in.</summary>
    public static Task StartAsync(HttpContext http, SignedIn signedIn)
    {
        // The token came straight from our own gateway's sign-in: its claims are read here, and checked by the API on every call.
        var token = new JsonWebToken(signedIn.AccessToken);
        var claims = new List<Claim> { new(WebWakaApi.AccessTokenClaim, signedIn.AccessToken) };
        if (signedIn.RefreshToken is { } refreshToken)
        {
            claims.Add(new Claim(WebWakaApi.RefreshTokenClaim, refreshToken));
        }

        claims.AddRange(token.Claims.Where(c => c.Type is WebWakaClaims.Subject or WebWakaClaims.Email or WebWakaClaims.Role or WebWakaClaims.PartnerId));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, WebWakaClaims.Email, WebWakaClaims.Role);
        return http.SignInAsync(new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            ExpiresUtc = DateTimeOffset.UtcNow.AddSeconds(signedIn.RefreshExpiresIn ?? signedIn.ExpiresIn),
            IsPersistent = false,
        });
    }

    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/sign-out", async (HttpContext http, WebWakaApi api) =>
        {
            if (http.User.FindFirst(WebWakaApi.RefreshTokenClaim)?.Value is { } refreshToken)
            {
                await api.EndSessionAsync(refreshToken);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect(SignInPath);
        });
        return app;
    }

    /// <summary>Where to go after signing in: a local path asked for, or the role's home (a client's admin has no dashboard yet).</summary>
    public static string HomeAfterSignIn(string? returnUrl, SignedIn signedIn) =>
        returnUrl is { Length: > 1 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") ? returnUrl
        : new JsonWebToken(signedIn.AccessToken).GetPayloadValue<string>(WebWakaClaims.Role) switch
        {
            Roles.SuperAdmin => "/operator/partners",
            Roles.PartnerAdmin => "/partner/clients",
            _ => "/account",
        };
}

/// <summary>The access token in use in this circuit (or request), and when it expires; null until the first call reads it.</summary>
public sealed class CurrentAccessToken
{
    public (string Value, DateTime ExpiresAt)? Token { get; set; }
}

/// <summary>How early the dashboard renews an access token (<c>Session:RefreshBefore</c>, a minute before it expires).</summary>
public sealed record SessionSettings(TimeSpan RefreshBefore)
{
    public static SessionSettings From(IConfiguration configuration) =>
        new(configuration.GetValue<TimeSpan?>("Session:RefreshBefore") ?? TimeSpan.FromMinutes(1));
}
