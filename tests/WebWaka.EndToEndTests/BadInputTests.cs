using System.Net;
using System.Text;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>Every endpoint, fed what a careless or hostile client sends: a 4xx problem each time, never a 500, never naming internals.</summary>
[Collection(SystemCollection.Name)]
public sealed class BadInputTests(DistributedAppFixture system)
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/api/auth/token"),
        ("GET", "/api/partner/me"),
        ("POST", "/api/partner/clients"),
        ("GET", "/api/partner/clients"),
        ("GET", "/api/partner/clients/{id}"),
        ("PATCH", "/api/partner/clients/{id}"),
        ("POST", "/api/partner/clients/{id}/suspend"),
        ("GET", "/api/partner/clients/provisioning/{id}"),
        ("GET", "/api/admin/partners"),
        ("POST", "/api/admin/partners"),
        ("POST", "/api/admin/partners/{id}/suspend"),
        ("GET", "/api/invitations/{id}"),
        ("POST", "/api/invitations/{id}/accept"),
        ("GET", "/api/catalog/suites"),
        ("POST", "/api/signup"),
    ];

    /// <summary>Bodies of every wrong kind, shared by the sweeps.</summary>
    internal static readonly string[] Bodies =
    [
        "", "null", "[]", "{}", "\"text\"", "42", "{\"name\":", "{\"name\": {\"deep\": [1, 2, {}]}}",
        "{\"name\": 1e999, \"slug\": true, \"instance\": \"x\", \"admin\": [], \"suites\": null}",
        "{\"email\": null, \"password\": 12}", "\u0000\u0001", "{\"name\": \"\\ud800\"}",
    ];

    // Not "%00": Kestrel refuses a NUL in the request line itself, with a bare 400, before any code of ours runs.
    private static readonly string[] Ids = ["not-a-guid", "00000000-0000-0000-0000-000000000000", "%20", "..%2F..%2Finternal", "%E2%82%AC", new string('9', 300)];

    public static TheoryData<string, string> Requests()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in Endpoints)
        {
            data.Add(method, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Garbage_never_gets_a_500(string method, string template)
    {
        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        var answers = new List<string>();
        foreach (var id in Ids)
        {
            var path = template.Replace("{id}", id);
            foreach (var body in method == "GET" ? [""] : Bodies)
            {
                foreach (var contentType in method == "GET" ? ["application/json"] : new[] { "application/json", "text/plain" })
                {
                    var request = new HttpRequestMessage(new HttpMethod(method), path);
                    if (method != "GET")
                    {
                        request.Content = new StringContent(body, Encoding.UTF8, contentType);
                    }

                    using var response = await admin.SendAsync(request);
                    var status = (int)response.StatusCode;
                    if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                    {
                        answers.Add($"{method} {path} [{contentType}] {body} -> {status} {response.Content.Headers.ContentType?.MediaType}");
                    }

                    // What went wrong is said in the caller's terms, never in the .NET types and parameters behind the endpoint.
                    if (await response.Content.ReadAsStringAsync() is var answer && (answer.Contains("System.") || answer.Contains("parameter \"")))
                    {
                        answers.Add($"{method} {path} [{contentType}] {body} -> names internals: {answer}");
                    }
                }
            }

            if (!template.Contains("{id}"))
            {
                break;
            }
        }

        Assert.Empty(answers);
    }

    [Fact]
    public async Task Bad_query_values_are_4xx_problems()
    {
        var partner = await system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);

        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        string[] queries =
        [
            "page=0", "page=-1", "page=abc", "pageSize=0", "pageSize=101", "pageSize=1e9", "status=Deleted", "status=active", "page=99999999999",
            // The row offset of this page overflows a 32-bit integer; a search this long would scan for seconds.
            "page=2147483647", "page=100001", $"search={new string('a', 7000)}",
        ];
        foreach (var (client, list) in new[] { (partner, "/api/partner/clients"), (admin, "/api/admin/partners") })
        {
            foreach (var query in queries)
            {
                using var response = await client.GetAsync($"{list}?{query}");
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{list}?{query[..Math.Min(query.Length, 40)]} -> {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }
}
