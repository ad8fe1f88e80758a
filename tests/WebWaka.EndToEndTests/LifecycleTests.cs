using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.AppHost.Hosting;
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
    public async Task A_killed_service_shows_failed_a_stop_leaves_nothing_and_a_restart_reuses_the_data()
    {
        // Something a user created, to find again after the restart.
        var tenantDb = (await _system.GetResourceAsync("tenantdb")).ConnectionString!;
        await ExecuteAsync(tenantDb, "CREATE TABLE restart_marker (note text); INSERT INTO restart_marker VALUES ('kept')");

        // A service dies: the dashboard shows it failed and the gateway names it unhealthy.
        var tenantApi = await _system.GetResourceAsync("tenant-api");
        Signals.Send(tenantApi.Pid!.Value, Signals.Kill);

        var failed = await _system.WaitUntilAsync(r => r.Single(x => x.Name == "tenant-api").State == "Failed", TimeSpan.FromSeconds(15), "tenant-api failed");
        Assert.Equal(137, failed.Single(x => x.Name == "tenant-api").ExitCode);
        using (var health = await _system.Gateway.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var checks = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
            Assert.Equal("Unhealthy", checks.GetProperty("tenant-api").GetProperty("status").GetString());
            Assert.Equal("Healthy", checks.GetProperty("partner-api").GetProperty("status").GetString());
        }

        // Ctrl+C: everything it started is gone within 20 seconds, PostgreSQL, RabbitMQ and epmd included.
        var running = await _system.GetResourcesAsync();
        var pids = running.Where(r => r.Pid is not null && r.State != "Failed").Select(r => r.Pid!.Value).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _system.StopAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {clock.Elapsed}");
        Assert.All(pids, pid => Assert.False(Signals.IsAlive(pid), $"process {pid} is still running"));
        Assert.Empty(ProcessesUsing(_system.DataDirectory));

        // A second start comes up on the data the first one left.
        await _system.StartAsync();
        using var again = await _system.Gateway.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("kept", await ExecuteAsync((await _system.GetResourceAsync("tenantdb")).ConnectionString!, "SELECT note FROM restart_marker"));
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Every living process whose command line or environment names the folder: what this system started.</summary>
    private static List<string> ProcessesUsing(string folder)
    {
        var found = new List<string>();
        foreach (var directory in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var pid = int.Parse(Path.GetFileName(directory));
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var environment = File.ReadAllText(Path.Combine(directory, "environ")).Replace('\0', ' ');
                if (Signals.IsAlive(pid) && (commandLine.Contains(folder) || environment.Contains(folder)) && !commandLine.Contains("testhost"))
                {
                    found.Add($"{pid}: {commandLine}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }
}
