namespace WebWaka.AppHost.Hosting;

/// <summary>How to start one process: the orchestrator runs it in a session of its own.</summary>
public sealed record ProcessSpec(
    string Command,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    string? RunAsUser = null);

public sealed record HealthResult(bool IsHealthy, string? Description = null)
{
    public static readonly HealthResult Healthy = new(true);

    public static HealthResult Unhealthy(string description) => new(false, description);
}

/// <summary>A resource the orchestrator runs as processes, one per replica.</summary>
public abstract class ProcessResource(string name) : Resource(name)
{
    public int Replicas { get; set; } = 1;

    /// <summary>One-off work before the first process starts, such as creating a data folder.</summary>
    public virtual Task PrepareAsync(ResourceContext context, Action<string> log, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public abstract ProcessSpec GetProcessSpec(ResourceContext context, int replica);

    /// <summary>Whether a running replica can serve. Without a check of its own, running is healthy.</summary>
    public virtual Task<HealthResult> CheckHealthAsync(ResourceContext context, int replica, CancellationToken cancellationToken) =>
        Task.FromResult(HealthResult.Healthy);

    /// <summary>Work once every replica is healthy, such as creating the databases a server holds.</summary>
    public virtual Task OnHealthyAsync(ResourceContext context, Action<string> log, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>The signal that asks the process for a clean shutdown.</summary>
    public virtual int StopSignal => Signals.Terminate;

    /// <summary>How long a clean shutdown may take before the process is killed.</summary>
    public virtual TimeSpan StopTimeout => TimeSpan.FromSeconds(5);

    /// <summary>Clean-up after the processes are gone, even when they never started well.</summary>
    public virtual Task AfterStopAsync(ResourceContext context, Action<string> log) => Task.CompletedTask;
}

/// <summary>Any program on the machine, run as it is.</summary>
public sealed class ExecutableResource(string name, string command, string workingDirectory, IReadOnlyList<string> arguments)
    : ProcessResource(name)
{
    public override string Kind => "Executable";

    public Func<ResourceContext, CancellationToken, Task<HealthResult>>? HealthCheck { get; set; }

    public override ProcessSpec GetProcessSpec(ResourceContext context, int replica) =>
        new(command, arguments, workingDirectory, context.BuildEnvironment(this, replica));

    public override Task<HealthResult> CheckHealthAsync(ResourceContext context, int replica, CancellationToken cancellationToken) =>
        HealthCheck?.Invoke(context, cancellationToken) ?? Task.FromResult(HealthResult.Healthy);
}
