using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using WebWaka.Api;
using WebWaka.Contracts;

namespace WebWaka.Identity;

/// <summary>How WebWaka's access tokens are signed and checked; the same settings in every service.</summary>
public sealed class TokenSettings
{
    public const string Section = "Identity";

    // Only ever used in Development, so that a service runs on its own without configuration.
    private const string DevelopmentSigningKey = "webwaka-development-signing-key-not-for-production-use";

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan DefaultSessionLifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan DefaultRevocationRefresh = TimeSpan.FromSeconds(2);

    public required SymmetricSecurityKey SigningKey { get; init; }

    public string Issuer { get; init; } = "webwaka";

    public string Audience { get; init; } = "webwaka-api";

    /// <summary>How long an access token lives (<c>Identity:TokenLifetime</c>, 15 minutes); a session renews it.</summary>
    public TimeSpan Lifetime { get; init; } = DefaultLifetime;

    /// <summary>How long a signed-in session, and so its refresh token, lasts (<c>Identity:SessionLifetime</c>, 12 hours).</summary>
    public TimeSpan SessionLifetime { get; init; } = DefaultSessionLifetime;

    /// <summary>How often a process asks which users were removed (<c>Identity:RevocationRefresh</c>, 2 seconds).</summary>
    public TimeSpan RevocationRefresh { get; init; } = DefaultRevocationRefresh;

    public static TokenSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration[$"{Section}:SigningKey"];
        if (string.IsNullOrEmpty(key))
        {
            key = environment.IsDevelopment()
                ? DevelopmentSigningKey
                : throw new InvalidOperationException($"{Section}:SigningKey is not set: a production service needs its signing key from configuration.");
        }

        if (Encoding.UTF8.GetByteCount(key) < 32)
        {
            throw new InvalidOperationException($"{Section}:SigningKey must be at least 32 bytes long.");
        }

        return new TokenSettings
        {
            SigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            Lifetime = configuration.GetValue($"{Section}:TokenLifetime", DefaultLifetime),
            SessionLifetime = configuration.GetValue($"{Section}:SessionLifetime", DefaultSessionLifetime),
            RevocationRefresh = configuration.GetValue($"{Section}:RevocationRefresh", DefaultRevocationRefresh),
        };
    }
}

/// <summary>The claims of a WebWaka token (README, Identity).</summary>
public static class WebWakaClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Role = "role";
    public const string PartnerId = "partner_id";
    public const string TenantId = "tenant_id";

    /// <summary>Set when the token was exchanged for a partner's API key: the key's id.</summary>
    public const string ApiKey = "api_key";

    public static Guid? PartnerIdOf(ClaimsPrincipal user) => GuidClaim(user, PartnerId);

    public static string? RoleOf(ClaimsPrincipal user) => user.FindFirst(Role)?.Value;

    public static bool IsApiKey(ClaimsPrincipal user) => user.HasClaim(claim => claim.Type == ApiKey);

    private static Guid? GuidClaim(ClaimsPrincipal user, string type) =>
        Guid.TryParse(user.FindFirst(type)?.Value, out var id) ? id : null;
}

/// <summary>The authorization policies every service and the gateway apply.</summary>
public static class Policies
{
    /// <summary>Partner operations: a partner admin, or a super admin (for WebWaka Digital Services).</summary>
    public const string PartnerOperator = "partner-operator";

    /// <summary>Platform operations: super admins only.</summary>
    public const string PlatformOperator = "platform-operator";
}

public static class AuthenticationExtensions
{
    /// <summary>
    /// Checks bearer tokens (every service checks them itself, behind the gateway too), refuses those of removed users
    /// (<see cref="RevokedAccess"/>, from the Partner service unless the process registers its own <see cref="IRevocationFeed"/>),
    /// checks the service tokens of other services on <c>/internal/**</c> (<see cref="ServiceIdentity"/>), and adds the policies. <see cref="UseTokenAuthentication"/> puts it in the pipeline.
    /// </summary>
    public static IHostApplicationBuilder AddTokenAuthentication(this IHostApplicationBuilder builder)
    {
        var settings = TokenSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<RevokedAccess>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        var serviceIdentity = ServiceIdentitySettings.From(builder.Configuration);
        builder.Services.AddSingleton(serviceIdentity);
        builder.Services.AddServiceClient<PartnerServiceRevocationFeed>(ServiceNames.Partner);
        builder.Services.TryAddTransient<IRevocationFeed>(services => services.GetRequiredService<PartnerServiceRevocationFeed>());
        builder.Services.AddHostedService<RevocationRefresher>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddServiceTokens(serviceIdentity)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new RememberedTokens { MapInboundClaims = false });
                // A refused token is told so, not why (expired, bad signature...): that is for the logs, not the caller.
                options.IncludeErrorDetails = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = WebWakaClaims.Subject,
                    RoleClaimType = WebWakaClaims.Role,
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedAccess>();
                        if (context.SecurityToken is JsonWebToken token && Guid.TryParse(token.Subject, out var userId) &&
                            revoked.Refuses(userId, new DateTimeOffset(token.IssuedAt, TimeSpan.Zero)))
                        {
                            context.Fail("The token's user was removed.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PartnerOperator, policy => policy.RequireRole(Roles.PartnerAdmin, Roles.SuperAdmin))
            .AddPolicy(Policies.PlatformOperator, policy => policy.RequireRole(Roles.SuperAdmin));
        return builder;
    }

    /// <summary>
    /// Authentication, then the rule that a suspended partner's people read and change nothing (<c>403
    /// PARTNER_NOT_ACTIVE</c> to any method but GET, HEAD and OPTIONS, whatever the token's age), then authorization.
    /// </summary>
    public static WebApplication UseTokenAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method) &&
                WebWakaClaims.PartnerIdOf(context.User) is { } partnerId && context.RequestServices.GetRequiredService<RevokedAccess>().IsSuspended(partnerId))
            {
                await ApiProblems.Of(StatusCodes.Status403Forbidden, "PARTNER_NOT_ACTIVE", "The partner is suspended: what is its own can be read, not changed.")
                    .ExecuteAsync(context);
                return;
            }

            await next();
        });
        app.UseAuthorization();
        return app;
    }
}
