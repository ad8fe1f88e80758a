using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The platform operator manages partners; nobody else may.</summary>
[Collection(SystemCollection.Name)]
public sealed class AdminPartnersTests(DistributedAppFixture system)
{
    private static object NewPartner(string slug) => new
    {
        name = $"Agency {slug}",
        slug,
        contactEmail = $"hello@{slug}.example",
        listedInDirectory = true,
        admin = new { email = $"owner@{slug}.example", name = "Owner" },
    };

    [Fact]
    public async Task A_super_admin_creates_lists_suspends_and_activates_a_partner()
    {
        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        var slug = $"agency-{Guid.NewGuid():N}"[..20];

        using var created = await admin.PostAsJsonAsync("/api/admin/partners", NewPartner(slug));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var partner = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = partner.GetProperty("id").GetGuid();
        Assert.Equal($"/api/admin/partners/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Active", partner.GetProperty("status").GetString());

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/partners?search={slug}");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        Assert.Equal(20, list.GetProperty("pageSize").GetInt32());

        using var suspended = await admin.PostAsync($"/api/admin/partners/{id}/suspend", null);
        Assert.Equal("Suspended", (await suspended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var again = await admin.PostAsync($"/api/admin/partners/{id}/suspend", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("INVALID_TRANSITION", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var activated = await admin.PostAsync($"/api/admin/partners/{id}/activate", null);
        Assert.Equal("Active", (await activated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_taken_slug_is_409_SLUG_TAKEN()
    {
        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);

        using var response = await admin.PostAsJsonAsync("/api/admin/partners", NewPartner("webwaka-digital-services"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("SLUG_TAKEN", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Bad_partner_input_is_400_with_every_field_named()
    {
        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);

        using var response = await admin.PostAsJsonAsync("/api/admin/partners", new { name = "", slug = "-Bad Slug-", contactEmail = "not-an-email" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.All(["name", "slug", "contactEmail", "admin"], field => Assert.True(errors.TryGetProperty(field, out _), field));
    }

    [Theory]
    [InlineData("/api/admin/partners?page=0")]
    [InlineData("/api/admin/partners?pageSize=101")]
    [InlineData("/api/admin/partners?pageSize=abc")]
    [InlineData("/api/admin/partners?status=Deleted")]
    public async Task A_bad_query_value_is_a_400_problem(string path)
    {
        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);

        using var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_partner_admin_cannot_manage_partners()
    {
        var partner = await system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);

        using var response = await partner.PostAsJsonAsync("/api/admin/partners", NewPartner("sneaky-agency"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("FORBIDDEN", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
