using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>
/// What the YARP gateway costs: GET /api/partner/me with a partner admin's token, driven by wrk, through the gateway,
/// straight to partner-api, and through nginx from Debian in front of the same partner-api.
/// </summary>
internal static partial class GatewayLoad
{
    private const string Path = "/api/partner/me";

    private sealed record Run(double RequestsPerSecond, double P50, string Errors, long Requests, IReadOnlyList<(string Part, double Seconds)> Cpu)
    {
        /// <summary>The CPU a part of the system spent per request, in microseconds.</summary>
        public double MicrosecondsPerRequest(string part) => Cpu.Where(p => p.Part == part).Sum(p => p.Seconds) * 1e6 / Math.Max(1, Requests);
    }

    // What a request through a proxy costs, and where (ProcessCpu's names): the proxy, the service, DCP's proxy in front of
    // the service, and the dashboard taking in the telemetry of both (every request is traced here, as in development).
    private static readonly string[] PartsOfARequest = ["Gateway", "nginx", "Partner", "DCP", "the Aspire dashboard"];

    public static async Task RunAsync(DistributedAppFixture system, RealPartner partner, Table table)
    {
        var token = partner.Admin.DefaultRequestHeaders.Authorization!.Parameter!;

        // partner-api at the address the app model gives it, which is also where the gateway (and so nginx here) sends
        // its requests: DCP's proxy in front of the process, in development as in these tests.
        var direct = await LoopbackAsync(system.App.GetEndpoint("partner-api", "http"));

        // The gateway at its own process's port: clients of a deployed gateway have no DCP proxy in front of it, and
        // the gateway is measured like nginx, one proxy in front of the same address.
        var gateway = GatewayProcess(system) is { } process ? await LoopbackAsync(process) : null;
        var gatewayLabel = gateway is null ? "gateway (through DCP's proxy: its process port was not found)" : "gateway (YARP, at its process port)";
        gateway ??= await LoopbackAsync(system.Gateway.BaseAddress!);

        await using var nginx = await Nginx.StartAsync(direct);
        (string Label, string Name, Uri Address)[] targets =
        [
            (gatewayLabel, "gateway", gateway),
            ("partner-api direct (its app-model endpoint)", "direct", direct),
            ("nginx 1 worker → the same partner-api endpoint", "nginx", nginx.Address),
        ];
        foreach (var target in targets)
        {
            await MustAnswerAsync(target.Address, token);
        }

        // Not counted: the first load compiles the path (tiered compilation: a method runs unoptimized, then instrumented,
        // then optimized, each step compiled in the background). A gateway just started needs about 50 s of this load to
        // get there (its CPU per request 700-950 µs in the first 5 s, about 220 from then on, partner-api's behind it
        // 870-1,000 and about 370), and warms partner-api's path as it goes.
        await WrkAsync(gateway, token, connections: 32, Scale.Seconds(60));

        var rows = "abcdefgh";
        var next = 0;
        foreach (var connections in new[] { 32, 256 })
        {
            var runs = new List<Run>();
            foreach (var (label, _, address) in targets)
            {
                // Not counted either: 5 s at the same concurrency, so that each proxy has opened the connections it keeps.
                // A gateway meeting 256 connections for the first time opens as many more to partner-api, and answered
                // part of that first burst after wrk's 2 s timeout (a second run: no timeouts, 2,218 req/s, nginx 2,234).
                await WrkAsync(address, token, connections, Scale.Seconds(5));
                var run = await WrkAsync(address, token, connections);
                runs.Add(run);
                table.Add($"3{rows[next++]}", $"GET {Path}, wrk -t2 -c{connections} -d{Scale.Seconds(10).TotalSeconds:0}s --latency: {label}",
                    $"**{Table.PerSecond(run.RequestsPerSecond, "req")}**, p50 {Table.Ms(run.P50)}{run.Errors}");
            }

            table.Add($"3{rows[next++]}", $"Gateway against nginx and direct, {connections} connections",
                $"gateway/nginx throughput **{runs[0].RequestsPerSecond / runs[2].RequestsPerSecond:0.00}×**; " +
                $"gateway adds **{Table.Ms(runs[0].P50 - runs[1].P50)}** to direct's p50 (nginx adds {Table.Ms(runs[2].P50 - runs[1].P50)})");

            // On two busy cores a proxy's CPU is the service's loss, and the median under load is mostly queueing for it:
            // what each request costs, by process, says where the time goes.
            if (connections == 32)
            {
                table.Add("3i", "CPU per request at 32 connections (3a–3c), by process, from /proc",
                    string.Join("; ", targets.Zip(runs, (target, run) => $"{target.Name}: " + string.Join(" + ", PartsOfARequest
                        .Where(part => run.MicrosecondsPerRequest(part) > 0)
                        .Select(part => $"{part} {run.MicrosecondsPerRequest(part):N0} µs")))));
            }
        }

        // One request at a time: what a proxy adds to a request's own path, with no queue in front of it.
        var alone = new List<Run>();
        foreach (var (_, _, address) in targets)
        {
            alone.Add(await WrkAsync(address, token, connections: 1));
        }

        table.Add("3j", $"GET {Path}, wrk -t1 -c1 -d{Scale.Seconds(10).TotalSeconds:0}s --latency: one request at a time",
            $"p50 {string.Join(", ", targets.Zip(alone, (target, run) => $"{target.Name} {Table.Ms(run.P50)}"))}: " +
            $"gateway adds **{Table.Ms(alone[0].P50 - alone[1].P50)}** (nginx adds {Table.Ms(alone[2].P50 - alone[1].P50)})");
    }

    /// <summary>wrk's requests/s and median latency; non-2xx answers and socket errors, when any, are named.</summary>
    private static async Task<Run> WrkAsync(Uri address, string token, int connections, TimeSpan? duration = null)
    {
        duration ??= Scale.Seconds(10);
        var before = ProcessCpu.Read();
        var output = await Child.RunAsync("wrk", [$"-t{Math.Min(2, connections)}", $"-c{connections}", $"-d{duration.Value.TotalSeconds:0}s", "--latency", "-H", $"Authorization: Bearer {token}", new Uri(address, Path).ToString()],
            duration.Value + TimeSpan.FromSeconds(30));
        var rate = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var median = Median().Match(output);
        var p50 = double.Parse(median.Groups[1].Value, CultureInfo.InvariantCulture) * median.Groups[2].Value switch
        {
            "us" => 0.001,
            "ms" => 1,
            "s" => 1000,
            _ => 60_000,
        };
        var errors = "";
        if (NonSuccess().Match(output) is { Success: true } non2xx)
        {
            errors += $", {non2xx.Groups[1].Value} non-2xx";
        }

        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            errors += $", socket errors: {socket.Groups[1].Value}";
        }

        return new Run(rate, p50, errors, long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture), ProcessCpu.Read().Since(before));
    }

    private static async Task MustAnswerAsync(Uri address, string token)
    {
        using var client = new HttpClient { BaseAddress = address, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var response = await client.GetAsync(Path);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{address}{Path} answered {(int)response.StatusCode}: wrk would measure an error page.");
        }
    }

    /// <summary>
    /// The port the gateway's process itself listens on: DCP hands it to the process as ASPNETCORE_URLS
    /// (read from /proc, as an operator's 'cat /proc/PID/environ' would).
    /// </summary>
    private static Uri? GatewayProcess(DistributedAppFixture system)
    {
        try
        {
            if (system.States.Of("gateway") is not [var gateway] || gateway.ProcessId() is not { } pid)
            {
                return null;
            }

            var urls = File.ReadAllText($"/proc/{pid}/environ").Split('\0').FirstOrDefault(v => v.StartsWith("ASPNETCORE_URLS="));
            return urls is null ? null : new Uri(urls["ASPNETCORE_URLS=".Length..].Split(';')[0]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The address with 127.0.0.1 for 'localhost' when that is where it listens, so that wrk and nginx connect
    /// to one address rather than trying ::1 first.
    /// </summary>
    private static async Task<Uri> LoopbackAsync(Uri address)
    {
        if (address.Host != "localhost")
        {
            return address;
        }

        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync("127.0.0.1", address.Port);
            return new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        }
        catch (SocketException)
        {
            return new UriBuilder(address) { Host = "[::1]" }.Uri;
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Median();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: (.+)")]
    private static partial Regex SocketErrors();
}
