using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
    public async Task The_Aspire_dashboard_shows_every_resource_running_and_healthy_and_its_login_link_signs_in()
    {
        // The dashboard shows itself too; it is Aspire's, not ours to check.
        var resources = system.States.All.Where(r => ResourceStates.RunsWithTheApp(r.Resource) && r.Resource.Name != "aspire-dashboard").ToList();

        Assert.Equal(
            ["dns", "gateway", "instance-api", "instancedb", "invitation-api", "invitationdb", "mail", "partner-api", "partnerdb",
             "postgres", "rabbitmq", "rabbitmq-epmd", "tenant-api", "tenantdb", "web"],
            resources.Select(r => r.Resource.Name).Distinct().Order());
        Assert.All(resources, r => Assert.Equal(("Running", HealthStatus.Healthy), (r.State(), r.Snapshot.HealthStatus)));
        Assert.All(resources.Where(r => r.Resource is ExecutableResource or ProjectResource), r => Assert.NotNull(r.ProcessId()));

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        using var signedIn = await browser.GetAsync(system.DashboardLogin);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.NotEqual("/login", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        // The dashboard's page names the Aspire version it belongs to: the one AppHost is built on.
        var aspire = typeof(DistributedApplication).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Contains($"<meta name=\"aspire-version\" content=\"{aspire}\"", await signedIn.Content.ReadAsStringAsync());
        using var refused = await new HttpClient().GetAsync(new Uri(system.DashboardLogin, "/"));
        Assert.Equal("/login", refused.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task One_Create_Client_Platform_is_one_trace_across_the_gateway_the_services_and_the_bus()
    {
        var partner = await system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);
        var traceId = ActivityTraceId.CreateRandom();
        var slug = $"traced-{Guid.NewGuid():N}"[..20];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/partner/clients")
        {
            Content = JsonContent.Create(new
            {
                name = "Traced Client", slug, instance = new { name = "Main", suites = new[] { "commerce" } },
                admin = new { email = $"{slug}@clients.example", name = "Admin" },
            }),
        };
        // The caller starts the trace, as a browser or another platform service would.
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var accepted = await partner.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var provisioning = accepted.Headers.Location!;
        await Eventually.GetAsync(() => partner.GetFromJsonAsync<JsonElement>(provisioning),
            status => status.GetProperty("status").GetString() == "Completed", TimeSpan.FromSeconds(30), "provisioned");

        string[] expected = ["gateway", "partner-api", "tenant-api", "instance-api", "invitation-api"];
        var services = await Eventually.GetAsync(() => ServicesInTraceAsync(traceId),
            found => expected.All(found.Contains), TimeSpan.FromSeconds(30), "spans from every service in the trace");
        Assert.Subset(services, expected.ToHashSet());
    }

    /// <summary>The services that sent spans of the trace to the dashboard, read back from its telemetry API.</summary>
    private async Task<HashSet<string>> ServicesInTraceAsync(ActivityTraceId traceId)
    {
        using var response = await system.Dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        var trace = await response.Content.ReadFromJsonAsync<JsonElement>();
        return trace.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
            .Where(spans => spans.GetProperty("scopeSpans").EnumerateArray().Any(scope => scope.GetProperty("spans").GetArrayLength() > 0))
            .SelectMany(spans => spans.GetProperty("resource").GetProperty("attributes").EnumerateArray())
            .Where(attribute => attribute.GetProperty("key").GetString() == "service.name")
            .Select(attribute => attribute.GetProperty("value").GetProperty("stringValue").GetString()!)
            .ToHashSet();
    }

    [Fact]
    public async Task Every_service_got_its_database_created_and_migrated()
    {
        var postgres = await system.ConnectionStringAsync("postgres");
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
        using var http = new HttpClient();

        var inbox = await http.GetFromJsonAsync<JsonElement>(new Uri(system.App.GetEndpoint("mail", "http"), "/api/email"));

        Assert.Equal(JsonValueKind.Array, inbox.ValueKind);
    }
}
