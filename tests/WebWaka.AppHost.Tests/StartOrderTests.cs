namespace WebWaka.AppHost.Tests;

/// <summary>A resource starts only after what it waits for is healthy, and never after that failed.</summary>
public sealed class StartOrderTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    [Fact]
    public async Task A_resource_waits_until_its_dependency_is_healthy()
    {
        var builder = _scratch.CreateBuilder();
        var ready = _scratch.File("database-ready");
        var database = builder.AddExecutable("database", "bash", _scratch.Path, "-c", $"sleep 1.5; touch {ready}; exec sleep 600")
            .WithHealthCheck((_, _) => Task.FromResult(File.Exists(ready) ? HealthResult.Healthy : HealthResult.Unhealthy("not ready")));
        builder.AddExecutable("api", "sleep", _scratch.Path, "600").WaitFor(database);
        await using var app = builder.Build();

        await app.StartAsync();
        await Task.Delay(500);
        var api = app.Orchestrator.Instances.Single(i => i.Name == "api");
        Assert.Equal(ResourceState.Waiting, api.State);
        Assert.Null(api.ProcessId);
        Assert.Equal("waiting for database", api.Message);

        await app.WaitForHealthyAsync("api", TimeSpan.FromSeconds(30));
        Assert.NotNull(api.ProcessId);
        Assert.True(api.StartedAt >= File.GetLastWriteTimeUtc(ready), "api started before the database was ready");
    }

    [Fact]
    public async Task A_failed_resource_shows_its_last_lines_and_its_dependants_never_start()
    {
        var builder = _scratch.CreateBuilder();
        var broker = builder.AddExecutable("broker", "bash", _scratch.Path, "-c", "echo 'port already in use'; exit 3")
            .WithHealthCheck((_, _) => Task.FromResult(HealthResult.Unhealthy("starting")));
        builder.AddExecutable("worker", "sleep", _scratch.Path, "600").WaitFor(broker);
        await using var app = builder.Build();

        await app.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WaitForHealthyAsync("worker", TimeSpan.FromSeconds(30)));

        var failed = app.Orchestrator.Instances.Single(i => i.Name == "broker");
        Assert.Equal(ResourceState.Failed, failed.State);
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal("exited with code 3", failed.Message);
        Assert.Contains("port already in use", failed.Log.Tail(10));

        var dependant = app.Orchestrator.Instances.Single(i => i.Name == "worker");
        Assert.Equal(ResourceState.Waiting, dependant.State);
        Assert.Null(dependant.ProcessId);
        Assert.Equal("not started: broker failed", dependant.Message);
    }

    [Fact]
    public async Task A_resource_that_dies_after_becoming_healthy_is_shown_failed()
    {
        var builder = _scratch.CreateBuilder();
        builder.AddExecutable("service", "sleep", _scratch.Path, "600");
        await using var app = builder.Build();
        await app.StartAsync();
        await app.WaitForHealthyAsync("service", TimeSpan.FromSeconds(30));
        var service = app.Orchestrator.Instances.Single();

        Signals.Send(service.ProcessId!.Value, Signals.Kill);

        await WebWaka.Testing.Eventually.GetAsync(() => Task.FromResult(service.State), s => s == ResourceState.Failed, TimeSpan.FromSeconds(10), "failed");
        Assert.Equal(137, service.ExitCode);
        Assert.Equal(HealthStatus.Unhealthy, service.Health);
    }

    public void Dispose() => _scratch.Dispose();
}
