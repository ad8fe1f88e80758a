using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The public API in one OpenAPI document at the gateway, with a reference to browse it.</summary>
[Collection(SystemCollection.Name)]
public sealed class ApiDocumentTests(DistributedAppFixture system)
{
    [Fact]
    public async Task The_gateway_serves_every_services_public_routes_in_one_document_with_the_problem_codes_and_no_internal_route()
    {
        var document = await system.Gateway.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.Equal("WebWaka API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.False(document.TryGetProperty("x-missing-services", out _));
        // A group's root route may be written with or without its trailing slash.
        var paths = document.GetProperty("paths").EnumerateObject().GroupBy(p => p.Name.TrimEnd('/'))
            .ToDictionary(g => g.Key, g => g.SelectMany(p => p.Value.EnumerateObject().Select(o => o.Name)).ToList());
        Assert.All(paths.Keys, path => Assert.StartsWith("/api/", path));
        foreach (var (path, method) in new[]
        {
            ("/api/auth/token", "post"), ("/api/partner/clients/", "post"), ("/api/partner/clients/", "get"),
            ("/api/partner/clients/{tenantId}/instances/{instanceId}/suites", "put"),
            ("/api/partner/clients/{tenantId}/instances/{instanceId}/domains/{hostname}/verify", "post"),
            ("/api/partner/clients/{tenantId}/invitations/{invitationId}/resend", "post"), ("/api/partner/users/invitations/", "post"),
            ("/api/partner/signup-links/", "post"), ("/api/public/signup-links/{token}/signup", "post"), ("/api/public/partners", "get"),
            ("/api/public/partner-applications", "post"), ("/api/admin/partner-applications/{applicationId}/approve", "post"), ("/api/partner/audit", "get"),
            ("/api/invitations/{token}/accept", "post"), ("/api/catalog/suites", "get"),
        })
        {
            Assert.True(paths.TryGetValue(path.TrimEnd('/'), out var methods) && methods.Contains(method),
                $"{method} {path} is not in the document: {string.Join(", ", paths.Keys)}");
        }

        var codes = document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemCode").GetProperty("enum").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("DOMAIN_TAKEN", codes);
        Assert.Contains("PARTNER_ATTRIBUTION_IMMUTABLE", codes);
        Assert.Contains("`SIGNUP_LINK_USED_UP`", document.GetProperty("info").GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_API_reference_is_a_page_of_the_gateway()
    {
        using var page = await system.Gateway.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WebWaka API", await page.Content.ReadAsStringAsync());
    }
}
