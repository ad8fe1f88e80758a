using System.Diagnostics;

namespace WebWaka.AppHost.Orchestration;

/// <summary>
/// Starts every resource once what it waits for is healthy, watches its process and health, and stops
/// everything in the reverse order of dependency.
/// </summary>
public sealed class Orchestrator
{
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan HealthWatchInterval = TimeSpan.FromSeconds(3);

    private readonly IReadOnlyList<IResource> _resources;
    private readonly ResourceContext _context;
    private readonly ConsoleLog _console;
    private readonly Dictionary<IResource, TaskCompletionSource<bool>> _ready = [];
    private readonly CancellationTokenSource _lifetime = new();
    private readonly string _pidFolder;
    private volatile bool _stopping;

    internal Orchestrator(IReadOnlyList<IResource> resources, ResourceContext context, ConsoleLog console)
    {
        _resources = resources;
        _context = context;
        _console = console;
        _pidFolder = Path.Combine(context.Options.DataDirectory, "run");
        Instances = resources.SelectMany(CreateInstances).ToList();
        foreach (var resource in resources)
        {
            _ready[resource] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public IReadOnlyList<ResourceInstance> Instances { get; }

    public TimeSpan LastStopDuration { get; private set; }

    /// <summary>True once the resource is healthy; false if it failed or will never start.</summary>
    public Task<bool> WhenReady(IResource resource) => _ready[resource].Task;

    public string? ConnectionStringOf(IResource resource) =>
        resource is IResourceWithConnectionString withConnectionString ? withConnectionString.GetConnectionString(_context) : null;

    public IReadOnlyList<string> EndpointsOf(ResourceInstance instance) =>
        instance.Resource is ProcessResource process
            ? process.Endpoints.Select(e => _context.GetUrl(process, e.Name, instance.Replica)).ToList()
            : [];

    public void Start()
    {
        foreach (var resource in _resources)
        {
            _ = Task.Run(() => RunAsync(resource, _lifetime.Token));
        }
    }

    private IEnumerable<ResourceInstance> CreateInstances(IResource resource)
    {
        var replicas = resource is ProcessResource process ? process.Replicas : 1;
        for (var replica = 0; replica < replicas; replica++)
        {
            yield return new ResourceInstance(resource, replica, replicas == 1 ? resource.Name : $"{resource.Name}-{replica + 1}");
        }
    }

    private List<ResourceInstance> InstancesOf(IResource resource) => Instances.Where(i => i.Resource == resource).ToList();

    private async Task RunAsync(IResource resource, CancellationToken cancellationToken)
    {
        var instances = InstancesOf(resource);
        try
        {
            foreach (var dependency in ((Resource)resource).WaitsFor)
            {
                Set(instances, ResourceState.Waiting, $"waiting for {dependency.Name}");
                if (!await WhenReady(dependency).WaitAsync(cancellationToken))
                {
                    Set(instances, ResourceState.Waiting, $"not started: {dependency.Name} failed");
                    _ready[resource].TrySetResult(false);
                    return;
                }
            }

            switch (resource)
            {
                case IResourceWithParent child:
                    Set(instances, ResourceState.Waiting, $"waiting for {child.Parent.Name}");
                    var parentReady = await WhenReady(child.Parent).WaitAsync(cancellationToken);
                    Set(instances, parentReady ? ResourceState.Healthy : ResourceState.Failed, parentReady ? null : $"{child.Parent.Name} failed",
                        parentReady ? HealthStatus.Healthy : HealthStatus.Unhealthy);

                    _ready[resource].TrySetResult(parentReady);
                    break;
                case ProcessResource process:
                    await RunProcessesAsync(process, instances, cancellationToken);
                    break;
                default:
                    Set(instances, ResourceState.Healthy, null, HealthStatus.Healthy);

                    _ready[resource].TrySetResult(true);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ready[resource].TrySetResult(false);
        }
        catch (Exception ex)
        {
            Fail(instances, ex.Message);
            _ready[resource].TrySetResult(false);
        }
    }

    private async Task RunProcessesAsync(ProcessResource resource, List<ResourceInstance> instances, CancellationToken cancellationToken)
    {
        Set(instances, ResourceState.Starting, null);
        var log = LogTo(instances[0]);
        await resource.PrepareAsync(_context, log, cancellationToken);
        foreach (var instance in instances)
        {
            StartProcess(resource, instance);
        }

        var healthy = await Task.WhenAll(instances.Select(i => WaitUntilHealthyAsync(resource, i, cancellationToken)));
        if (!healthy.All(h => h))
        {
            _ready[resource].TrySetResult(false);
            return;
        }

        await resource.OnHealthyAsync(_context, log, cancellationToken);
        foreach (var instance in instances.Where(i => i.State == ResourceState.Running))
        {
            instance.State = ResourceState.Healthy;
        }

        _ready[resource].TrySetResult(true);
        await Task.WhenAll(instances.Select(i => WatchHealthAsync(resource, i, cancellationToken)));
    }

    private void StartProcess(ProcessResource resource, ResourceInstance instance)
    {
        var spec = resource.GetProcessSpec(_context, instance.Replica);
        var process = ManagedProcess.Start(spec, LogTo(instance));
        instance.Process = process;
        instance.ProcessId = process.Id;
        instance.StartedAt = DateTimeOffset.UtcNow;
        instance.State = ResourceState.Running;
        WritePidFile(instance);
        _ = WatchExitAsync(instance, process);
    }

    private async Task WatchExitAsync(ResourceInstance instance, ManagedProcess process)
    {
        var exitCode = await process.Exited;
        instance.ExitCode = exitCode;
        if (_stopping)
        {
            return;
        }

        var lastLines = string.Join("\n", instance.Log.Tail(15));
        instance.State = ResourceState.Failed;
        instance.Health = HealthStatus.Unhealthy;
        instance.Message = $"exited with code {exitCode}";
        _console.Write(instance.Name, $"FAILED: exited with code {exitCode}. Last lines:\n{lastLines}");
        _ready[instance.Resource].TrySetResult(false);
    }

    private async Task<bool> WaitUntilHealthyAsync(ProcessResource resource, ResourceInstance instance, CancellationToken cancellationToken)
    {
        while (instance.State == ResourceState.Running)
        {
            var result = await resource.CheckHealthAsync(_context, instance.Replica, cancellationToken);
            if (instance.State != ResourceState.Running)
            {
                break;
            }

            instance.Health = result.IsHealthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
            instance.Message = result.Description;
            if (result.IsHealthy)
            {
                return true;
            }

            await Task.Delay(HealthPollInterval, cancellationToken);
        }

        return false;
    }

    /// <summary>Keeps the health of a running replica current, for the dashboard.</summary>
    private async Task WatchHealthAsync(ProcessResource resource, ResourceInstance instance, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && instance.State is ResourceState.Healthy or ResourceState.Running)
        {
            await Task.Delay(HealthWatchInterval, cancellationToken);
            var result = await resource.CheckHealthAsync(_context, instance.Replica, cancellationToken);
            if (instance.State is not (ResourceState.Healthy or ResourceState.Running))
            {
                break;
            }

            instance.Health = result.IsHealthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
            instance.State = result.IsHealthy ? ResourceState.Healthy : ResourceState.Running;
            instance.Message = result.Description;
        }
    }

    /// <summary>Stops dependants before what they depend on; each layer stops in parallel.</summary>
    public async Task StopAsync()
    {
        var clock = Stopwatch.StartNew();
        _stopping = true;
        await _lifetime.CancelAsync();
        foreach (var layer in _resources.GroupBy(DependencyDepth).OrderByDescending(g => g.Key))
        {
            await Task.WhenAll(layer.Select(StopResourceAsync));
        }

        LastStopDuration = clock.Elapsed;
    }

    private async Task StopResourceAsync(IResource resource)
    {
        var instances = InstancesOf(resource);
        if (resource is ProcessResource process)
        {
            await Task.WhenAll(instances.Where(i => i.Process is not null).Select(async instance =>
            {
                instance.State = ResourceState.Stopping;
                await instance.Process!.StopAsync(process.StopSignal, process.StopTimeout);
                File.Delete(PidFile(instance));
            }));
            await process.AfterStopAsync(_context, LogTo(instances[0]));
        }

        foreach (var instance in instances.Where(i => i.State != ResourceState.Failed))
        {
            instance.State = ResourceState.Stopped;
            instance.Health = HealthStatus.Unknown;
        }
    }

    // References may run both ways (two services that call each other); a resource's place in the stop order
    // comes from what it waits for alone, which cannot.
    private int DependencyDepth(IResource resource)
    {
        var resourceModel = (Resource)resource;
        IEnumerable<IResource> dependencies = resourceModel.WaitsFor;
        if (resource is IResourceWithParent child)
        {
            dependencies = dependencies.Append(child.Parent);
        }

        return dependencies.Select(d => DependencyDepth(d) + 1).DefaultIfEmpty(0).Max();
    }

    /// <summary>Ends the processes that a run killed before it could stop them left behind.</summary>
    public void ReapLeftovers()
    {
        if (!Directory.Exists(_pidFolder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(_pidFolder, "*.pid"))
        {
            var recorded = File.ReadAllText(file).Split(' ');
            if (recorded.Length == 2 && int.TryParse(recorded[0], out var pid) && StartTimeOf(pid) == recorded[1])
            {
                _console.Info($"ending {Path.GetFileNameWithoutExtension(file)} (process group {pid}), left running by an earlier run");
                // Its start time matched, so the id is still that process's: it is safe to signal it alone if it never made its group.
                if (!Signals.SendToGroup(pid, Signals.Kill))
                {
                    Signals.Send(pid, Signals.Kill);
                }
            }

            File.Delete(file);
        }
    }

    private void WritePidFile(ResourceInstance instance)
    {
        Directory.CreateDirectory(_pidFolder);
        var pid = instance.ProcessId!.Value;
        File.WriteAllText(PidFile(instance), $"{pid} {StartTimeOf(pid)}");
    }

    private string PidFile(ResourceInstance instance) => Path.Combine(_pidFolder, $"{instance.Name}.pid");

    /// <summary>When a process started, so that a reused process id is never mistaken for ours.</summary>
    private static string? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Field 22, counted after the command name, which may itself hold spaces and parentheses.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private Action<string> LogTo(ResourceInstance instance) => line =>
    {
        instance.Log.Append(line);
        _console.Write(instance.Name, line);
    };

    private static void Set(IEnumerable<ResourceInstance> instances, ResourceState state, string? message, HealthStatus? health = null)
    {
        foreach (var instance in instances)
        {
            instance.State = state;
            instance.Message = message;
            instance.Health = health ?? instance.Health;
        }
    }

    private void Fail(IEnumerable<ResourceInstance> instances, string message)
    {
        foreach (var instance in instances)
        {
            instance.State = ResourceState.Failed;
            instance.Health = HealthStatus.Unhealthy;
            instance.Message = message;
            instance.Log.Append($"FAILED: {message}");
            _console.Write(instance.Name, $"FAILED: {message}");
        }
    }
}
