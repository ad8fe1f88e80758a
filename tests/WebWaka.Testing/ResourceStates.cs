using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace WebWaka.Testing;

/// <summary>
/// The latest state of every resource and replica, as the dashboard shows it, kept by watching Aspire's
/// resource notifications for as long as the application runs.
/// </summary>
public sealed class ResourceStates(ResourceLoggerService logs) : IAsyncDisposable
{
    /// <summary>How much of an ended resource's console a failure shows: enough for a stack trace.</summary>
    private const int LastLines = 40;

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _watching = Task.CompletedTask;

    public static ResourceStates Watch(DistributedApplication app)
    {
        var states = new ResourceStates(app.Services.GetRequiredService<ResourceLoggerService>());
        states._watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in app.ResourceNotifications.WatchAsync(states._stop.Token))
                {
                    states._latest[change.ResourceId] = change;
                }
            }
            catch (OperationCanceledException)
            {
                // The application stopped.
            }
        });
        return states;
    }

    /// <summary>
    /// Whether the resource starts with the application and runs until it stops: not a parameter, nor one that starts
    /// only when asked (Aspire's hidden project rebuilders).
    /// </summary>
    public static bool RunsWithTheApp(IResource resource) =>
        resource is not ParameterResource && !resource.Annotations.OfType<ExplicitStartupAnnotation>().Any();

    public IReadOnlyList<ResourceEvent> All => [.. _latest.Values.OrderBy(e => e.ResourceId)];

    /// <summary>One snapshot per replica of the resource (one for most).</summary>
    public IReadOnlyList<ResourceEvent> Of(string resource) => [.. All.Where(e => e.Resource.Name == resource)];

    public ResourceEvent Single(string resource) => Of(resource).Single();

    /// <summary>Polls until the condition holds; fails with every resource's state if it never does.</summary>
    public async Task<IReadOnlyList<ResourceEvent>> WaitUntilAsync(Func<IReadOnlyList<ResourceEvent>, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var states = All;
            if (condition(states))
            {
                return states;
            }

            await Task.Delay(100);
        }

        var seen = string.Join("\n", All.Select(e => $"  {e.ResourceId}: {e.State()} {e.Snapshot.HealthStatus} exit={e.Snapshot.ExitCode}"));
        var consoles = new StringBuilder();
        foreach (var ended in All.Where(e => e.Snapshot.ExitCode is not null and not 0))
        {
            consoles.Append(await ConsoleTailAsync(ended.ResourceId));
        }

        throw new TimeoutException($"Not {what} within {timeout}:\n{seen}{consoles}");
    }

    /// <summary>The last lines a resource wrote: why a process that ended on its own did.</summary>
    private async Task<string> ConsoleTailAsync(string resourceId)
    {
        var tail = new Queue<string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var batch in logs.GetAllAsync(resourceId).WithCancellation(enough.Token))
            {
                foreach (var line in batch)
                {
                    tail.Enqueue(line.Content);
                    if (tail.Count > LastLines)
                    {
                        tail.Dequeue();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // What came within the time is shown.
        }

        return $"\n{resourceId}'s last {tail.Count} console lines:\n    {string.Join("\n    ", tail)}";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
