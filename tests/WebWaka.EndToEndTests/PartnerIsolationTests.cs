using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>
/// Partner-first rules 1 and 7 between real partners: each made by the super admin, its admin invited by email,
/// accepted from the mail catcher and signed in. None of them is WebWaka Digital Services, the default a bug
/// would fall back to.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class PartnerIsolationTests(DistributedAppFixture system)
{
    /// <summary>Creates a client as the partner, naming another partner in the body, the query and identity headers.</summary>
    private static async Task<(Guid ProvisioningId, Guid TenantId)> ProvisionAsync(HttpClient partner, string slug, Guid? spoofed = null,
        string? idempotencyKey = null)
    {
        var body = new
        {
            name = $"Client {slug}", slug, partnerId = spoofed, createdByPartnerId = spoofed,
            instance = new { name = "Main", suites = new[] { "commerce" } },
            admin = new { email = ClientPlatforms.AdminOf(slug), name = "Admin", partnerId = spoofed },
        };
        var status = await partner.ProvisionAsync(body, request =>
        {
            if (spoofed is { } other)
            {
                request.RequestUri = new Uri($"/api/partner/clients?partnerId={other}", UriKind.Relative);
                request.Headers.Add("X-Partner-Id", other.ToString());
                request.Headers.Add("X-WebWaka-Partner", other.ToString());
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }
        });
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        return (status.GetProperty("provisioningId").GetGuid(), status.GetProperty("tenantId").GetGuid());
    }

    [Fact]
    public async Task Each_partner_owns_what_it_creates_whatever_ids_it_sends_and_neither_sees_the_others()
    {
        var blue = await system.CreatePartnerAsync("Blue Agency");
        var green = await system.CreatePartnerAsync("Green Agency");
        var blueSlug = $"blue-{Guid.NewGuid():N}"[..24];
        var greenSlug = $"green-{Guid.NewGuid():N}"[..24];

        // Each names the other partner in the body, the query and identity headers.
        var blueClient = await ProvisionAsync(blue.Admin, blueSlug, green.Id);
        var greenClient = await ProvisionAsync(green.Admin, greenSlug, blue.Id);

        Assert.Equal(blue.Id, (await blue.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{blueClient.TenantId}")).GetProperty("createdByPartnerId").GetGuid());
        Assert.Equal(green.Id, (await green.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{greenClient.TenantId}")).GetProperty("createdByPartnerId").GetGuid());

        foreach (var (owner, stranger, client, slug) in new[] { (blue, green, blueClient, blueSlug), (green, blue, greenClient, greenSlug) })
        {
            foreach (var (method, path) in new[]
            {
                ("GET", $"/api/partner/clients/{client.TenantId}"), ("PATCH", $"/api/partner/clients/{client.TenantId}"),
                ("POST", $"/api/partner/clients/{client.TenantId}/suspend"), ("POST", $"/api/partner/clients/{client.TenantId}/archive"),
                ("GET", $"/api/partner/clients/provisioning/{client.ProvisioningId}"),
            })
            {
                using var response = await stranger.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "Taken over" }) });
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{stranger.Slug}: {method} {path} -> {(int)response.StatusCode}");
            }

            Assert.Equal(0, (await stranger.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients?search={slug}")).GetProperty("total").GetInt32());
            var own = await owner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/clients");
            Assert.Equal([client.TenantId], own.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            Assert.Equal("Active", (await owner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{client.TenantId}")).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task An_Idempotency_Key_belongs_to_the_partner_that_sent_it()
    {
        var blue = await system.CreatePartnerAsync("Blue Keys");
        var green = await system.CreatePartnerAsync("Green Keys");
        var key = Guid.NewGuid().ToString();

        var blueSlug = $"kb-{Guid.NewGuid():N}"[..24];

        var blueClient = await ProvisionAsync(blue.Admin, blueSlug, idempotencyKey: key);
        // The same key from another partner, with another body: its own request, not a reuse.
        var greenClient = await ProvisionAsync(green.Admin, $"kg-{Guid.NewGuid():N}"[..24], idempotencyKey: key);
        var blueAgain = await ProvisionAsync(blue.Admin, blueSlug, idempotencyKey: key);

        Assert.Equal(blueClient, blueAgain);
        Assert.NotEqual(blueClient.ProvisioningId, greenClient.ProvisioningId);
        Assert.Equal(green.Id, (await green.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients/{greenClient.TenantId}")).GetProperty("createdByPartnerId").GetGuid());
        Assert.Equal(1, (await green.Admin.GetFromJsonAsync<JsonElement>("/api/partner/clients")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await blue.Admin.GetFromJsonAsync<JsonElement>("/api/partner/clients")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Another_partner_gets_404_on_every_one_of_a_partners_resources_and_changes_none_of_them()
    {
        var owner = await system.CreatePartnerAsync("Owning Agency");
        var stranger = await system.CreatePartnerAsync("Snooping Agency");
        var status = await owner.Admin.ProvisionAsync(ClientPlatforms.Request($"iso-{Guid.NewGuid():N}"[..24]));
        var client = $"/api/partner/clients/{status.GetProperty("tenantId").GetGuid()}";
        var instance = $"{client}/instances/{(await owner.Admin.GetFromJsonAsync<JsonElement>($"{client}/instances")).GetProperty("items")[0].GetProperty("id").GetGuid()}";
        var hostname = $"iso-{Guid.NewGuid():N}"[..16] + ".example.com";
        (await owner.Admin.PostAsJsonAsync($"{instance}/domains", new { hostname })).EnsureSuccessStatusCode();
        var invitation = $"{client}/invitations/{(await owner.Admin.GetFromJsonAsync<JsonElement>($"{client}/invitations")).GetProperty("items")[0].GetProperty("id").GetGuid()}";
        var link = (await (await owner.Admin.PostAsJsonAsync("/api/partner/signup-links", new { name = "Mine" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var teamInvitation = (await (await owner.Admin.PostAsJsonAsync("/api/partner/users/invitations", new { email = $"mate-{Guid.NewGuid():N}@owning.example" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var ownerUser = (await owner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/users")).GetProperty("items")[0].GetProperty("id").GetGuid();

        foreach (var (method, path, body) in new (string, string, object?)[]
        {
            ("GET", client, null), ("GET", $"{client}/instances", null), ("POST", $"{client}/instances", new { name = "X", suites = new[] { "civic" } }),
            ("GET", instance, null), ("PATCH", instance, new { name = "X" }), ("DELETE", instance, null),
            ("PUT", $"{instance}/suites", new { suites = new[] { "civic" } }), ("PUT", $"{instance}/branding", new { displayName = "X" }),
            ("GET", $"{instance}/domains", null), ("POST", $"{instance}/domains", new { hostname = "x.example.com" }),
            ("GET", $"{instance}/domains/{hostname}", null), ("POST", $"{instance}/domains/{hostname}/verify", null),
            ("POST", $"{instance}/domains/{hostname}/primary", null), ("DELETE", $"{instance}/domains/{hostname}", null),
            ("GET", $"{client}/invitations", null), ("POST", $"{client}/invitations", new { email = "x@example.com" }),
            ("POST", $"{invitation}/resend", null), ("DELETE", invitation, null),
            ("DELETE", $"/api/partner/signup-links/{link}", null), ("DELETE", $"/api/partner/users/invitations/{teamInvitation}", null),
            ("POST", $"/api/partner/users/invitations/{teamInvitation}/resend", null), ("DELETE", $"/api/partner/users/{ownerUser}", null),
        })
        {
            using var response = await stranger.Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} -> {(int)response.StatusCode}");
        }

        Assert.Equal("Pending", (await owner.Admin.GetFromJsonAsync<JsonElement>($"{instance}/domains/{hostname}")).GetProperty("status").GetString());
        Assert.Equal("Active", (await owner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/signup-links")).GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal("Pending", (await owner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/users/invitations")).GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(1, (await owner.Admin.GetFromJsonAsync<JsonElement>($"{client}/instances")).GetProperty("total").GetInt32());
        Assert.Empty((await stranger.Admin.GetFromJsonAsync<JsonElement>("/api/partner/signup-links")).GetProperty("items").EnumerateArray());
        Assert.DoesNotContain((await stranger.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?pageSize=100")).GetProperty("items").EnumerateArray(),
            e => e.GetProperty("entity").GetString() != "partner");
    }
}
