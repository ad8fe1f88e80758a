using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The system with two replicas of every service.</summary>
public sealed class ReplicatedSystemFixture : DistributedAppFixture
{
    public ReplicatedSystemFixture()
    {
        foreach (var service in new[] { "partner-api", "tenant-api", "instance-api", "invitation-api" })
        {
            Settings[$"Replicas:{service}"] = "2";
        }
    }
}

/// <summary>
/// Every service is stateless: two replicas of any service work side by side. Consumers compete for messages, the saga's
/// state is guarded by optimistic concurrency, the outbox publishers share their rows, and every request
/// still ends as one client, exactly.
/// </summary>
public sealed class ReplicaTests(ReplicatedSystemFixture system) : IClassFixture<ReplicatedSystemFixture>
{
    private static readonly string[] Services = ["partner-api", "tenant-api", "instance-api", "invitation-api"];

    [Fact]
    public async Task Client_platforms_requested_at_once_are_each_provisioned_exactly_once_with_every_replica_at_work()
    {
        Assert.All(Services, service =>
            Assert.Equal(2, system.States.Of(service).Count(replica => replica.State() == "Running" && replica.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)));
        var partner = await system.SignInAsync(DevelopmentAccounts.PartnerAdminEmail, DevelopmentAccounts.PartnerAdminPassword);
        var slugs = Enumerable.Range(1, 8).Select(i => $"replica-{i}-{Guid.NewGuid():N}"[..28]).ToList();

        var provisionings = await Task.WhenAll(slugs.Select(async slug =>
        {
            using var response = await partner.PostAsJsonAsync("/api/partner/clients", new
            {
                name = slug, slug, instance = new { name = "Main", suites = new[] { "commerce" } }, admin = new { email = $"{slug}@clients.example", name = "Admin" },
            });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provisioningId").GetGuid();
        }));
        var outcomes = await Task.WhenAll(provisionings.Select(id => Eventually.GetAsync(
            () => partner.GetFromJsonAsync<JsonElement>($"/api/partner/clients/provisioning/{id}"),
            status => status.GetProperty("status").GetString() != "Pending", TimeSpan.FromSeconds(60), "provisioned")));

        Assert.All(outcomes, status => Assert.Equal("Completed", status.GetProperty("status").GetString()));
        var inList = string.Join(",", slugs.Select(s => $"'{s}'"));
        Assert.Equal(8L, await system.QueryAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug IN ({inList}) AND status = 'Active'"));
        Assert.Equal(8L, await system.QueryAsync("instancedb",
            $"SELECT count(*) FROM instances WHERE tenant_id IN ({string.Join(",", outcomes.Select(o => $"'{o.GetProperty("tenantId").GetGuid()}'"))})"));
        Assert.Equal(8L, await system.QueryAsync("invitationdb",
            $"SELECT count(*) FROM invitations WHERE email IN ({string.Join(",", slugs.Select(s => $"'{s}@clients.example'"))})"));
        using var inbox = system.Mail();
        foreach (var slug in slugs)
        {
            var emails = await Eventually.GetAsync(() => inbox.ToAsync($"{slug}@clients.example"), found => found.Count > 0, TimeSpan.FromSeconds(15), "the email");
            Assert.Single(emails);
        }

        // Both copies of every service consumed messages: their consumer spans, read back from the dashboard.
        var consumers = await Eventually.GetAsync(ConsumingReplicasAsync, found => Services.All(s => found.GetValueOrDefault(s) >= 2),
            TimeSpan.FromSeconds(30), "consumer spans from both replicas of every service");
        Assert.All(Services, service => Assert.Equal(2, consumers[service]));
    }

    /// <summary>How many replicas (service instances) of each service sent a span of a message they consumed.</summary>
    private async Task<Dictionary<string, int>> ConsumingReplicasAsync()
    {
        const int ConsumerSpan = 5;
        var spans = await system.Dashboard.GetFromJsonAsync<JsonElement>("/api/telemetry/spans?limit=100000");
        return spans.GetProperty("data").GetProperty("resourceSpans").EnumerateArray()
            .Where(resource => resource.GetProperty("scopeSpans").EnumerateArray()
                .Any(scope => scope.GetProperty("spans").EnumerateArray().Any(span => span.GetProperty("kind").GetInt32() == ConsumerSpan)))
            .Select(resource => resource.GetProperty("resource").GetProperty("attributes").EnumerateArray()
                .Where(attribute => attribute.GetProperty("value").TryGetProperty("stringValue", out _))
                .ToDictionary(attribute => attribute.GetProperty("key").GetString()!, attribute => attribute.GetProperty("value").GetProperty("stringValue").GetString()))
            .GroupBy(attributes => attributes["service.name"]!)
            .ToDictionary(service => service.Key, service => service.Select(attributes => attributes["service.instance.id"]).Distinct().Count());
    }
}
