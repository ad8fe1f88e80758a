using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WebWaka.Identity;

/// <summary>
/// Who this service is to the others (<c>ServiceIdentity:Name</c>) and the keys it shares with them, one per calling pair,
/// handed out by AppHost: <c>ServiceIdentity:Calls:{callee}</c> to call a service, <c>ServiceIdentity:Callers:{caller}</c>
/// to be called by one. A key known to two services only means a callee can pass itself off as its caller to nobody but
/// itself, and a pair without a key cannot talk at all.
/// </summary>
public sealed class ServiceIdentitySettings
{
    public const string Section = "ServiceIdentity";

    /// <summary>How long a service token lives; the caller mints a new one well before.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    public string Name { get; init; } = "";

    public IReadOnlyDictionary<string, SymmetricSecurityKey> Calls { get; init; } = new Dictionary<string, SymmetricSecurityKey>();

    public IReadOnlyDictionary<string, SymmetricSecurityKey> Callers { get; init; } = new Dictionary<string, SymmetricSecurityKey>();

    public static ServiceIdentitySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new ServiceIdentitySettings
        {
            Name = section["Name"] ?? "",
            Calls = KeysOf(section.GetSection("Calls")),
            Callers = KeysOf(section.GetSection("Callers")),
        };
    }

    private static Dictionary<string, SymmetricSecurityKey> KeysOf(IConfigurationSection keys) =>
        keys.GetChildren().Where(key => !string.IsNullOrEmpty(key.Value))
            .ToDictionary(key => key.Key, key => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key.Value!)));
}

/// <summary>The services' names: AppHost's resource names, which service discovery resolves and service tokens carry.</summary>
public static class ServiceNames
{
    public const string Gateway = "gateway";
    public const string Partner = "partner-api";
    public const string Tenant = "tenant-api";
    public const string Instance = "instance-api";
    public const string Invitation = "invitation-api";
}

public static class ServiceIdentity
{
    /// <summary>The authentication scheme of service tokens: only <c>/internal/**</c> endpoints take it, and they take no other.</summary>
    public const string Scheme = "service";

    /// <summary>Service tokens, checked against the key of the pair (caller, this service): its issuer names the caller.</summary>
    internal static AuthenticationBuilder AddServiceTokens(this AuthenticationBuilder authentication, ServiceIdentitySettings settings) =>
        authentication.AddJwtBearer(Scheme, options =>
        {
            options.MapInboundClaims = false;
            options.IncludeErrorDetails = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = settings.Name,
                ValidIssuers = settings.Callers.Keys,
                IssuerSigningKeyResolver = (_, token, _, _) =>
                    token is JsonWebToken { Issuer: { } caller } && settings.Callers.TryGetValue(caller, out var key) ? [key] : [],
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });

    /// <summary>The endpoint answers only the named services, each proving who it is with its service token (401 without, 403 another's).</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder endpoint, params string[] callers) where TBuilder : IEndpointConventionBuilder =>
        endpoint.RequireAuthorization(policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim("iss", callers));

    /// <summary>A typed client of another service, found by service discovery; every request carries this service's token for it.</summary>
    public static IHttpClientBuilder AddServiceClient<TClient>(this IServiceCollection services, string callee) where TClient : class =>
        services.AddHttpClient<TClient>(http => http.BaseAddress = new Uri($"http://{callee}")).AddServiceToken(callee);

    /// <summary>A client of another service named after it (<c>IHttpClientFactory.CreateClient(callee)</c>), as above.</summary>
    public static IHttpClientBuilder AddServiceClient(this IServiceCollection services, string callee) =>
        services.AddHttpClient(callee, http => http.BaseAddress = new Uri($"http://{callee}")).AddServiceToken(callee);

    private static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder client, string callee) =>
        client.AddHttpMessageHandler(services => new ServiceTokenHandler(services.GetRequiredService<ServiceIdentitySettings>(), callee,
            services.GetRequiredService<TimeProvider>()));
}

/// <summary>Mints this service's token for one callee, and a new one once the last has less than half its life left.</summary>
internal sealed class ServiceTokenHandler(ServiceIdentitySettings settings, string callee, TimeProvider clock) : DelegatingHandler
{
    private Minted? _current;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // No key for the pair: the call goes without one, and the callee refuses it.
        if (settings.Calls.TryGetValue(callee, out var key))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TokenFor(key));
        }

        return base.SendAsync(request, cancellationToken);
    }

    private string TokenFor(SymmetricSecurityKey key)
    {
        var now = clock.GetUtcNow();
        if (_current is { } current && now < current.RenewAt)
        {
            return current.Token;
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Name,
            Audience = callee,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + ServiceIdentitySettings.TokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        _current = new Minted(token, now + ServiceIdentitySettings.TokenLifetime / 2);
        return token;
    }

    private sealed record Minted(string Token, DateTimeOffset RenewAt);
}
