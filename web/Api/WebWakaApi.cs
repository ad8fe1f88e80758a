using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using WebWaka.Web.Account;

namespace WebWaka.Web.Api;

/// <summary>A problem the API answered: its code, the words to show for it, and for a validation problem what is wrong with each field.</summary>
public sealed record ApiProblem(int Status, string Code, string Message, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>What is wrong with each field, in one sentence per field.</summary>
    public Dictionary<string, string> FieldErrors() => Errors?.ToDictionary(e => e.Key, e => string.Join(" ", e.Value)) ?? [];
}

/// <summary>What a call answered: its value, or the problem.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// The public API, through the gateway, as the signed-in user: their token rides in the session cookie and goes with
/// every call. The dashboard never reads a database or calls a service around the gateway.
/// </summary>
public sealed class WebWakaApi(HttpClient gateway, AuthenticationStateProvider authentication, CurrentAccessToken current, SessionSettings settings,
    TimeProvider clock)
{
    public const string AccessTokenClaim = "access_token";
    public const string RefreshTokenClaim = "refresh_token";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, path, null, cancellationToken: cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Post, path, body, cancellationToken: cancellationToken);

    public async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, Dictionary<string, string>? headers = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        try
        {
            if (await AccessTokenAsync(cancellationToken) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await gateway.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(response.StatusCode == HttpStatusCode.NoContent ? default
                    : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
            }

            return new ApiResult<T>(default, await ProblemOfAsync(response, cancellationToken));
        }
        catch (HttpRequestException)
        {
            return new ApiResult<T>(default, new ApiProblem(503, "SERVICE_UNAVAILABLE", ProblemMessages.For("SERVICE_UNAVAILABLE", null)));
        }
    }

    /// <summary>
    /// The signed-in person's access token: the one their session began with, or the one renewed with the session's refresh
    /// token once it had less than <see cref="SessionSettings.RefreshBefore"/> left. A circuit cannot rewrite the cookie, so
    /// the token in use is kept for the circuit (<see cref="CurrentAccessToken"/>, read from the cookie once); a new
    /// circuit renews again from the cookie.
    /// When the session has ended the old token goes, and the API's 401 says so.
    /// </summary>
    private async Task<string?> AccessTokenAsync(CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.FindFirst(AccessTokenClaim)?.Value is not { } signedInWith)
        {
            return null;
        }

        var (token, expiresAt) = current.Token ??= (signedInWith, new JsonWebToken(signedInWith).ValidTo);
        if (expiresAt - settings.RefreshBefore > clock.GetUtcNow().UtcDateTime || user.FindFirst(RefreshTokenClaim)?.Value is not { } refreshToken)
        {
            return token;
        }

        using var response = await gateway.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }, Json, cancellationToken);
        if (!response.IsSuccessStatusCode || await response.Content.ReadFromJsonAsync<SignedIn>(Json, cancellationToken) is not { } signedIn)
        {
            return token;
        }

        current.Token = (signedIn.AccessToken, new JsonWebToken(signedIn.AccessToken).ValidTo);
        return signedIn.AccessToken;
    }

    /// <summary>Ends the session on the API's side, so its refresh token renews nothing any more.</summary>
    public async Task EndSessionAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await gateway.PostAsJsonAsync("/api/auth/sign-out", new { refreshToken }, Json, cancellationToken);
        }
        catch (HttpRequestException)
        {
            // The cookie goes anyway; the session then ends with its lifetime.
        }
    }

    /// <summary>Signs in with email and password: the token and how long it lives, or the problem.</summary>
    public async Task<ApiResult<SignedIn>> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        using var response = await gateway.PostAsJsonAsync("/api/auth/token", new { email, password }, Json, cancellationToken);
        return response.IsSuccessStatusCode
            ? new ApiResult<SignedIn>(await response.Content.ReadFromJsonAsync<SignedIn>(Json, cancellationToken), null)
            : new ApiResult<SignedIn>(null, await ProblemOfAsync(response, cancellationToken));
    }

    private static async Task<ApiProblem> ProblemOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? code = null, title = null;
        Dictionary<string, string[]>? errors = null;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            code = problem.TryGetProperty("code", out var c) ? c.GetString() : null;
            title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            errors = problem.TryGetProperty("errors", out var e) ? e.Deserialize<Dictionary<string, string[]>>(Json) : null;
        }
        catch (JsonException)
        {
            // Not a problem body (a proxy's page, say): the status alone speaks.
        }

        code ??= response.StatusCode == HttpStatusCode.Unauthorized ? "UNAUTHORIZED" : "REQUEST_FAILED";
        return new ApiProblem((int)response.StatusCode, code, ProblemMessages.For(code, title), errors);
    }
}

/// <summary>What signing in, or renewing, answers: the access token and, for a session, its refresh token.</summary>
public sealed record SignedIn(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken = null, int? RefreshExpiresIn = null);
