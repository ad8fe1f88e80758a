using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The running system, through the gateway as a user reaches it and through the dashboard as a developer sees it.</summary>
[Collection(SystemCollection.Name)]
public sealed class SystemTests(DistributedAppFixture system)
{
    private static readonly string[] Services = ["partner-api", "tenant-api", "instance-api", "invitation-api", "web"];

    [Fact]
    public async Task Gateway_health_is_200_and_lists_every_service_healthy()
    {
        using var response = await system.Gateway.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.All(Services, service => Assert.Equal("Healthy", checks.GetProperty(service).GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_dashboard_shows_every_resource_healthy_with_its_process_endpoints_and_log()
    {
        var resources = await system.GetResourcesAsync();

        Assert.Equal(
            ["postgres", "partnerdb", "tenantdb", "instancedb", "invitationdb", "rabbitmq", "identity-signing-key", "mail",
             "tenant-api", "instance-api", "partner-api", "invitation-api", "web", "gateway"],
            resources.Select(r => r.Name));
        Assert.All(resources, r => Assert.Equal(("Healthy", "Healthy"), (r.State, r.Health)));
        Assert.All(resources.Where(r => r.Kind is not ("Database" or "Parameter")), r => Assert.NotNull(r.Pid));
        Assert.All(resources.Where(r => r.Kind == "Project"), r => Assert.StartsWith("http://", r.Endpoints.Single()));

        var log = await system.Dashboard.GetFromJsonAsync<JsonElement>("/api/resources/tenant-api/logs?after=0");
        Assert.Contains(log.GetProperty("lines").EnumerateArray(), line => line.GetProperty("text").GetString()!.Contains("schema of TenantDbContext is current"));

        var page = await system.Dashboard.GetStringAsync("/");
        Assert.Contains("WebWaka developer dashboard", page);
    }

    [Fact]
    public async Task Every_service_got_its_database_created_and_migrated()
    {
        var postgres = (await system.GetResourceAsync("postgres")).ConnectionString!;
        foreach (var (database, table) in new[] { ("partnerdb", "partners"), ("tenantdb", "tenants"), ("instancedb", "instances"), ("invitationdb", "invitations") })
        {
            await using var target = new Npgsql.NpgsqlConnection($"{postgres};Database={database}");
            await target.OpenAsync();
            await using var exists = new Npgsql.NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", target);
            Assert.True((bool)(await exists.ExecuteScalarAsync())!, $"{database} has no table {table}");
        }
    }

    [Fact]
    public async Task The_catalog_is_served_by_the_instance_service_through_the_gateway()
    {
        var partner = await system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);

        var suites = await partner.GetFromJsonAsync<JsonElement>("/api/catalog/suites");

        Assert.Contains(suites.EnumerateArray(), suite => suite.GetProperty("key").GetString() == "commerce");
        Assert.All(suites.EnumerateArray(), suite => Assert.NotEmpty(suite.GetProperty("capabilities").EnumerateArray()));
    }

    [Fact]
    public async Task Public_signup_is_refused_and_points_to_partners()
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/signup", new { name = "Ada Stores", email = "ada@example.com" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("TENANT_CREATION_REQUIRES_PARTNER", problem.GetProperty("code").GetString());
        Assert.Equal("/find-a-partner", problem.GetProperty("findPartnerUrl").GetString());
        Assert.Equal("/become-a-partner", problem.GetProperty("becomePartnerUrl").GetString());
    }

    [Fact]
    public async Task The_home_page_comes_from_web_and_sends_visitors_to_partners()
    {
        using var response = await system.Gateway.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Find a Partner", page);
        Assert.Contains("Become a Partner", page);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_problem_not_a_500()
    {
        var body = new StringContent($"{{\"name\":\"{new string('a', 70 * 1024)}\"}}", Encoding.UTF8, "application/json");

        using var response = await system.Gateway.PostAsync("/api/auth/token", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PAYLOAD_TOO_LARGE", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_mail_catcher_inbox_answers()
    {
        var mail = await system.GetResourceAsync("mail");
        using var http = new HttpClient();

        var inbox = await http.GetFromJsonAsync<JsonElement>($"{mail.Endpoints.Single(e => e.StartsWith("http"))}/email");

        Assert.Equal(JsonValueKind.Array, inbox.ValueKind);
    }
}
