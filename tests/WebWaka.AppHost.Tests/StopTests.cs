namespace WebWaka.AppHost.Tests;

/// <summary>Stopping leaves nothing running: not the processes, not what they started, not what ignores SIGTERM.</summary>
public sealed class StopTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    [Fact]
    public async Task Stop_ends_every_process_and_every_process_they_started()
    {
        var builder = _scratch.CreateBuilder();
        var grandchild = _scratch.File("grandchild.pid");
        builder.AddExecutable("spawner", "bash", _scratch.Path, "-c", $"sleep 600 & echo $! > {grandchild}; exec sleep 600");
        builder.AddExecutable("stubborn", "bash", _scratch.Path, "-c", "trap '' TERM; while true; do sleep 1; done");
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForHealthyAsync("spawner", TimeSpan.FromSeconds(30));
        await app.WaitForHealthyAsync("stubborn", TimeSpan.FromSeconds(30));
        await WebWaka.Testing.Eventually.GetAsync(() => Task.FromResult(File.Exists(grandchild)), exists => exists, TimeSpan.FromSeconds(10), "grandchild started");
        var pids = app.Orchestrator.Instances.Select(i => i.ProcessId!.Value).Append(int.Parse(File.ReadAllText(grandchild))).ToList();
        Assert.All(pids, pid => Assert.True(Signals.IsAlive(pid)));

        await app.StopAsync();

        Assert.All(pids, pid => Assert.False(Signals.IsAlive(pid), $"process {pid} is still running"));
        Assert.All(app.Orchestrator.Instances, i => Assert.Equal(ResourceState.Stopped, i.State));
    }

    [Fact]
    public async Task Dependants_stop_before_what_they_depend_on()
    {
        var builder = _scratch.CreateBuilder();
        var order = _scratch.File("stop-order");
        var database = TrapsTerm(builder, "database", order);
        TrapsTerm(builder, "api", order).WaitFor(database);
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForHealthyAsync("api", TimeSpan.FromSeconds(30));

        await app.StopAsync();

        Assert.Equal(["api", "database"], File.ReadAllLines(order));
    }

    [Fact]
    public async Task A_new_run_ends_what_a_killed_run_left_behind()
    {
        var crashed = _scratch.CreateBuilder();
        crashed.AddExecutable("service", "sleep", _scratch.Path, "600");
        var crashedApp = crashed.Build();
        await crashedApp.StartAsync();
        await crashedApp.WaitForHealthyAsync("service", TimeSpan.FromSeconds(30));
        var orphan = crashedApp.Orchestrator.Instances.Single().ProcessId!.Value;
        // The first run is never stopped, as if AppHost had been killed.

        var next = _scratch.CreateBuilder();
        next.AddExecutable("other", "sleep", _scratch.Path, "600");
        await using var nextApp = next.Build();
        await nextApp.StartAsync();

        await WebWaka.Testing.Eventually.GetAsync(() => Task.FromResult(Signals.IsAlive(orphan)), alive => !alive, TimeSpan.FromSeconds(5), "orphan ended");
    }

    [Fact]
    public async Task The_application_stops_itself_when_the_process_that_started_it_ends()
    {
        using var parent = System.Diagnostics.Process.Start("sleep", "2");
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            DataDirectory = _scratch.File("data"),
            Isolated = true,
            DashboardPort = -1,
            ParentProcessId = parent.Id,
        });
        builder.AddExecutable("service", "sleep", _scratch.Path, "600");
        await using var app = builder.Build();

        await app.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var service = app.Orchestrator.Instances.Single();
        Assert.Equal(ResourceState.Stopped, service.State);
        Assert.False(Signals.IsAlive(service.ProcessId!.Value));
    }

    /// <summary>A process that notes its name when asked to stop, healthy once its trap is set.</summary>
    private IResourceBuilder<ExecutableResource> TrapsTerm(DistributedApplicationBuilder builder, string name, string log)
    {
        var ready = _scratch.File($"{name}-ready");
        return builder.AddExecutable(name, "bash", _scratch.Path, "-c", $"trap 'echo {name} >> {log}; exit 0' TERM; touch {ready}; while true; do sleep 0.1; done")
            .WithHealthCheck((_, _) => Task.FromResult(File.Exists(ready) ? HealthResult.Healthy : HealthResult.Unhealthy("starting")));
    }

    public void Dispose() => _scratch.Dispose();
}
