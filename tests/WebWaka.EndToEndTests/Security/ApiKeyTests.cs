using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;
using static WebWaka.Identity.ServiceNames;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// A partner's API key, as its automation and an attacker would use it: it acts for its own partner with a partner admin's
/// rights, every call is audited, it cannot make more keys, it works only through the gateway, and it stops at the
/// request after it is revoked or expires.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ApiKeyTests(DistributedAppFixture system)
{
    [Fact]
    public async Task An_API_key_works_for_its_partner_only_is_audited_and_stops_the_moment_it_is_revoked()
    {
        var owner = await system.CreatePartnerAsync("Keyed Agency");
        var other = await system.CreatePartnerAsync("Unkeyed Agency");
        var othersClient = (await other.Admin.ProvisionAsync(ClientPlatforms.Request($"unkeyed-{Guid.NewGuid():N}"[..20]))).GetProperty("tenantId").GetString();

        using var created = await owner.Admin.PostAsJsonAsync("/api/partner/api-keys", new { name = "Deploy bot" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var made = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = made.GetProperty("key").GetString()!;
        Assert.StartsWith("wwk_", key);

        // Shown once: the list never carries it.
        var listed = await owner.Admin.GetStringAsync("/api/partner/api-keys");
        Assert.Contains("Deploy bot", listed);
        Assert.DoesNotContain(key[^20..], listed);

        using var bot = system.ClientWithToken(key);
        var slug = $"keyed-{Guid.NewGuid():N}"[..20];
        // Whatever partner the body names, the client is the key's partner's.
        var status = await bot.ProvisionAsync(new
        {
            name = $"Client {slug}", slug, createdByPartnerId = other.Id, partnerId = other.Id,
            instance = new { name = "Main", suites = new[] { "commerce" } },
            admin = new { email = ClientPlatforms.AdminOf(slug), name = "Admin" },
        });
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        var client = await owner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{status.GetProperty("tenantId").GetString()}");
        Assert.Equal(owner.Id, client.GetProperty("createdByPartnerId").GetGuid());
        Assert.Equal(0, (await other.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients?search={slug}")).GetProperty("total").GetInt32());

        // Only its own partner's: another partner's client is not found, and keys are a person's business.
        Assert.Equal(HttpStatusCode.NotFound, (await bot.GetAsync($"/api/partner/clients/{othersClient}")).StatusCode);
        using var keyMakingKey = await bot.PostAsJsonAsync("/api/partner/api-keys", new { name = "Another" });
        await ProblemAssert.IsProblemAsync(keyMakingKey, HttpStatusCode.Forbidden, "FORBIDDEN");

        // Through the gateway only: a service called directly does not take it.
        using var direct = system.AroundTheGateway(Partner, bot);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("/api/partner/limits")).StatusCode);

        // Every call audited as the key's, and its last use shown.
        var used = await Eventually.GetAsync(
            () => owner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?entity=api-key&pageSize=100"),
            audit => audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "used") >= 3,
            TimeSpan.FromSeconds(15), "the key's calls in the audit trail");
        Assert.Contains(used.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "used" &&
            e.GetProperty("after").GetProperty("method").GetString() == "POST" && e.GetProperty("after").GetProperty("path").GetString() == "/api/partner/clients" &&
            e.GetProperty("actor").GetProperty("email").GetString() == "Deploy bot (API key)");
        var listedKey = (await owner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/api-keys")).GetProperty("items")[0];
        Assert.Equal(JsonValueKind.String, listedKey.GetProperty("lastUsedAt").ValueKind);

        // Revoked: the very next request is refused.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Admin.DeleteAsync($"/api/partner/api-keys/{made.GetProperty("id").GetString()}")).StatusCode);
        using var afterRevocation = await bot.GetAsync("/api/partner/clients");
        await ProblemAssert.IsProblemAsync(afterRevocation, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Revoked", (await owner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/api-keys")).GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_guessed_secret_an_unknown_key_and_an_expired_key_open_nothing()
    {
        var owner = await system.CreatePartnerAsync("Expiring Agency");
        using var created = await owner.Admin.PostAsJsonAsync("/api/partner/api-keys", new { name = "Short", expiresAt = DateTimeOffset.UtcNow.AddSeconds(10) });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

        foreach (var guess in new[] { key[..^4] + "AAAA", $"wwk_{Guid.NewGuid():N}_{key[37..]}", "wwk_not-a-key" })
        {
            using var guessed = system.ClientWithToken(guess);
            await ProblemAssert.IsProblemAsync(await guessed.GetAsync("/api/partner/clients"), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        using var bot = system.ClientWithToken(key);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/api/partner/clients")).StatusCode);
        await Eventually.GetAsync(async () => (await bot.GetAsync("/api/partner/clients")).StatusCode,
            code => code == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30), "the key refused once expired");
    }
}
