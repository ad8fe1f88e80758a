using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Contracts;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>A partner runs its client's instances through the gateway: adds, renames, re-suites, rebrands and removes them.</summary>
[Collection(SystemCollection.Name)]
public sealed class InstanceTests(DistributedAppFixture system)
{
    private static async Task<Guid> ProvisionAsync(RealPartner partner)
    {
        var status = await partner.Admin.ProvisionAsync(ClientPlatforms.Request($"inst-{Guid.NewGuid():N}"[..24]));
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        return status.GetProperty("tenantId").GetGuid();
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} -> {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
    }

    [Fact]
    public async Task A_partner_adds_renames_re_suites_rebrands_and_removes_its_clients_instances()
    {
        var partner = await system.CreatePartnerAsync("Instance Agency");
        var tenantId = await ProvisionAsync(partner);
        var instances = $"/api/partner/clients/{tenantId}/instances";
        await using var suitesChanged = await system.WatchAsync<InstanceSuitesChanged>();
        await using var rebranded = await system.WatchAsync<InstanceBrandingChanged>();

        var first = Assert.Single((await partner.Admin.GetFromJsonAsync<JsonElement>(instances)).GetProperty("items").EnumerateArray());
        Assert.Equal(["commerce"], first.GetProperty("suites").EnumerateArray().Select(s => s.GetString()));

        // Added twice under one Idempotency-Key: one instance.
        var body = new { name = "Front office", suites = new[] { "hospitality" }, branding = new { displayName = "Front", primaryColor = "#112233" } };
        Guid added = default;
        foreach (var _ in new[] { 1, 2 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, instances) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", $"front-{tenantId}");
            using var response = await partner.Admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var created = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal($"{instances}/{created.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
            added = added == default ? created.GetProperty("id").GetGuid() : added;
            Assert.Equal(added, created.GetProperty("id").GetGuid());
        }

        Assert.Equal(2, (await partner.Admin.GetFromJsonAsync<JsonElement>(instances)).GetProperty("total").GetInt32());
        var instance = $"{instances}/{added}";

        var renamed = await SendAsync(partner.Admin, HttpMethod.Patch, instance, new { name = "Reception" }, HttpStatusCode.OK);
        Assert.Equal("Reception", renamed.GetProperty("name").GetString());

        var suites = await SendAsync(partner.Admin, HttpMethod.Put, $"{instance}/suites", new { suites = new[] { "hospitality", "logistics" } }, HttpStatusCode.OK);
        Assert.Equal(["hospitality", "logistics"], suites.GetProperty("suites").EnumerateArray().Select(s => s.GetString()));
        var suitesEvent = Assert.Single(await suitesChanged.WaitForAsync(e => e.InstanceId == added, "InstanceSuitesChanged on the bus"));
        Assert.Equal(["hospitality"], suitesEvent.PreviousSuites);
        Assert.Equal(["hospitality", "logistics"], suitesEvent.Suites);
        Assert.Equal((partner.Id, tenantId), (suitesEvent.PartnerId, suitesEvent.TenantId));

        foreach (var wrong in new object[] { new { suites = new[] { "astrology" } }, new { suites = Array.Empty<string>() }, new { } })
        {
            await ProblemAssert.IsProblemAsync(await partner.Admin.PutAsJsonAsync($"{instance}/suites", wrong), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        }

        var badBranding = await ProblemAssert.IsProblemAsync(await partner.Admin.PutAsJsonAsync($"{instance}/branding",
            new { displayName = "Reception", logoUrl = "http://logo.example/a.png", primaryColor = "red" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(["logoUrl", "primaryColor"], badBranding.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        var brand = new { displayName = "Reception Desk", logoUrl = "https://cdn.example/logo.png", primaryColor = "#0A0B0C", accentColor = "#FFAA00" };
        var branded = await SendAsync(partner.Admin, HttpMethod.Put, $"{instance}/branding", brand, HttpStatusCode.OK);
        Assert.Equal("https://cdn.example/logo.png", branded.GetProperty("branding").GetProperty("logoUrl").GetString());
        var brandingEvent = Assert.Single(await rebranded.WaitForAsync(e => e.InstanceId == added, "InstanceBrandingChanged on the bus"));
        Assert.Equal(new Branding("Front", null, "#112233", null), brandingEvent.PreviousBranding);
        Assert.Equal(new Branding("Reception Desk", "https://cdn.example/logo.png", "#0A0B0C", "#FFAA00"), brandingEvent.Branding);

        // The client's detail shows both instances as the contract's types.
        var detail = await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{tenantId}");
        var shown = detail.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == added);
        Assert.Equal("#FFAA00", shown.GetProperty("branding").GetProperty("accentColor").GetString());

        await SendAsync(partner.Admin, HttpMethod.Delete, instance, null, HttpStatusCode.NoContent);
        await SendAsync(partner.Admin, HttpMethod.Get, instance, null, HttpStatusCode.NotFound);
        var last = $"{instances}/{first.GetProperty("id").GetGuid()}";
        await ProblemAssert.IsProblemAsync(await partner.Admin.DeleteAsync(last), HttpStatusCode.Conflict, "LAST_INSTANCE");
        await SendAsync(partner.Admin, HttpMethod.Get, last, null, HttpStatusCode.OK);

        // Every change is in the partner's audit trail once, with the values before and after.
        var trail = await Eventually.GetAsync(
            () => partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/audit?entity=instance&pageSize=100"),
            page => page.GetProperty("total").GetInt32() >= 5, TimeSpan.FromSeconds(15), "five instance changes in the audit trail");
        var entries = trail.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("entityId").GetString() == added.ToString()).ToList();
        Assert.Equal(["removed", "branding-changed", "suites-changed", "renamed", "created"], entries.Select(e => e.GetProperty("action").GetString()));
        var suitesEntry = entries.Single(e => e.GetProperty("action").GetString() == "suites-changed");
        Assert.Equal(["hospitality"], suitesEntry.GetProperty("before").GetProperty("suites").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["hospitality", "logistics"], suitesEntry.GetProperty("after").GetProperty("suites").EnumerateArray().Select(s => s.GetString()));
        Assert.All(entries, e => Assert.Equal(partner.AdminEmail, e.GetProperty("actor").GetProperty("email").GetString()));
    }

    [Fact]
    public async Task The_instances_of_a_suspended_or_archived_client_can_be_read_but_not_changed()
    {
        var partner = await system.CreatePartnerAsync("Frozen Agency");
        var tenantId = await ProvisionAsync(partner);
        var instances = $"/api/partner/clients/{tenantId}/instances";
        var instanceId = (await partner.Admin.GetFromJsonAsync<JsonElement>(instances)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var suites = $"{instances}/{instanceId}/suites";

        (await partner.Admin.PostAsync($"/api/partner/clients/{tenantId}/suspend", null)).EnsureSuccessStatusCode();
        // The Instance service learns of the suspension from the Tenant service's event; until then, this probe changes nothing.
        await Eventually.GetAsync(() => partner.Admin.PutAsJsonAsync(suites, new { suites = new[] { "commerce" } }),
            response => response.StatusCode == HttpStatusCode.Conflict, TimeSpan.FromSeconds(15), "a suspended client's instance refused");
        var refused = await ProblemAssert.IsProblemAsync(await partner.Admin.PutAsJsonAsync(suites, new { suites = new[] { "health" } }),
            HttpStatusCode.Conflict, "CLIENT_READ_ONLY");
        Assert.Contains("Suspended", refused.GetProperty("title").GetString());
        await ProblemAssert.IsProblemAsync(await partner.Admin.PostAsJsonAsync(instances, new { name = "More", suites = new[] { "health" } }),
            HttpStatusCode.Conflict, "CLIENT_READ_ONLY");
        Assert.Equal(["commerce"], (await partner.Admin.GetFromJsonAsync<JsonElement>($"{instances}/{instanceId}")).GetProperty("suites")
            .EnumerateArray().Select(s => s.GetString()));

        (await partner.Admin.PostAsync($"/api/partner/clients/{tenantId}/activate", null)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => partner.Admin.PutAsJsonAsync(suites, new { suites = new[] { "health" } }),
            response => response.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(15), "an active client's instance changed");

        (await partner.Admin.PostAsync($"/api/partner/clients/{tenantId}/archive", null)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => partner.Admin.PutAsJsonAsync(suites, new { suites = new[] { "health" } }),
            response => response.StatusCode == HttpStatusCode.Conflict, TimeSpan.FromSeconds(15), "an archived client's instance refused");
    }

    [Fact]
    public async Task Another_partner_finds_none_of_a_clients_instances()
    {
        var owner = await system.CreatePartnerAsync("Owner Agency");
        var stranger = await system.CreatePartnerAsync("Stranger Agency");
        var tenantId = await ProvisionAsync(owner);
        var instances = $"/api/partner/clients/{tenantId}/instances";
        var instanceId = (await owner.Admin.GetFromJsonAsync<JsonElement>(instances)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var instance = $"{instances}/{instanceId}";

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, instances, null), (HttpMethod.Post, instances, new { name = "Mine now", suites = new[] { "civic" } }),
            (HttpMethod.Get, instance, null), (HttpMethod.Patch, instance, new { name = "Mine now" }), (HttpMethod.Delete, instance, null),
            (HttpMethod.Put, $"{instance}/suites", new { suites = new[] { "civic" } }), (HttpMethod.Put, $"{instance}/branding", new { displayName = "Mine" }),
        })
        {
            using var response = await stranger.Admin.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        var untouched = await owner.Admin.GetFromJsonAsync<JsonElement>(instance);
        Assert.Equal(("Main", "commerce"), (untouched.GetProperty("name").GetString(), untouched.GetProperty("suites")[0].GetString()));
        Assert.Equal(1, (await owner.Admin.GetFromJsonAsync<JsonElement>(instances)).GetProperty("total").GetInt32());
        var strangersTrail = await stranger.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?pageSize=100");
        Assert.DoesNotContain(strangersTrail.GetProperty("items").EnumerateArray(), e => e.GetProperty("entity").GetString() != "partner");
    }
}
