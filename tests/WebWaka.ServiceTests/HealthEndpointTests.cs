using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using WebWaka.Tenant.Data;
using WebWaka.Testing;

namespace WebWaka.ServiceTests;

/// <summary>ServiceDefaults' /health is ready only when the database and the broker answer; /alive only asks the process.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class HealthEndpointTests(InfrastructureFixture infrastructure)
{
    // Nothing listens on port 1: a database server that is down.
    private const string DownDatabase = "Host=127.0.0.1;Port=1;Username=postgres;Password=x;Database=tenantdb;Timeout=2";

    private static WebApplicationFactory<TenantDbContext> TenantService(string database, string broker) =>
        new WebApplicationFactory<TenantDbContext>().WithWebHostBuilder(host => host
            .UseSetting("ConnectionStrings:tenantdb", database)
            .UseSetting("ConnectionStrings:rabbitmq", broker));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string CheckStatus(JsonElement body, string check) =>
        body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString()!;

    [Fact]
    public async Task Health_is_200_when_the_database_and_the_broker_answer()
    {
        await using var service = TenantService(await infrastructure.CreateDatabaseAsync("tenant"), infrastructure.RabbitMqConnectionString);
        var client = service.CreateClient();

        var (status, body) = await Eventually.GetAsync(() => GetAsync(client, "/health"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "healthy");

        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", CheckStatus(body, "tenantdb"));
        Assert.Equal("Healthy", CheckStatus(body, "masstransit-bus"));
    }

    [Fact]
    public async Task A_down_database_makes_health_503_naming_the_database_while_alive_stays_200()
    {
        await using var service = TenantService(DownDatabase, infrastructure.RabbitMqConnectionString);
        var client = service.CreateClient();

        var (status, body) = await GetAsync(client, "/health");
        var (aliveStatus, _) = await GetAsync(client, "/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", CheckStatus(body, "tenantdb"));
        Assert.Equal(HttpStatusCode.OK, aliveStatus);
    }

    [Fact]
    public async Task A_down_broker_makes_health_503_naming_the_bus()
    {
        await using var service = TenantService(await infrastructure.CreateDatabaseAsync("tenant"), "amqp://guest:guest@127.0.0.1:1");
        var client = service.CreateClient();

        var (status, body) = await Eventually.GetAsync(
            () => GetAsync(client, "/health"), r => CheckStatus(r.Body, "tenantdb") == "Healthy", TimeSpan.FromSeconds(30), "database migrated");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.NotEqual("Healthy", CheckStatus(body, "masstransit-bus"));
    }
}
