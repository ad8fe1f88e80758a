using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The audit trail: every change a person makes, who made it, the values before and after; never edited.</summary>
[Collection(SystemCollection.Name)]
public sealed class AuditTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_clients_changes_are_in_its_partners_trail_once_and_in_the_operators_and_nobody_can_edit_them()
    {
        var partner = await system.CreatePartnerAsync("Audited Agency");
        var status = await partner.Admin.ProvisionAsync(ClientPlatforms.Request($"audit-{Guid.NewGuid():N}"[..24]));
        var tenantId = status.GetProperty("tenantId").GetGuid();
        var before = DateTimeOffset.UtcNow;
        (await partner.Admin.PatchAsJsonAsync($"/api/partner/clients/{tenantId}", new { name = "Audited Client" })).EnsureSuccessStatusCode();
        (await partner.Admin.PostAsync($"/api/partner/clients/{tenantId}/suspend", null)).EnsureSuccessStatusCode();

        var trail = await Eventually.GetAsync(
            () => partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/audit?entity=client&from={Uri.EscapeDataString(before.ToString("O"))}"),
            page => page.GetProperty("total").GetInt32() >= 2, TimeSpan.FromSeconds(15), "the client's two changes in the trail");
        var entries = trail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["suspended", "renamed"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal(tenantId.ToString(), e.GetProperty("entityId").GetString()));
        Assert.Equal("Active", entries[0].GetProperty("before").GetProperty("status").GetString());
        Assert.Equal("Suspended", entries[0].GetProperty("after").GetProperty("status").GetString());
        Assert.Equal("Audited Client", entries[1].GetProperty("after").GetProperty("name").GetString());
        Assert.All(entries, e => Assert.Equal(("PARTNER_ADMIN", partner.AdminEmail),
            (e.GetProperty("actor").GetProperty("role").GetString(), e.GetProperty("actor").GetProperty("email").GetString())));

        // The request that created the client opens the client's own trail; the operator's creation of the partner is
        // in the partner's.
        var opening = await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/audit?clientId={tenantId}&entity=provisioning");
        var request = Assert.Single(opening.GetProperty("items").EnumerateArray());
        Assert.Equal((status.GetProperty("provisioningId").GetString(), "requested", partner.AdminEmail),
            (request.GetProperty("entityId").GetString(), request.GetProperty("action").GetString(), request.GetProperty("actor").GetProperty("email").GetString()));
        var all = await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?pageSize=100");
        Assert.Contains(all.GetProperty("items").EnumerateArray(), e => e.GetProperty("entity").GetString() == "partner" &&
            e.GetProperty("action").GetString() == "created" && e.GetProperty("actor").GetProperty("role").GetString() == "SUPER_ADMIN");

        // A window that ends before the changes shows none of them.
        var earlier = await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/audit?entity=client&to={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.Equal(0, earlier.GetProperty("total").GetInt32());

        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        var operators = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/admin/audit?partnerId={partner.Id}&entity=client");
        Assert.Equal(entries.Select(e => e.GetProperty("id").GetGuid()), operators.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        await ProblemAssert.IsProblemAsync(await partner.Admin.GetAsync("/api/admin/audit"), HttpStatusCode.Forbidden, "FORBIDDEN");

        var entryId = entries[0].GetProperty("id").GetGuid();
        foreach (var tamper in new[]
        {
            $"UPDATE audit_entries SET after = '{{\"status\":\"Active\"}}' WHERE id = '{entryId}'",
            $"DELETE FROM audit_entries WHERE id = '{entryId}'",
            "TRUNCATE audit_entries",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => system.QueryAsync("partnerdb", tamper));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        Assert.Equal(1L, await system.QueryAsync("partnerdb", $"SELECT count(*) FROM audit_entries WHERE id = '{entryId}' AND after->>'status' = 'Suspended'"));
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z")]
    [InlineData("page=0")]
    public async Task A_bad_filter_is_a_problem(string query)
    {
        var client = await system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);
        using var response = await client.GetAsync($"/api/partner/audit?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
