using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// A partner's limits, set for it by WebWaka and shown to it: forty client platforms asked for at once are forty accepted
/// and the forty-first refused with when to try again; one provisioning in flight at most means the second waits.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class QuotaTests(DistributedAppFixture system)
{
    [Fact]
    public async Task The_41st_create_in_a_minute_is_429_with_Retry_After_and_the_partner_sees_its_limits()
    {
        var partner = await system.CreatePartnerAsync("Busy Agency");
        await SetLimitsAsync(partner, new { createsPerMinute = 40, provisioningsInFlight = (int?)null });
        var limits = await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/limits");
        Assert.Equal((40, 0), (limits.GetProperty("createsPerMinute").GetProperty("limit").GetInt32(), limits.GetProperty("createsPerMinute").GetProperty("used").GetInt32()));

        var answers = await Task.WhenAll(Enumerable.Range(0, 41).Select(async _ =>
            await partner.Admin.PostAsJsonAsync("/api/partner/clients", ClientPlatforms.Request($"busy-{Guid.NewGuid():N}"[..20]))));

        Assert.Equal(40, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Accepted);
        Assert.InRange(int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After"))), 1, 60);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests, "QUOTA_EXCEEDED");
        Assert.Equal(40, (await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/limits")).GetProperty("createsPerMinute").GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task With_one_provisioning_in_flight_allowed_a_second_asked_at_once_waits()
    {
        var partner = await system.CreatePartnerAsync("Careful Agency");
        await SetLimitsAsync(partner, new { createsPerMinute = (int?)null, provisioningsInFlight = 1 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            await partner.Admin.PostAsJsonAsync("/api/partner/clients", ClientPlatforms.Request($"careful-{Guid.NewGuid():N}"[..20]))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        await ProblemAssert.IsProblemAsync(Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Accepted), HttpStatusCode.TooManyRequests, "QUOTA_EXCEEDED");
        var limits = await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/limits");
        Assert.Equal(1, limits.GetProperty("provisioningsInFlight").GetProperty("limit").GetInt32());
    }

    private async Task SetLimitsAsync(RealPartner partner, object limits)
    {
        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        (await operatorClient.PutAsJsonAsync($"/api/admin/partners/{partner.Id}/limits", limits)).EnsureSuccessStatusCode();
    }
}
