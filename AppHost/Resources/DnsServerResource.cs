using System.Net;
using Aspire.Hosting.ApplicationModel;
using DnsClient;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace WebWaka.AppHost.Resources;

/// <summary>
/// A real DNS server for this machine (dnsmasq from Debian), answering from a records file a developer or a test
/// edits: a partner's domain can be proved with a TXT record without a public zone. Unknown names get no answer.
/// </summary>
public sealed class DnsServerResource(string name, string workingDirectory, string recordsFile)
    : ExecutableResource(name, Executable, workingDirectory)
{
    public const string Executable = "/usr/sbin/dnsmasq";

    /// <summary>A record that is always there, for the health check.</summary>
    public const string HealthRecord = "health.webwaka.internal";

    /// <summary>dnsmasq's configuration syntax, one record a line: <c>txt-record=NAME,"VALUE"</c>.</summary>
    public string RecordsFile { get; } = recordsFile;

    public EndpointReference Endpoint => new(this, "dns");

    /// <summary><c>127.0.0.1:PORT</c>, what a resolver is told to ask.</summary>
    public ReferenceExpression NameServer => ReferenceExpression.Create($"127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");
}

public static class DnsServerBuilderExtensions
{
    /// <summary>
    /// Runs dnsmasq on a free port of the loopback (UDP and TCP), answering only from its records file,
    /// <c>&lt;data&gt;/&lt;name&gt;/records.conf</c>; AppHost restarts it whenever the file changes.
    /// </summary>
    public static IResourceBuilder<DnsServerResource> AddDnsServer(this IDistributedApplicationBuilder builder, string name, LocalData data)
    {
        if (!File.Exists(DnsServerResource.Executable))
        {
            throw new InvalidOperationException($"dnsmasq is not installed at '{DnsServerResource.Executable}': './webwaka up' installs it.");
        }

        var folder = data.FolderOf(name);
        var records = Path.Combine(folder, "records.conf");
        if (!File.Exists(records))
        {
            File.WriteAllText(records, """
                # Records the local DNS server answers, in dnsmasq's syntax; AppHost reloads the server when this file changes.
                # txt-record=_webwaka-challenge.shop.example,"the value a domain's verification asks for"

                """);
        }

        var server = new DnsServerResource(name, folder, records);
        var user = Environment.UserName;
        builder.Services.AddHealthChecks().AddAsyncCheck($"{name}-answers", cancellationToken => AnswersAsync(server, cancellationToken));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, (ready, _) =>
        {
            ReloadOnChange(server, ready.Services);
            return Task.CompletedTask;
        });
        return builder.AddResource(server)
            .WithArgs(
                "--keep-in-foreground", "--log-facility=-", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=127.0.0.1",
                "--port", server.Endpoint.Property(EndpointProperty.TargetPort),
                $"--conf-file={records}", $"--pid-file={Path.Combine(folder, "dnsmasq.pid")}",
                // As root it would drop to 'nobody', who cannot read the data folder.
                $"--user={user}", $"--txt-record={DnsServerResource.HealthRecord},ok")
            .WithEndpoint(name: "dns", scheme: "dns", isProxied: false)
            .WithHealthCheck($"{name}-answers")
            .WithIconName("GlobeSearch");
    }

    private static readonly HashSet<string> Watched = [];

    /// <summary>dnsmasq reads its records only when it starts: a changed file restarts it.</summary>
    private static void ReloadOnChange(DnsServerResource server, IServiceProvider services)
    {
        lock (Watched)
        {
            if (!Watched.Add(server.RecordsFile))
            {
                return;
            }
        }

        var commands = services.GetRequiredService<ResourceCommandService>();
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var watcher = new FileSystemWatcher(Path.GetDirectoryName(server.RecordsFile)!, Path.GetFileName(server.RecordsFile))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        // An editor's save is several events, and a change may come while a restart runs: restarts never overlap, and
        // each change is followed by one restart that reads it.
        var scheduled = 0;
        var restarting = new SemaphoreSlim(1, 1);
        async Task RestartAsync()
        {
            if (Interlocked.Exchange(ref scheduled, 1) == 1)
            {
                return;
            }

            await restarting.WaitAsync();
            try
            {
                await Task.Delay(100);
                Interlocked.Exchange(ref scheduled, 0);
                logger.LogInformation("{File} changed: restarting to load it.", server.RecordsFile);
                await commands.ExecuteCommandAsync(server, KnownResourceCommands.RestartCommand);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not restart after {File} changed.", server.RecordsFile);
            }
            finally
            {
                restarting.Release();
            }
        }

        FileSystemEventHandler changed = (_, _) => _ = RestartAsync();
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Renamed += (sender, e) => changed(sender, e);
        watcher.EnableRaisingEvents = true;
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(watcher.Dispose);
    }

    private static async Task<HealthCheckResult> AnswersAsync(DnsServerResource server, CancellationToken cancellationToken)
    {
        if (!server.Endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("Not started yet.");
        }

        try
        {
            var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, server.Endpoint.Port))
            {
                UseCache = false, Retries = 0, Timeout = TimeSpan.FromSeconds(2),
            });
            var answer = await client.QueryAsync(DnsServerResource.HealthRecord, QueryType.TXT, cancellationToken: cancellationToken);
            return answer.Answers.TxtRecords().Any() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"No answer for {DnsServerResource.HealthRecord}.");
        }
        catch (DnsResponseException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
