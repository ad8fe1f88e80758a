using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>Partner-first signup: a client signs up through a partner's link and belongs to that partner.</summary>
[Collection(SystemCollection.Name)]
public sealed class SignupLinkTests(DistributedAppFixture system)
{
    private static object Signup(string slug) =>
        new { clientName = $"Client {slug}", slug, suites = new[] { "commerce" }, admin = new { email = ClientPlatforms.AdminOf(slug), name = "Founder" } };

    private static async Task<JsonElement> CreateLinkAsync(HttpClient partner, object body)
    {
        using var response = await partner.PostAsJsonAsync("/api/partner/signup-links", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_client_signing_up_through_a_link_belongs_to_the_links_partner_and_its_admin_gets_the_email()
    {
        var partner = await system.CreatePartnerAsync("Link Agency");
        var other = await system.CreatePartnerAsync("Other Agency");
        var link = await CreateLinkAsync(partner.Admin, new { name = "Website", suites = new[] { "education" } });
        var token = link.GetProperty("token").GetString()!;

        var shown = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/public/signup-links/{token}");
        Assert.Equal("Link Agency", shown.GetProperty("partner").GetProperty("name").GetString());
        Assert.Equal(["education"], shown.GetProperty("suites").EnumerateArray().Select(s => s.GetProperty("key").GetString()));
        Assert.False(shown.TryGetProperty("id", out _));

        var slug = $"signup-{Guid.NewGuid():N}"[..24];
        // Naming another partner anywhere in the request changes nothing.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/signup-links/{token}/signup?partnerId={other.Id}")
        {
            Content = JsonContent.Create(new { clientName = $"Client {slug}", slug, partnerId = other.Id, admin = new { email = ClientPlatforms.AdminOf(slug), name = "Founder" } }),
        };
        request.Headers.Add("X-Partner-Id", other.Id.ToString());
        using var accepted = await system.Gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = await Eventually.GetAsync(() => system.Gateway.GetFromJsonAsync<JsonElement>(accepted.Headers.Location!),
            s => s.GetProperty("status").GetString() != "Pending", TimeSpan.FromSeconds(60), "the sign-up provisioned");
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        var tenantId = status.GetProperty("tenantId").GetGuid();

        var client = await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{tenantId}");
        Assert.Equal(partner.Id, client.GetProperty("createdByPartnerId").GetGuid());
        Assert.Equal(["education"], client.GetProperty("instances")[0].GetProperty("suites").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Admin.GetAsync($"/api/partner/clients/{tenantId}")).StatusCode);
        // The client's trail opens with its sign-up, by the email its admin gave.
        var signedUp = Assert.Single((await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/audit?clientId={tenantId}&entity=provisioning"))
            .GetProperty("items").EnumerateArray());
        Assert.Equal(("signed-up", ClientPlatforms.AdminOf(slug)), (signedUp.GetProperty("action").GetString(), signedUp.GetProperty("actor").GetProperty("email").GetString()));
        using var inbox = system.Mail();
        Assert.Single(await Eventually.GetAsync(() => inbox.ToAsync(ClientPlatforms.AdminOf(slug)), m => m.Count > 0, TimeSpan.FromSeconds(20), "the admin's invitation"));

        var listed = (await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/signup-links")).GetProperty("items")[0];
        Assert.Equal((1, "Active"), (listed.GetProperty("uses").GetInt32(), listed.GetProperty("status").GetString()));
        Assert.Equal(0, (await other.Admin.GetFromJsonAsync<JsonElement>("/api/partner/signup-links")).GetProperty("total").GetInt32());
        await ProblemAssert.IsProblemAsync(await other.Admin.DeleteAsync($"/api/partner/signup-links/{link.GetProperty("id").GetGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_disabled_expired_used_up_or_suspended_partners_link_is_refused_with_its_code()
    {
        var partner = await system.CreatePartnerAsync("Limited Agency");
        var once = (await CreateLinkAsync(partner.Admin, new { name = "Once", maxUses = 1 })).GetProperty("token").GetString()!;
        var disabled = await CreateLinkAsync(partner.Admin, new { name = "Off" });
        var expiring = (await CreateLinkAsync(partner.Admin, new { name = "Soon", expiresAt = DateTimeOffset.UtcNow.AddSeconds(2) })).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await partner.Admin.DeleteAsync($"/api/partner/signup-links/{disabled.GetProperty("id").GetGuid()}")).StatusCode);

        // Two sign-ups at once through a link of one use: one is taken.
        var answers = await Task.WhenAll(
            system.Gateway.PostAsJsonAsync($"/api/public/signup-links/{once}/signup", Signup($"once-{Guid.NewGuid():N}"[..24])),
            system.Gateway.PostAsJsonAsync($"/api/public/signup-links/{once}/signup", Signup($"twice-{Guid.NewGuid():N}"[..24])));
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Gone], answers.Select(a => a.StatusCode).Order());
        await ProblemAssert.IsProblemAsync(await system.Gateway.GetAsync($"/api/public/signup-links/{once}"), HttpStatusCode.Gone, "SIGNUP_LINK_USED_UP");

        await ProblemAssert.IsProblemAsync(await system.Gateway.GetAsync($"/api/public/signup-links/{disabled.GetProperty("token").GetString()}"),
            HttpStatusCode.Gone, "SIGNUP_LINK_DISABLED");
        await Eventually.GetAsync(() => system.Gateway.GetAsync($"/api/public/signup-links/{expiring}"), r => r.StatusCode == HttpStatusCode.Gone,
            TimeSpan.FromSeconds(10), "the link expired");
        await ProblemAssert.IsProblemAsync(await system.Gateway.PostAsJsonAsync($"/api/public/signup-links/{expiring}/signup", Signup($"late-{Guid.NewGuid():N}"[..24])),
            HttpStatusCode.Gone, "SIGNUP_LINK_EXPIRED");
        await ProblemAssert.IsProblemAsync(await system.Gateway.GetAsync("/api/public/signup-links/no-such-link"), HttpStatusCode.NotFound, "NOT_FOUND");

        var open = (await CreateLinkAsync(partner.Admin, new { name = "Open" })).GetProperty("token").GetString()!;
        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/suspend", null)).EnsureSuccessStatusCode();
        await ProblemAssert.IsProblemAsync(await system.Gateway.PostAsJsonAsync($"/api/public/signup-links/{open}/signup", Signup($"paused-{Guid.NewGuid():N}"[..24])),
            HttpStatusCode.Forbidden, "PARTNER_NOT_ACTIVE");

        var invalid = await ProblemAssert.IsProblemAsync(await system.Gateway.PostAsJsonAsync($"/api/public/signup-links/{once}/signup", new { }),
            HttpStatusCode.Gone, "SIGNUP_LINK_USED_UP");
        Assert.NotNull(invalid.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_sign_up_with_bad_fields_says_which()
    {
        var partner = await system.CreatePartnerAsync("Strict Agency");
        var token = (await CreateLinkAsync(partner.Admin, new { name = "Strict" })).GetProperty("token").GetString()!;

        var problem = await ProblemAssert.IsProblemAsync(await system.Gateway.PostAsJsonAsync($"/api/public/signup-links/{token}/signup",
            new { clientName = "", slug = "Not A Slug", suites = new[] { "astrology" }, admin = new { email = "nope", name = "" } }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(["admin.email", "admin.name", "clientName", "slug", "suites"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(0, (await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/signup-links")).GetProperty("items")[0].GetProperty("uses").GetInt32());
    }
}
