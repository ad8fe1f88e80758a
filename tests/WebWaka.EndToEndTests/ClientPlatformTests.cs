using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The heart of the product: partners, and only partners, create and run their clients' platforms.</summary>
[Collection(SystemCollection.Name)]
public sealed class ClientPlatformTests(DistributedAppFixture system)
{
    private static readonly Guid WebWakaDigitalServices = Guid.Parse("0b3d2e00-5eed-4000-8000-000000000001");

    private static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private static object NewClient(string slug, string? domain = null, string adminEmail = "owner@example.com") => new
    {
        name = $"Client {slug}",
        slug,
        instance = new { name = "Main store", suites = new[] { "commerce", "logistics" }, branding = new { displayName = "Ada Stores", primaryColor = "#0B3D2E" } },
        domain,
        admin = new { email = adminEmail, name = "Ada Obi" },
    };

    private Task<HttpClient> PartnerAdminAsync() => system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);

    private static async Task<Guid> RequestAsync(HttpClient client, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/partner/clients") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Pending", accepted.GetProperty("status").GetString());
        var id = accepted.GetProperty("provisioningId").GetGuid();
        Assert.Equal($"/api/partner/clients/provisioning/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    private static Task<JsonElement> FinishedAsync(HttpClient client, Guid provisioningId) =>
        Eventually.GetAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/partner/clients/provisioning/{provisioningId}"),
            status => status.GetProperty("status").GetString() != "Pending",
            TimeSpan.FromSeconds(30), "provisioning finished");

    private async Task<int> CountAsync(string database, string sql) => Convert.ToInt32(await system.QueryAsync(database, sql));

    [Fact]
    public async Task A_partner_admin_creates_a_client_platform_that_is_provisioned_across_every_service()
    {
        var partner = await PartnerAdminAsync();
        var slug = NewSlug("ada");
        var admin = $"{slug}@clients.example";

        var provisioningId = await RequestAsync(partner, NewClient(slug, adminEmail: admin));
        var status = await FinishedAsync(partner, provisioningId);

        Assert.Equal("Completed", status.GetProperty("status").GetString());
        Assert.All(status.GetProperty("steps").EnumerateArray(), step => Assert.Equal("Completed", step.GetProperty("status").GetString()));
        var tenantId = status.GetProperty("tenantId").GetGuid();

        var client = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{tenantId}");
        Assert.Equal("Active", client.GetProperty("status").GetString());
        Assert.Equal(WebWakaDigitalServices, client.GetProperty("createdByPartnerId").GetGuid());
        var instance = Assert.Single(client.GetProperty("instances").EnumerateArray());
        Assert.Equal(["commerce", "logistics"], instance.GetProperty("suites").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Ada Stores", instance.GetProperty("branding").GetProperty("displayName").GetString());
        var invitation = Assert.Single(client.GetProperty("invitations").EnumerateArray());
        Assert.Equal(admin, invitation.GetProperty("email").GetString());
        Assert.Equal("TENANT_ADMIN", invitation.GetProperty("role").GetString());

        using var inbox = system.Mail();
        var mail = await Eventually.GetAsync(() => inbox.ToAsync(admin), found => found.Count > 0, TimeSpan.FromSeconds(10), "invitation email");
        Assert.Contains("/invitations/", Assert.Single(mail).Text);
        Assert.Contains($"Client {slug}", mail[0].Subject);
    }

    [Fact]
    public async Task The_same_Idempotency_Key_creates_one_client_and_another_body_with_it_is_422()
    {
        var partner = await PartnerAdminAsync();
        var slug = NewSlug("idem");
        var key = Guid.NewGuid().ToString();

        var first = await RequestAsync(partner, NewClient(slug), key);
        var second = await RequestAsync(partner, NewClient(slug), key);
        Assert.Equal(first, second);

        var other = new HttpRequestMessage(HttpMethod.Post, "/api/partner/clients") { Content = JsonContent.Create(NewClient(NewSlug("other"))) };
        other.Headers.Add("Idempotency-Key", key);
        using var reused = await partner.SendAsync(other);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await FinishedAsync(partner, first);
        Assert.Equal(1, await CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug = '{slug}'"));
    }

    [Fact]
    public async Task Another_partners_id_anywhere_in_the_request_changes_nothing()
    {
        var partner = await PartnerAdminAsync();
        var intruder = Guid.NewGuid().ToString();
        var slug = NewSlug("spoof");
        var body = new
        {
            name = "Spoofed", slug, partnerId = intruder, createdByPartnerId = intruder,
            instance = new { name = "Main", suites = new[] { "commerce" } },
            admin = new { email = $"{slug}@clients.example", name = "Admin", partnerId = intruder },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/partner/clients?partnerId={intruder}") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Partner-Id", intruder);
        request.Headers.Add("X-Tenant-Partner-Id", intruder);
        using var response = await partner.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var status = await FinishedAsync(partner, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provisioningId").GetGuid());

        var client = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{status.GetProperty("tenantId").GetGuid()}");
        Assert.Equal(WebWakaDigitalServices, client.GetProperty("createdByPartnerId").GetGuid());
    }

    [Fact]
    public async Task Another_partner_gets_404_for_a_client_and_never_sees_it_in_its_list()
    {
        var partner = await PartnerAdminAsync();
        var slug = NewSlug("mine");
        var status = await FinishedAsync(partner, await RequestAsync(partner, NewClient(slug)));
        var tenantId = status.GetProperty("tenantId").GetGuid();
        var otherPartner = system.ClientWithToken(system.Tokens.Mint("PARTNER_ADMIN", partnerId: Guid.NewGuid()));

        foreach (var (method, path) in new[] { ("GET", $"/api/partner/clients/{tenantId}"), ("POST", $"/api/partner/clients/{tenantId}/suspend"),
                     ("PATCH", $"/api/partner/clients/{tenantId}"), ("GET", $"/api/partner/clients/provisioning/{status.GetProperty("provisioningId").GetGuid()}") })
        {
            using var response = await otherPartner.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "Mine now" }) });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var list = await otherPartner.GetFromJsonAsync<JsonElement>($"/api/partner/clients?search={slug}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var mine = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/clients?search={slug}");
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_database_refuses_an_update_of_created_by_partner_id_whoever_sends_it()
    {
        var partner = await PartnerAdminAsync();
        var status = await FinishedAsync(partner, await RequestAsync(partner, NewClient(NewSlug("locked"))));

        var refused = await Assert.ThrowsAsync<PostgresException>(() => system.QueryAsync("tenantdb",
            $"UPDATE tenants SET created_by_partner_id = '{Guid.NewGuid()}' WHERE id = '{status.GetProperty("tenantId").GetGuid()}'"));

        Assert.Contains("PARTNER_ATTRIBUTION_IMMUTABLE", refused.MessageText);
    }

    [Fact]
    public async Task Attribution_cannot_be_changed_through_the_API_but_the_name_can()
    {
        var partner = await PartnerAdminAsync();
        var tenantId = (await FinishedAsync(partner, await RequestAsync(partner, NewClient(NewSlug("rename"))))).GetProperty("tenantId").GetGuid();

        using var attempt = await partner.PatchAsJsonAsync($"/api/partner/clients/{tenantId}", new { name = "New", createdByPartnerId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        Assert.Equal("PARTNER_ATTRIBUTION_IMMUTABLE", (await attempt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var renamed = await partner.PatchAsJsonAsync($"/api/partner/clients/{tenantId}", new { name = "Ada Stores Ltd" });
        Assert.Equal("Ada Stores Ltd", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_lifecycle_allows_exactly_the_contracts_transitions()
    {
        var partner = await PartnerAdminAsync();
        var tenantId = (await FinishedAsync(partner, await RequestAsync(partner, NewClient(NewSlug("life"))))).GetProperty("tenantId").GetGuid();

        async Task<(HttpStatusCode Status, string? Value)> Move(string action)
        {
            using var response = await partner.PostAsync($"/api/partner/clients/{tenantId}/{action}", null);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, response.IsSuccessStatusCode ? body.GetProperty("status").GetString() : body.GetProperty("code").GetString());
        }

        Assert.Equal((HttpStatusCode.Conflict, "INVALID_TRANSITION"), await Move("activate"));
        Assert.Equal((HttpStatusCode.OK, "Suspended"), await Move("suspend"));
        Assert.Equal((HttpStatusCode.Conflict, "INVALID_TRANSITION"), await Move("suspend"));
        Assert.Equal((HttpStatusCode.OK, "Active"), await Move("activate"));
        Assert.Equal((HttpStatusCode.OK, "Suspended"), await Move("suspend"));
        Assert.Equal((HttpStatusCode.OK, "Archived"), await Move("archive"));
        Assert.Equal((HttpStatusCode.Conflict, "INVALID_TRANSITION"), await Move("activate"));
        Assert.Equal((HttpStatusCode.Conflict, "INVALID_TRANSITION"), await Move("suspend"));
        Assert.Equal((HttpStatusCode.Conflict, "INVALID_TRANSITION"), await Move("archive"));
    }

    [Fact]
    public async Task Bad_client_platform_requests_are_4xx_problems_naming_what_is_wrong()
    {
        var partner = await PartnerAdminAsync();

        using var invalid = await partner.PostAsJsonAsync("/api/partner/clients", new
        {
            name = "", slug = "Not A Slug", domain = "not a host",
            instance = new { name = "", suites = new[] { "commerce", "teleportation" }, branding = new { displayName = "X", primaryColor = "green", logoUrl = "http://insecure.example/logo.png" } },
            admin = new { email = "nope", name = "" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.All(["name", "slug", "domain", "instance.name", "instance.suites", "instance.branding.primaryColor", "instance.branding.logoUrl", "admin.email", "admin.name"],
            field => Assert.True(errors.TryGetProperty(field, out _), field));

        using var malformed = await partner.PostAsync("/api/partner/clients", new StringContent("{\"name\": [", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("MALFORMED_REQUEST", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var wrongType = await partner.PostAsync("/api/partner/clients", new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        using var unknown = await partner.GetAsync($"/api/partner/clients/provisioning/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var notAGuid = await partner.GetAsync("/api/partner/clients/not-a-guid");
        Assert.True(notAGuid.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", notAGuid.Content.Headers.ContentType?.MediaType);
    }
}
