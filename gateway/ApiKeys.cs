using System.Net;
using WebWaka.Api;
using WebWaka.Identity;

namespace WebWaka.Gateway;

/// <summary>
/// A partner's API key (<c>Authorization: Bearer wwk_…</c>) is exchanged at the door, on every request and before anything
/// checks a token: partner-api checks the key, notes its use, audits the call and answers a token of a minute, which
/// takes the key's place for the rest of the way. The key goes no further than the gateway, and a revoked key is refused
/// at its next request.
/// </summary>
public static class ApiKeys
{
    private const string KeyBearer = "Bearer wwk_";

    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddServiceClient<ApiKeyExchange>(ServiceNames.Partner);
        return services;
    }

    public static WebApplication UseApiKeys(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization is [{ } authorization] && authorization.StartsWith(KeyBearer, StringComparison.Ordinal))
            {
                string? token;
                try
                {
                    token = await context.RequestServices.GetRequiredService<ApiKeyExchange>()
                        .TokenForAsync(authorization["Bearer ".Length..], context.Request.Method, context.Request.Path, context.RequestAborted);
                }
                catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
                {
                    app.Logger.LogWarning(ex, "partner-api did not exchange an API key");
                    await ApiProblems.Of(StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", "API keys cannot be checked right now; try again shortly.")
                        .ExecuteAsync(context);
                    return;
                }

                if (token is null)
                {
                    await ApiProblems.Of(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "The API key is not valid.").ExecuteAsync(context);
                    return;
                }

                context.Request.Headers.Authorization = $"Bearer {token}";
            }

            await next();
        });
        return app;
    }
}

/// <summary>partner-api's exchange of a key for a token, called with the gateway's service token.</summary>
public sealed class ApiKeyExchange(HttpClient partnerApi)
{
    private sealed record Exchanged(string AccessToken);

    /// <summary>The token for <paramref name="key"/>, or null when the key is not valid; throws when partner-api cannot answer.</summary>
    public async Task<string?> TokenForAsync(string key, string method, string path, CancellationToken cancellationToken)
    {
        using var response = await partnerApi.PostAsJsonAsync("/internal/api-keys/exchange", new { key, method, path }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Exchanged>(cancellationToken))!.AccessToken;
    }
}
