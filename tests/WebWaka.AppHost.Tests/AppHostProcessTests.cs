using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;

namespace WebWaka.AppHost.Tests;

/// <summary>
/// AppHost as './webwaka up' runs it: a program of its own. A second one on the same data refuses to start and
/// leaves the first alone; SIGTERM (what Ctrl+C and an init system send) ends every process it started.
/// </summary>
public sealed class AppHostProcessTests : IDisposable
{
    private static readonly string Configuration =
        typeof(AppHostProcessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private readonly ScratchFolder _scratch = new();

    [Fact]
    public async Task A_second_AppHost_on_the_same_data_refuses_and_SIGTERM_leaves_no_process_behind()
    {
        var gatewayPort = FreePort.Next();
        using var first = Start(gatewayPort, out var firstOutput);
        using var gateway = new HttpClient { BaseAddress = new Uri($"http://localhost:{gatewayPort}") };
        await WaitUntilHealthyAsync(gateway, first, firstOutput);

        using var second = Start(FreePort.Next(), out var secondOutput);
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(60)), "the second AppHost is still running");
        // Without a timeout, the wait also lets the last of its output reach the handlers.
        second.WaitForExit();
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("already running on the data folder", secondOutput.ToString());
        Assert.False(first.HasExited);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health")).StatusCode);

        // Aspire's orchestrator (DCP) runs detached, watching AppHost: what it started is under it, not under AppHost.
        var orchestrators = Processes.All().Where(p => p.CommandLine.Contains($"--monitor {first.Id}")).Select(p => p.Pid);
        var started = Processes.Descendants([first.Id, .. orchestrators]);
        foreach (var expected in new[] { "bin/postgres", "beam.smp", "epmd", "maildev", "WebWaka.Partner", "WebWaka.Tenant", "WebWaka.Instance", "WebWaka.Invitation", "WebWaka.Gateway", "WebWaka.Web" })
        {
            Assert.Contains(started, p => p.CommandLine.Contains(expected));
        }

        Processes.Signal(first.Id, Processes.Terminate);

        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(60)), "AppHost did not stop on SIGTERM");
        var left = await Eventually.GetAsync(() => Task.FromResult(started.Where(p => Processes.IsAlive(p.Pid)).ToList()),
            alive => alive.Count == 0, TimeSpan.FromSeconds(20), "every process ended");
        Assert.Empty(left);
    }

    private Process Start(int gatewayPort, out StringBuilder output)
    {
        var appHost = Path.Combine(LocalData.RepositoryRoot, "AppHost", "bin", Configuration, "net10.0", "AppHost.dll");
        var startInfo = new ProcessStartInfo("dotnet", [appHost, $"--DataDirectory={_scratch.Path}", "--Durable=false", $"--Gateway:Port={gatewayPort}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            },
        };
        var process = Process.Start(startInfo)!;
        var lines = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (lines) { lines.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lines) { lines.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = lines;
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient gateway, Process appHost, StringBuilder output)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(appHost.HasExited, $"AppHost exited with {(appHost.HasExited ? appHost.ExitCode : 0)}:\n{output}");
            try
            {
                if ((await gateway.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not up yet.
            }

            await Task.Delay(500);
        }

        Processes.Signal(appHost.Id, Processes.Terminate);
        throw new TimeoutException($"The gateway was not healthy within 3 minutes:\n{output}");
    }

    public void Dispose() => _scratch.Dispose();
}
