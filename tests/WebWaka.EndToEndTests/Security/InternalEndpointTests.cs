using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebWaka.Testing;
using static WebWaka.Identity.ServiceNames;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// The services' internal endpoints, called as a process inside the network would call them, around the gateway: without
/// a credential, with a user's token, with a forged or expired service token, with another service's real token (for this
/// service, or replayed from another): refused, and nothing created. Only the services allowed to call each one get in.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class InternalEndpointTests(DistributedAppFixture system)
{
    /// <summary>Who may call whom, as AppHost hands out the keys: each pair has its own.</summary>
    private static readonly (string Caller, string Callee)[] Pairs =
        [(Tenant, Partner), (Tenant, Instance), (Tenant, Invitation), (Instance, Partner), (Invitation, Partner), (Gateway, Partner)];

    private sealed record Internal(string Service, HttpMethod Method, string Path, string[] Callers, object? Body = null);

    [Fact]
    public async Task Every_internal_endpoint_answers_only_the_services_allowed_to_call_it()
    {
        var partner = await system.CreatePartnerAsync("Inside Agency");
        var grab = $"grab-{Guid.NewGuid():N}@inside.example";
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        Internal[] endpoints =
        [
            new(Partner, HttpMethod.Get, $"/internal/revocations?since={since}", [Gateway, Tenant, Instance, Invitation]),
            new(Partner, HttpMethod.Get, $"/internal/partners/{partner.Id}", [Tenant]),
            // What an attacker inside would send: an admin of someone else's partner, with a password of its choosing.
            new(Partner, HttpMethod.Post, "/internal/accounts", [Invitation],
                new { email = grab, name = "Grabber", password = "Grab-The-Partner-2026", role = "PARTNER_ADMIN", partnerId = partner.Id }),
            new(Partner, HttpMethod.Post, "/internal/api-keys/exchange", [Gateway], new { key = $"wwk_{Guid.NewGuid():N}_guess", method = "GET", path = "/api/partner/me" }),
            new(Instance, HttpMethod.Get, $"/internal/tenants/{Guid.NewGuid()}/instances", [Tenant]),
            new(Invitation, HttpMethod.Get, $"/internal/tenants/{Guid.NewGuid()}/invitations", [Tenant]),
        ];

        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            using var direct = new HttpClient { BaseAddress = system.App.GetEndpoint(endpoint.Service, "http") };
            var allowed = endpoint.Callers[0];
            var refusals = new List<(string What, string? Token, HttpStatusCode Expected)>
            {
                ("no credential", null, HttpStatusCode.Unauthorized),
                ("a super admin's user token", system.Tokens.Mint("SUPER_ADMIN"), HttpStatusCode.Unauthorized),
                ($"{allowed}'s name on a forged key", TestTokens.Forger.MintService(allowed, endpoint.Service), HttpStatusCode.Unauthorized),
                ($"{allowed}'s expired token", new TestTokens(await KeyAsync(allowed, endpoint.Service)).MintService(allowed, endpoint.Service, TimeSpan.FromMinutes(-5)),
                    HttpStatusCode.Unauthorized),
            };
            foreach (var (caller, callee) in Pairs.Where(pair => !(pair.Callee == endpoint.Service && endpoint.Callers.Contains(pair.Caller))))
            {
                // Another service's real token: for this service, it is not allowed here; for another, it is not for this one.
                refusals.Add(($"{caller}'s real token for {callee}", new TestTokens(await KeyAsync(caller, callee)).MintService(caller, callee),
                    callee == endpoint.Service ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized));
            }

            foreach (var (what, token, expected) in refusals)
            {
                using var refused = await direct.SendAsync(Request(endpoint, token, endpoint.Body));
                if (refused.StatusCode != expected)
                {
                    wrong.Add($"{endpoint.Method} {endpoint.Service}{endpoint.Path} with {what}: {(int)refused.StatusCode}, not {(int)expected}");
                }
            }

            foreach (var caller in endpoint.Callers)
            {
                // Let in: an empty body is checked (400), a read answered (200); nothing is created by this test.
                using var admitted = await direct.SendAsync(Request(endpoint, new TestTokens(await KeyAsync(caller, endpoint.Service)).MintService(caller, endpoint.Service),
                    endpoint.Body is null ? null : new { }));
                if (admitted.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
                {
                    wrong.Add($"{endpoint.Method} {endpoint.Service}{endpoint.Path} by {caller}: {(int)admitted.StatusCode}");
                }
            }
        }

        Assert.Empty(wrong);
        Assert.Equal(0L, await system.QueryAsync("partnerdb", $"SELECT count(*) FROM users WHERE email = '{grab}'"));
    }

    private static HttpRequestMessage Request(Internal endpoint, string? token, object? body)
    {
        var request = new HttpRequestMessage(endpoint.Method, endpoint.Path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return request;
    }

    /// <summary>The key AppHost gave the pair (a secret parameter of the app model).</summary>
    private async Task<string> KeyAsync(string caller, string callee) =>
        await system.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(parameter => parameter.Name == $"{caller}-calls-{callee}").GetValueAsync(CancellationToken.None) ?? "";
}
