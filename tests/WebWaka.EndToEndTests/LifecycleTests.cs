using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>
/// What an operator does to a running system: a service dies, Ctrl+C, start again. This test has a
/// system of its own, since it breaks the one it runs.
/// </summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly DistributedAppFixture _system = new();

    public Task InitializeAsync() => _system.InitializeAsync();

    public Task DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task A_killed_service_shows_exited_a_stop_leaves_nothing_and_a_restart_reuses_the_data()
    {
        // Something a user created, to find again after the restart.
        await _system.QueryAsync("tenantdb", "CREATE TABLE restart_marker (note text); INSERT INTO restart_marker VALUES ('kept')");

        // The service dies (Aspire runs a project under 'dotnet run': the service is its child): the dashboard
        // shows it exited, and the gateway names it unhealthy.
        var tenantApi = Processes.Descendants([_system.States.Single("tenant-api").ProcessId()!.Value])
            .Single(p => p.CommandLine.Split(' ')[0].EndsWith("/WebWaka.Tenant"));
        Processes.Signal(tenantApi.Pid, Processes.Kill);

        var states = await _system.States.WaitUntilAsync(
            s => s.Single(r => r.Resource.Name == "tenant-api").State() is "Exited" or "Finished", TimeSpan.FromSeconds(20), "tenant-api exited");
        Assert.NotEqual(0, states.Single(r => r.Resource.Name == "tenant-api").Snapshot.ExitCode);
        using (var health = await _system.Gateway.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var checks = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
            Assert.Equal("Unhealthy", checks.GetProperty("tenant-api").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("partner-api").GetProperty("status").GetString());
        }

        // Ctrl+C: everything it started is gone within 20 seconds, PostgreSQL, RabbitMQ and epmd included.
        var started = Processes.Descendants(_system.States.All.Select(r => r.ProcessId()).OfType<int>());
        Assert.Contains(started, p => p.CommandLine.Contains("beam.smp"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _system.StopAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {clock.Elapsed}");
        var left = await Eventually.GetAsync(() => Task.FromResult(started.Where(p => Processes.IsAlive(p.Pid)).ToList()),
            alive => alive.Count == 0, TimeSpan.FromSeconds(10), "every process ended");
        Assert.Empty(left);

        // A second start comes up on the data the first one left.
        await _system.StartAsync();
        using var again = await _system.Gateway.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("kept", await _system.QueryAsync("tenantdb", "SELECT note FROM restart_marker"));
    }
}
