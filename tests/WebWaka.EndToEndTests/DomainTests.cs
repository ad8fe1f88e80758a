using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Contracts;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>
/// Custom domains proved against a real DNS server (AppHost's dnsmasq): pending until the TXT record holds the value
/// asked for, then mapped; one instance holds a hostname, however many claim it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DomainTests(DistributedAppFixture system)
{
    private static string NewHostname(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20] + ".example.com";

    private static async Task<string> DomainsOfAsync(RealPartner partner)
    {
        var tenantId = (await partner.Admin.ProvisionAsync(ClientPlatforms.Request($"dom-{Guid.NewGuid():N}"[..24]))).GetProperty("tenantId").GetGuid();
        var instances = $"/api/partner/clients/{tenantId}/instances";
        var instanceId = (await partner.Admin.GetFromJsonAsync<JsonElement>(instances)).GetProperty("items")[0].GetProperty("id").GetGuid();
        return $"{instances}/{instanceId}/domains";
    }

    private static async Task<JsonElement> ClaimAsync(HttpClient partner, string domains, string hostname)
    {
        using var response = await partner.PostAsJsonAsync(domains, new { hostname });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_domain_is_refused_until_its_TXT_record_holds_the_value_then_mapped_made_primary_and_unmapped()
    {
        var partner = await system.CreatePartnerAsync("Domain Owner");
        var domains = await DomainsOfAsync(partner);
        var hostname = NewHostname("shop");
        await using var mapped = await system.WatchAsync<DomainMapped>();
        await using var unmapped = await system.WatchAsync<DomainUnmapped>();

        var claim = await ClaimAsync(partner.Admin, domains, hostname.ToUpperInvariant());
        Assert.Equal((hostname, "Pending", false), (claim.GetProperty("hostname").GetString(), claim.GetProperty("status").GetString(), claim.GetProperty("primary").GetBoolean()));
        var record = claim.GetProperty("verification");
        Assert.Equal(("TXT", $"_webwaka-challenge.{hostname}"), (record.GetProperty("type").GetString(), record.GetProperty("name").GetString()));
        var value = record.GetProperty("value").GetString()!;
        // Claiming it again answers the same claim.
        using (var again = await partner.Admin.PostAsJsonAsync(domains, new { hostname }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(value, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verification").GetProperty("value").GetString());
        }

        var missing = await ProblemAssert.IsProblemAsync(await partner.Admin.PostAsync($"{domains}/{hostname}/verify", null), HttpStatusCode.Conflict, "DOMAIN_VERIFICATION_FAILED");
        Assert.Empty(missing.GetProperty("found").EnumerateArray());
        Assert.Equal(value, missing.GetProperty("expected").GetProperty("value").GetString());

        await system.SetTxtRecordsAsync($"_webwaka-challenge.{hostname}", "not-the-value");
        var wrong = await ProblemAssert.IsProblemAsync(await partner.Admin.PostAsync($"{domains}/{hostname}/verify", null), HttpStatusCode.Conflict, "DOMAIN_VERIFICATION_FAILED");
        Assert.Equal(["not-the-value"], wrong.GetProperty("found").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("not-the-value", wrong.GetProperty("detail").GetString());

        await system.SetTxtRecordsAsync($"_webwaka-challenge.{hostname}", value);
        using var verifiedResponse = await partner.Admin.PostAsync($"{domains}/{hostname}/verify", null);
        Assert.Equal(HttpStatusCode.OK, verifiedResponse.StatusCode);
        var verified = await verifiedResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Verified", true), (verified.GetProperty("status").GetString(), verified.GetProperty("primary").GetBoolean()));
        Assert.Single(await mapped.WaitForAsync(e => e.Hostname == hostname, "DomainMapped on the bus"));

        // A second verified domain is not primary until the partner says so; then the first lets go.
        var second = NewHostname("www");
        var secondValue = (await ClaimAsync(partner.Admin, domains, second)).GetProperty("verification").GetProperty("value").GetString()!;
        await system.SetTxtRecordsAsync($"_webwaka-challenge.{second}", secondValue);
        Assert.False((await (await partner.Admin.PostAsync($"{domains}/{second}/verify", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("primary").GetBoolean());
        (await partner.Admin.PostAsync($"{domains}/{second}/primary", null)).EnsureSuccessStatusCode();
        var listed = (await partner.Admin.GetFromJsonAsync<JsonElement>(domains)).GetProperty("items").EnumerateArray()
            .ToDictionary(d => d.GetProperty("hostname").GetString()!, d => d.GetProperty("primary").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { [hostname] = false, [second] = true }, listed);

        Assert.Equal(HttpStatusCode.NoContent, (await partner.Admin.DeleteAsync($"{domains}/{second}")).StatusCode);
        Assert.Single(await unmapped.WaitForAsync(e => e.Hostname == second, "DomainUnmapped on the bus"));
        Assert.True((await partner.Admin.GetFromJsonAsync<JsonElement>($"{domains}/{hostname}")).GetProperty("primary").GetBoolean());

        var trail = await Eventually.GetAsync(() => partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?entity=domain"),
            page => page.GetProperty("total").GetInt32() >= 6, TimeSpan.FromSeconds(15), "the domain changes in the trail");
        Assert.Equal(["removed", "made-primary", "verified", "added", "verified", "added"], trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Two_partners_racing_to_verify_one_hostname_one_wins_and_nobody_can_claim_it_after()
    {
        var blue = await system.CreatePartnerAsync("Blue Racer");
        var green = await system.CreatePartnerAsync("Green Racer");
        var blueDomains = await DomainsOfAsync(blue);
        var greenDomains = await DomainsOfAsync(green);
        var hostname = NewHostname("race");

        var blueValue = (await ClaimAsync(blue.Admin, blueDomains, hostname)).GetProperty("verification").GetProperty("value").GetString()!;
        var greenValue = (await ClaimAsync(green.Admin, greenDomains, hostname)).GetProperty("verification").GetProperty("value").GetString()!;
        await system.SetTxtRecordsAsync($"_webwaka-challenge.{hostname}", blueValue, greenValue);

        // Neither sees the other's claim.
        await ProblemAssert.IsProblemAsync(await green.Admin.GetAsync($"{blueDomains}/{hostname}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await ProblemAssert.IsProblemAsync(await green.Admin.PostAsync($"{blueDomains}/{hostname}/verify", null), HttpStatusCode.NotFound, "NOT_FOUND");

        var answers = await Task.WhenAll(blue.Admin.PostAsync($"{blueDomains}/{hostname}/verify", null), green.Admin.PostAsync($"{greenDomains}/{hostname}/verify", null));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        await ProblemAssert.IsProblemAsync(answers.Single(a => a.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict, "DOMAIN_TAKEN");
        Assert.Equal(1L, await system.QueryAsync("instancedb", $"SELECT count(*) FROM domains WHERE hostname = '{hostname}' AND status = 'Verified'"));

        // Once mapped, a new claim anywhere is refused at once, and so is a client created with it.
        var thirdDomains = await DomainsOfAsync(blue);
        await ProblemAssert.IsProblemAsync(await blue.Admin.PostAsJsonAsync(thirdDomains, new { hostname }), HttpStatusCode.Conflict, "DOMAIN_TAKEN");
        var provisioning = await green.Admin.ProvisionAsync(ClientPlatforms.Request($"late-{Guid.NewGuid():N}"[..24], hostname));
        Assert.Equal(("Failed", "DOMAIN_TAKEN"), (provisioning.GetProperty("status").GetString(), provisioning.GetProperty("failure").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_domain_given_at_creation_is_claimed_pending_and_verified_by_the_background_check_once_its_record_appears()
    {
        var partner = await system.CreatePartnerAsync("Patient Agency");
        var hostname = NewHostname("later");
        var status = await partner.Admin.ProvisionAsync(ClientPlatforms.Request($"bg-{Guid.NewGuid():N}"[..24], hostname));
        var tenantId = status.GetProperty("tenantId").GetGuid();
        var instance = (await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{tenantId}/instances")).GetProperty("items")[0];
        Assert.Equal("Pending", instance.GetProperty("domains")[0].GetProperty("status").GetString());
        var domain = $"/api/partner/clients/{tenantId}/instances/{instance.GetProperty("id").GetGuid()}/domains/{hostname}";
        var value = (await partner.Admin.GetFromJsonAsync<JsonElement>(domain)).GetProperty("verification").GetProperty("value").GetString()!;

        await system.SetTxtRecordsAsync($"_webwaka-challenge.{hostname}", value);

        var verified = await Eventually.GetAsync(() => partner.Admin.GetFromJsonAsync<JsonElement>(domain),
            d => d.GetProperty("status").GetString() == "Verified", TimeSpan.FromSeconds(20), "verified by the background check");
        Assert.True(verified.GetProperty("primary").GetBoolean());
        var detail = await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{tenantId}");
        Assert.Equal("Verified", detail.GetProperty("instances")[0].GetProperty("domains")[0].GetProperty("status").GetString());
    }
}
