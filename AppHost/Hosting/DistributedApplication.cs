using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using WebWaka.AppHost.Dashboard;
using WebWaka.AppHost.Orchestration;

namespace WebWaka.AppHost.Hosting;

/// <summary>The running application: its resources, the orchestrator that runs them and the developer dashboard.</summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IReadOnlyList<IResource> _resources;
    private readonly ConsoleLog _console = new();
    private DashboardServer? _dashboard;
    private bool _stopped;

    internal DistributedApplication(IReadOnlyList<IResource> resources, ResourceContext context)
    {
        _resources = resources;
        Context = context;
        Orchestrator = new Orchestrator(resources, context, _console);
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray())
            .Build();
        return new DistributedApplicationBuilder(DistributedApplicationOptions.Parse(args), configuration);
    }

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new(options, new ConfigurationBuilder().Build());

    public ResourceContext Context { get; }

    public Orchestrator Orchestrator { get; }

    public async Task StartAsync()
    {
        var options = Context.Options;
        if (options.Fresh && Directory.Exists(options.DataDirectory))
        {
            _console.Info($"--fresh: wiping {options.DataDirectory}");
            Directory.Delete(options.DataDirectory, recursive: true);
        }

        Directory.CreateDirectory(options.DataDirectory);
        Orchestrator.ReapLeftovers();
        if (options.DashboardPort >= 0)
        {
            _dashboard = await DashboardServer.StartAsync(Orchestrator, Context, options.DashboardPort);
            _console.Info($"Dashboard: {_dashboard.Url}");
        }

        Orchestrator.Start();
    }

    /// <summary>Runs until Ctrl+C or SIGTERM, then stops everything it started.</summary>
    public async Task RunAsync()
    {
        using var stopRequested = new CancellationTokenSource();
        void RequestStop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stopRequested.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

        if (Context.Options.ParentProcessId is { } parent)
        {
            _ = StopWhenGoneAsync(parent, stopRequested);
        }

        var clock = Stopwatch.StartNew();
        await StartAsync();
        _ = ReportWhenReadyAsync(clock, stopRequested.Token);

        try
        {
            await Task.Delay(Timeout.Infinite, stopRequested.Token);
        }
        catch (OperationCanceledException)
        {
            _console.Info("Stopping...");
        }

        await StopAsync();
        _console.Info($"Stopped everything in {Orchestrator.LastStopDuration.TotalSeconds:0.0} s.");
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Orchestrator.StopAsync();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Waits until the resource is healthy; throws if it failed or cannot start.</summary>
    public async Task WaitForHealthyAsync(string name, TimeSpan timeout)
    {
        var resource = _resources.Single(r => r.Name == name);
        var healthy = await Orchestrator.WhenReady(resource).WaitAsync(timeout);
        if (!healthy)
        {
            var failed = Orchestrator.Instances.Where(i => i.State == ResourceState.Failed)
                .Select(i => $"{i.Name}: {i.Message}. Last lines:\n{string.Join("\n", i.Log.Tail(30))}");
            throw new InvalidOperationException($"'{name}' did not become healthy.\n{string.Join("\n", failed)}");
        }
    }

    public string GetConnectionString(string name) =>
        ((IResourceWithConnectionString)_resources.Single(r => r.Name == name)).GetConnectionString(Context);

    public string GetEndpoint(string name, string endpoint = "http", int replica = 0) =>
        Context.GetUrl((Resource)_resources.Single(r => r.Name == name), endpoint, replica);

    private async Task StopWhenGoneAsync(int parent, CancellationTokenSource stopRequested)
    {
        while (Signals.IsAlive(parent))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        _console.Info($"Process {parent}, which started AppHost, has ended.");
        await stopRequested.CancelAsync();
    }

    private async Task ReportWhenReadyAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(_resources.Select(Orchestrator.WhenReady)).WaitAsync(cancellationToken);
        if (outcomes.All(healthy => healthy))
        {
            var gateway = _resources.OfType<ProjectResource>().SelectMany(p => p.Endpoints.Where(e => e.IsExternal).Select(e => Context.GetUrl(p, e.Name)));
            _console.Info($"All {_resources.Count} resources healthy in {clock.Elapsed.TotalSeconds:0.0} s. Open {string.Join(", ", gateway)}");
        }
        else
        {
            _console.Info("Some resources failed: their last log lines are above and on the dashboard.");
        }
    }
}
