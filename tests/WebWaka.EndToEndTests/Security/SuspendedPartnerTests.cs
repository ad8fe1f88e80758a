using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// A partner suspended by WebWaka keeps the tokens it holds, but they change nothing any more, within seconds, at the
/// gateway and at every service called around it; they still read. Its people cannot sign in until it is active again.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SuspendedPartnerTests(DistributedAppFixture system)
{
    private static readonly TimeSpan WithinSeconds = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_suspended_partner_reads_its_clients_changes_nothing_anywhere_within_seconds_and_cannot_sign_in()
    {
        var partner = await system.CreatePartnerAsync("Paused Agency");
        var client = await partner.Admin.ProvisionAsync(ClientPlatforms.Request($"paused-{Guid.NewGuid():N}"[..20]));
        var tenantId = client.GetProperty("tenantId").GetGuid();
        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);

        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/suspend", null)).EnsureSuccessStatusCode();

        // Each process hears of it on its own: an empty body (a 400 to an active partner, so nothing can change) is sent
        // until it is refused; then the real change, once. At the gateway, then around it at every service.
        var lateSlug = $"paused-late-{Guid.NewGuid():N}"[..24];
        var changes = new (string? Service, HttpMethod Method, string Path, object Body)[]
        {
            (null, HttpMethod.Patch, $"/api/partner/clients/{tenantId}", new { name = "Renamed Through The Gateway" }),
            ("partner-api", HttpMethod.Post, "/api/partner/clients", ClientPlatforms.Request(lateSlug)),
            ("tenant-api", HttpMethod.Patch, $"/api/partner/clients/{tenantId}", new { name = "Renamed Around The Gateway" }),
            ("instance-api", HttpMethod.Post, $"/api/partner/clients/{tenantId}/instances", new { name = "Second", suites = new[] { "commerce" } }),
            ("invitation-api", HttpMethod.Post, $"/api/partner/clients/{tenantId}/invitations", new { email = $"late-{Guid.NewGuid():N}@paused.example" }),
        };
        foreach (var (service, method, path, body) in changes)
        {
            using var caller = service is null ? null : system.AroundTheGateway(service, partner.Admin);
            var http = caller ?? partner.Admin;
            await Eventually.GetAsync(() => http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) }),
                response => response.StatusCode == HttpStatusCode.Forbidden, WithinSeconds, $"the suspension heard by {service ?? "the gateway"}");
            await ProblemAssert.IsProblemAsync(await http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) }),
                HttpStatusCode.Forbidden, "PARTNER_NOT_ACTIVE");
        }

        // It still reads what is its own, and nothing was changed or created.
        var detail = await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{tenantId}");
        Assert.Equal("Active", detail.GetProperty("status").GetString());
        Assert.DoesNotContain("Renamed", detail.GetProperty("name").GetString());
        Assert.Single(detail.GetProperty("instances").EnumerateArray());
        Assert.Equal(0L, await system.QueryAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug = '{lateSlug}'"));

        using (var signIn = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email = partner.AdminEmail, password = RealPartners.AdminPassword }))
        {
            await ProblemAssert.IsProblemAsync(signIn, HttpStatusCode.Forbidden, "PARTNER_NOT_ACTIVE");
        }

        // Active again: the same token changes things again, within seconds, and its people sign in.
        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/activate", null)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => partner.Admin.PatchAsJsonAsync($"/api/partner/clients/{tenantId}", new { name = "Back At Work" }),
            response => response.StatusCode == HttpStatusCode.OK, WithinSeconds, "the reactivated partner's change accepted");
        Assert.Equal(HttpStatusCode.OK, (await system.Gateway.PostAsJsonAsync("/api/auth/token",
            new { email = partner.AdminEmail, password = RealPartners.AdminPassword })).StatusCode);
    }
}
