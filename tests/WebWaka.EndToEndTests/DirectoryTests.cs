using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>"Find a Partner" and "Become a Partner", as a visitor, a partner and the platform operator use them.</summary>
[Collection(SystemCollection.Name)]
public sealed class DirectoryTests(DistributedAppFixture system)
{
    private Task<HttpClient> OperatorAsync() => system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);

    private async Task<List<JsonElement>> FindAsync(string query) =>
        (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/public/partners?{query}")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_listed_partner_is_found_by_name_suite_and_region_with_public_fields_only_and_not_once_suspended()
    {
        var partner = await system.CreatePartnerAsync("Findable Agency");
        var name = (await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/me")).GetProperty("name").GetString()!;
        var unique = $"clinics-{Guid.NewGuid():N}"[..20];
        Assert.DoesNotContain(await FindAsync($"search={unique}"), _ => true);

        using (var saved = await partner.Admin.PutAsJsonAsync("/api/partner/profile", new
        {
            description = $"We run {unique} across the south-west.", website = "https://findable.example", regions = new[] { "Lagos", "Ibadan" },
            suites = new[] { "health" }, listedInDirectory = true,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var found = Assert.Single(await FindAsync($"search={unique}"));
        Assert.Equal(["description", "name", "regions", "slug", "suites", "website"], found.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal((name, partner.Slug), (found.GetProperty("name").GetString(), found.GetProperty("slug").GetString()));
        Assert.Single(await FindAsync($"search={unique}&suite=health&region=lagos"));
        Assert.Empty(await FindAsync($"search={unique}&suite=civic"));
        Assert.Empty(await FindAsync($"search={unique}&region=Kano"));

        var operatorClient = await OperatorAsync();
        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/suspend", null)).EnsureSuccessStatusCode();
        Assert.Empty(await FindAsync($"search={unique}"));
        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/activate", null)).EnsureSuccessStatusCode();
        // Active again: its changes are taken again once every process has heard (within seconds).
        await Eventually.GetAsync(() => partner.Admin.PutAsJsonAsync("/api/partner/profile", new { description = $"We run {unique}.", listedInDirectory = false }),
            response => response.IsSuccessStatusCode, TimeSpan.FromSeconds(10), "the reactivated partner's profile saved");
        Assert.Empty(await FindAsync($"search={unique}"));

        var bad = await ProblemAssert.IsProblemAsync(await partner.Admin.PutAsJsonAsync("/api/partner/profile",
            new { website = "ftp://findable.example", suites = new[] { "astrology" }, regions = new[] { "" } }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(["listedInDirectory", "regions", "suites", "website"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        await ProblemAssert.IsProblemAsync(await system.Gateway.GetAsync("/api/public/partners?suite=astrology"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task An_applicant_is_acknowledged_by_email_approved_by_the_operator_and_signs_in_as_the_new_partners_admin()
    {
        var organisation = $"Applicant {Guid.NewGuid():N}"[..22];
        var contact = $"founder-{Guid.NewGuid():N}@applicant.example";
        var application = new { organisationName = organisation, contactName = "Founder", contactEmail = contact, suites = new[] { "commerce" }, message = "We sell shops." };

        using var applied = await system.Gateway.PostAsJsonAsync("/api/public/partner-applications", application);
        Assert.Equal(HttpStatusCode.Accepted, applied.StatusCode);
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var inbox = system.Mail();
        var acknowledgement = Assert.Single(await Eventually.GetAsync(() => inbox.ToAsync(contact), m => m.Count > 0, TimeSpan.FromSeconds(20), "the acknowledgement"));
        Assert.Contains(organisation, acknowledgement.Text);
        await ProblemAssert.IsProblemAsync(await system.Gateway.PostAsJsonAsync("/api/public/partner-applications", application), HttpStatusCode.Conflict, "APPLICATION_PENDING");

        var operatorClient = await OperatorAsync();
        var pending = await operatorClient.GetFromJsonAsync<JsonElement>("/api/admin/partner-applications?status=Pending&pageSize=100");
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetGuid() == id);
        using var approved = await operatorClient.PostAsJsonAsync($"/api/admin/partner-applications/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var partnerId = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("partnerId").GetGuid();
        await ProblemAssert.IsProblemAsync(await operatorClient.PostAsJsonAsync($"/api/admin/partner-applications/{id}/reject", new { reason = "Changed my mind" }),
            HttpStatusCode.Conflict, "APPLICATION_ALREADY_REVIEWED");

        var invitation = await Eventually.GetAsync(() => inbox.ToAsync(contact), m => m.Count > 1, TimeSpan.FromSeconds(20), "the first admin's invitation");
        var token = RealPartners.AcceptLink().Match(invitation.Single(m => m.Text.Contains("/invitations/")).Text).Groups["token"].Value;
        (await system.Gateway.PostAsJsonAsync($"/api/invitations/{token}/accept", new { name = "Founder", password = RealPartners.AdminPassword })).EnsureSuccessStatusCode();
        var admin = await system.SignInAsync(contact, RealPartners.AdminPassword);
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/partner/me");
        Assert.Equal((partnerId, organisation, "Active"), (me.GetProperty("id").GetGuid(), me.GetProperty("name").GetString(), me.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_rejected_applicant_is_emailed_the_reason_and_no_partner_is_made()
    {
        var organisation = $"Hopeful {Guid.NewGuid():N}"[..20];
        var contact = $"hopeful-{Guid.NewGuid():N}@applicant.example";
        using var applied = await system.Gateway.PostAsJsonAsync("/api/public/partner-applications",
            new { organisationName = organisation, contactName = "Hopeful", contactEmail = contact });
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var operatorClient = await OperatorAsync();

        await ProblemAssert.IsProblemAsync(await operatorClient.PostAsJsonAsync($"/api/admin/partner-applications/{id}/reject", new { reason = " " }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        using var rejected = await operatorClient.PostAsJsonAsync($"/api/admin/partner-applications/{id}/reject", new { reason = "We are not onboarding in your region yet." });
        Assert.Equal("Rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        using var inbox = system.Mail();
        var mails = await Eventually.GetAsync(() => inbox.ToAsync(contact), m => m.Count > 1, TimeSpan.FromSeconds(20), "the acknowledgement and the rejection");
        Assert.Contains(mails, m => m.Text.Contains("We are not onboarding in your region yet."));
        Assert.Equal(0L, await system.QueryAsync("partnerdb", $"SELECT count(*) FROM partners WHERE name = '{organisation}'"));
        var partner = await system.CreatePartnerAsync("Curious Agency");
        await ProblemAssert.IsProblemAsync(await partner.Admin.GetAsync("/api/admin/partner-applications"), HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}
