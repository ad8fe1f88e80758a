namespace WebWaka.AppHost.Orchestration;

public enum ResourceState { Waiting, Starting, Running, Healthy, Failed, Stopping, Stopped }

public enum HealthStatus { Unknown, Healthy, Unhealthy }

/// <summary>One replica of a resource as it runs: its state, health, process and log.</summary>
public sealed class ResourceInstance(IResource resource, int replica, string name)
{
    public string Name { get; } = name;

    public IResource Resource { get; } = resource;

    public int Replica { get; } = replica;

    public ResourceState State { get; internal set; } = ResourceState.Waiting;

    public HealthStatus Health { get; internal set; } = HealthStatus.Unknown;

    /// <summary>Why it is in its state: what it waits for, why it failed, what its health check said.</summary>
    public string? Message { get; internal set; }

    public int? ProcessId { get; internal set; }

    public int? ExitCode { get; internal set; }

    public DateTimeOffset? StartedAt { get; internal set; }

    public LogBuffer Log { get; } = new();

    internal ManagedProcess? Process { get; set; }
}
