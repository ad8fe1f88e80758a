using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using WebWaka.Contracts;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>
/// Every route each service has, read from its own OpenAPI document, called on the service directly (around the
/// gateway, as anything inside could) and, for the public /api routes, through the gateway too: with no token, a
/// forged one and real ones; with ids that exist, that do not and that are no ids at all; with bodies and query values
/// of every wrong kind. Never a 5xx, every error a problem with a code, and no 404 for ids that exist asked by someone
/// allowed to see them.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class RouteTableSweepTests(DistributedAppFixture system)
{
    private static readonly string[] BadQueryValues = ["abc", "-1", "0", "2147483647", "1e9", "true", new string('x', 7000)];

    private static readonly string[] MalformedIds = ["not-a-guid", "%20", "..%2F..%2Finternal", new string('9', 300)];

    public static TheoryData<string> Services() => ["partner-api", "tenant-api", "instance-api", "invitation-api"];

    private sealed record Call(string Method, string Path, string Caller, string? Token, string? Body, bool IdsExist);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_route_answers_anything_with_a_4xx_problem_or_success_never_a_5xx(string service)
    {
        var partner = await system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);
        var client = await partner.ProvisionAsync(ClientPlatforms.Request($"sweep-{Guid.NewGuid():N}"[..24]));
        var tenantId = client.GetProperty("tenantId").GetString()!;
        var existing = new Dictionary<string, string>
        {
            ["tenantId"] = tenantId,
            ["provisioningId"] = client.GetProperty("provisioningId").GetString()!,
            ["id"] = WellKnownPartners.WebWakaDigitalServicesId.ToString(),
            ["instanceId"] = (await partner.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{tenantId}/instances")).GetProperty("items")[0].GetProperty("id").GetString()!,
        };
        (string Name, string? Token, bool MaySee)[] callers =
        [
            ("anonymous", null, false),
            ("forged", TestTokens.Forger.Mint("SUPER_ADMIN"), false),
            ("tenant admin", system.Tokens.Mint("TENANT_ADMIN", WellKnownPartners.WebWakaDigitalServicesId, Guid.NewGuid()), false),
            ("partner admin", system.Tokens.Mint("PARTNER_ADMIN", WellKnownPartners.WebWakaDigitalServicesId), true),
            ("super admin", system.Tokens.Mint("SUPER_ADMIN"), true),
        ];

        using var direct = new HttpClient { BaseAddress = system.App.GetEndpoint(service, "http") };
        var document = await direct.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var wrong = new List<string>();
        int calls = 0, routes = 0;
        foreach (var route in document.GetProperty("paths").EnumerateObject())
        {
            routes++;
            foreach (var operation in route.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                var bodies = method is "POST" or "PUT" or "PATCH" ? BadInputTests.Bodies.Cast<string?>() : [null];
                foreach (var (path, idsExist) in Paths(route.Name, existing))
                {
                    foreach (var query in Queries(operation.Value))
                    {
                        foreach (var (caller, token, maySee) in callers)
                        {
                            foreach (var body in bodies)
                            {
                                var call = new Call(method, path + query, caller, token, body, idsExist && maySee && query.Length == 0);
                                // The public routes the same way through the gateway, as a partner's program calls them.
                                foreach (var door in path.StartsWith("/api/") ? [direct, system.Gateway] : new[] { direct })
                                {
                                    calls++;
                                    if (await CheckAsync(door, call) is { } problem)
                                    {
                                        wrong.Add(door == direct ? problem : $"through the gateway, {problem}");
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        Assert.True(routes > 0, $"the OpenAPI document of {service} lists no route");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {calls} calls answered wrongly:\n{string.Join("\n", wrong.Distinct().Take(40))}");
    }

    /// <summary>What is wrong with the answer to one call, or null when it is as the contract says.</summary>
    private static async Task<string?> CheckAsync(HttpClient service, Call call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
        if (call.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.Token);
        }

        if (call.Body is not null)
        {
            request.Content = new StringContent(call.Body, Encoding.UTF8, "application/json");
        }

        using var response = await service.SendAsync(request);
        var status = (int)response.StatusCode;
        var what = $"{call.Caller}: {call.Method} {Shorten(call.Path)} {Shorten(call.Body)} -> {status}";
        if (status >= 500)
        {
            return what;
        }

        if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{what} {response.Content.Headers.ContentType?.MediaType ?? "without a body"}";
        }

        return response.StatusCode == HttpStatusCode.NotFound && call.IdsExist && call.Method == "GET" && call.Body is null
            ? $"{what}: a route that exists, for ids that exist"
            : null;
    }

    /// <summary>The route with its ids filled in: ones that exist (where the sweep knows one), unknown ones, and non-ids.</summary>
    private static IEnumerable<(string Path, bool IdsExist)> Paths(string template, IReadOnlyDictionary<string, string> existing)
    {
        var names = RouteParameter().Matches(template).Select(m => m.Groups["name"].Value).ToList();
        string Fill(Func<string, string> value) => RouteParameter().Replace(template, m => value(m.Groups["name"].Value));

        if (names.Count == 0)
        {
            yield return (template, true);
            yield break;
        }

        yield return (Fill(name => existing.GetValueOrDefault(name) ?? Guid.NewGuid().ToString()), names.All(existing.ContainsKey));
        yield return (Fill(_ => Guid.NewGuid().ToString()), false);
        foreach (var malformed in MalformedIds)
        {
            yield return (Fill(_ => malformed), false);
        }
    }

    /// <summary>No query, then each query parameter the operation declares with each wrong value.</summary>
    private static IEnumerable<string> Queries(JsonElement operation)
    {
        yield return "";
        if (!operation.TryGetProperty("parameters", out var parameters))
        {
            yield break;
        }

        foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
        {
            foreach (var value in BadQueryValues)
            {
                yield return $"?{parameter.GetProperty("name").GetString()}={value}";
            }
        }
    }

    private static string? Shorten(string? text) => text is { Length: > 60 } ? $"{text[..60]}…" : text;

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
