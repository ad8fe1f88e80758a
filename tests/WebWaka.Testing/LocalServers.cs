using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebWaka.AppHost.Resources;

namespace WebWaka.Testing;

/// <summary>
/// A small distributed application of AppHost's own resource types (PostgreSQL, RabbitMQ, the mail catcher, ...)
/// run by Aspire on a data folder of the caller's, every port free.
/// </summary>
public sealed class LocalServers : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    // Aspire finds its orchestrator (DCP) through metadata that the Aspire SDK writes into an AppHost assembly.
    // This app has no AppHost of its own, so it borrows ours; the overload that is told which assembly is internal.
    private static readonly MethodInfo CreateWithAppHostAssembly = typeof(DistributedApplicationTestingBuilder)
        .GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static,
            [typeof(string[]), typeof(Action<DistributedApplicationOptions, HostApplicationBuilderSettings>), typeof(Assembly)])
        ?? throw new MissingMethodException("DistributedApplicationTestingBuilder.Create(args, configure, appHostAssembly) is gone: see Aspire's release notes.");

    private LocalServers(IDistributedApplicationTestingBuilder builder, LocalData data)
    {
        Builder = builder;
        Data = data;
    }

    public IDistributedApplicationTestingBuilder Builder { get; }

    public LocalData Data { get; }

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>A builder on <paramref name="dataDirectory"/>: add resources, then <see cref="StartAsync"/>.</summary>
    public static LocalServers Create(string dataDirectory)
    {
        var builder = (IDistributedApplicationTestingBuilder)CreateWithAppHostAssembly.Invoke(null,
            [new[] { $"DataDirectory={dataDirectory}" }, (Action<DistributedApplicationOptions, HostApplicationBuilderSettings>)((_, _) => { }), typeof(LocalData).Assembly])!;
        return new LocalServers(builder, LocalData.From(builder.Configuration));
    }

    /// <summary>Starts every resource and waits until each is healthy.</summary>
    public async Task<LocalServers> StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        App = await Builder.BuildAsync(timeout.Token);
        try
        {
            await App.StartAsync(timeout.Token);
            await Task.WhenAll(App.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .Where(ResourceStates.RunsWithTheApp)
                .Select(r => App.ResourceNotifications.WaitForResourceHealthyAsync(r.Name, timeout.Token)));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        return this;
    }

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string");

    public ResourceEvent Snapshot(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var state) ? state! : throw new InvalidOperationException($"{resource} has no state");

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
