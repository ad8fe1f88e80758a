using System.Diagnostics;
using System.Text.RegularExpressions;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// Nothing the system runs can be reached from another machine unless configured so: every socket that listens, of
/// every process of the system (AppHost in this test process, Aspire's orchestrator, each service, PostgreSQL, RabbitMQ
/// and its distribution port, the mail catcher, the DNS server), is on a loopback address, as <c>ss -ltnp</c> shows it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class ListenerTests(DistributedAppFixture system)
{
    [Fact]
    public async Task Every_listener_of_the_system_is_on_loopback()
    {
        // Aspire's orchestrator (DCP) runs detached, watching this process; every process of it names its kubeconfig, and
        // the resources run under it.
        var all = Processes.All();
        var orchestrator = all.Select(p => p.CommandLine).Single(command => command.Contains($"start-apiserver --monitor {Environment.ProcessId} "));
        var kubeconfig = KubeConfig().Match(orchestrator).Groups["path"].Value;
        var ours = Processes.Descendants(all.Where(p => p.CommandLine.Contains(kubeconfig)).Select(p => p.Pid).Append(Environment.ProcessId))
            .Select(p => p.Pid).ToHashSet();

        var listeners = (await SocketStatisticsAsync("-ltnpH"))
            .Select(line => (Line: line, Address: line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3],
                Pids: Pid().Matches(line).Select(m => int.Parse(m.Groups["pid"].Value)).ToList()))
            .Where(listener => listener.Pids.Any(ours.Contains))
            .ToList();

        // These are the system's (else this proves nothing): the gateway's port is among them, with many more.
        Assert.Contains(listeners, listener => listener.Address.EndsWith($":{system.Gateway.BaseAddress!.Port}"));
        Assert.True(listeners.Count >= 10, $"only {listeners.Count} listeners found for the system");
        Assert.All(listeners, listener => Assert.True(
            listener.Address.StartsWith("127.") || listener.Address.StartsWith("[::1]") || listener.Address.StartsWith("[::ffff:127."), listener.Line));
    }

    private static async Task<string[]> SocketStatisticsAsync(string arguments)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", arguments) { RedirectStandardOutput = true })!;
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [GeneratedRegex(@"pid=(?<pid>\d+)")]
    private static partial Regex Pid();

    [GeneratedRegex(@"--kubeconfig ""?(?<path>[^"" ]+)")]
    private static partial Regex KubeConfig();
}
