using System.Diagnostics;
using System.Globalization;
using WebWaka.Bench;
using WebWaka.Testing;

// './webwaka bench': boots the whole system as the end-to-end tests do, measures it and the floor under it in one run,
// prints one table and writes it to bench/results/latest.md ('--smoke': a short run to check the bench, written nowhere;
// '--only=1,3': those parts alone, to look at one while working on it, written nowhere either).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Scale.Smoke = args.Contains("--smoke");
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..].Split(',');
var repository = FindRepository();
var clock = Stopwatch.StartNew();
var table = new Table();
var failed = 0;

Step("Booting the system (AppHost through Aspire.Hosting.Testing, the tests' DistributedAppFixture)");
// AppHost, here in this process, would echo every line its resources print; their warnings and errors are enough here,
// less what epmd (each health probe) and dnsmasq (its start) print on standard error as a matter of course.
Environment.SetEnvironmentVariable("Logging__LogLevel__AppHost.Resources", "Warning");
Environment.SetEnvironmentVariable("Logging__LogLevel__AppHost.Resources.rabbitmq-epmd", "None");
Environment.SetEnvironmentVariable("Logging__LogLevel__AppHost.Resources.dns", "None");
var system = new SystemAtWork();
await system.StartAsync();
try
{
    Step("Creating partners (each invited by email, accepted, signed in)");
    var partners = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => system.CreatePartnerAsync($"Bench Partner {i}")));
    await using var events = await PlatformEvents.ListenAsync(await system.ConnectionStringAsync("rabbitmq"));
    var provisioning = new Provisioning(system, events, [.. partners[..4].Select(p => p.Admin)]);

    // What needs the system idle first: one platform at a time (before the floor's hundreds of thousands of scratch rows
    // and messages leave the servers busy tidying up), the floor, the cost of one platform; then load, the gateway, reads.
    FloorResult? floor = null;
    double? perPlatform = null;
    Sustained? at16 = null, at64 = null;
    await SectionAsync("1a", "Provisioning, idle: 50 one after another", () => provisioning.IdleAsync(table));
    await SectionAsync("2a", "Floor: PostgreSQL inserts and RabbitMQ messages on the idle system", async () => floor = await Floor.MeasureAsync(system, table));
    await SectionAsync("2c", "Messages per platform: 20 platforms at once, outbox rows counted",
        async () => perPlatform = await Floor.MessagesPerPlatformAsync(system, provisioning, table));
    await SectionAsync("1b", "Provisioning, sustained: 16 workers", async () => at16 = await provisioning.SustainedAsync(16, "1b", table));
    await SectionAsync("1c", "Provisioning, sustained: 64 workers", async () => at64 = await provisioning.SustainedAsync(64, "1c", table, cpuRow: "2f"));
    if (floor is not null && perPlatform is not null && at16 is not null && at64 is not null)
    {
        Floor.Verdict(floor, perPlatform.Value, [at16, at64], table);
    }

    await SectionAsync("3", "Gateway, partner-api direct and nginx under wrk", () => GatewayLoad.RunAsync(system, partners[0], table));
    await SectionAsync("4", "Client list reads over 100,000 clients", () => ClientListReads.RunAsync(system, partners[4], table));
}
finally
{
    Step("Stopping the system");
    await system.DisposeAsync();
}

var markdown = table.ToMarkdown(repository,
    "the tests' DistributedAppFixture in Release: one replica of each service, telemetry exported to the Aspire dashboard " +
    "(one trace in ten, metrics every 10 s: Telemetry:TraceRatio=0.1, Telemetry:MetricSeconds=10), " +
    "PostgreSQL without fsync (Durable=false), the gateway's sign-in and public rate limits and each partner's limits raised; the bench, wrk and nginx run on the same cores",
    clock.Elapsed);
Console.WriteLine();
Console.WriteLine(markdown);
if (!Scale.Smoke && only is null)
{
    Directory.CreateDirectory(Path.Combine(repository, "bench", "results"));
    await File.WriteAllTextAsync(Path.Combine(repository, "bench", "results", "latest.md"), markdown);
}

return failed == 0 ? 0 : 1;

void Step(string what) => Console.WriteLine($"==> [{clock.Elapsed:mm\\:ss}] {what}");

// A part that fails leaves its row saying so, and the others still run: one broken part costs no whole run.
async Task SectionAsync(string row, string what, Func<Task> measure)
{
    if (only is not null && !only.Any(part => row.StartsWith(part, StringComparison.Ordinal)))
    {
        return;
    }

    Step(what);
    try
    {
        await measure();
    }
    catch (Exception ex)
    {
        Console.Error.WriteLine(ex);
        table.Add(row, what, $"**did not run**: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
        failed++;
    }
}

// The repository this program was built in: the folder above it with WebWaka.Aspire.sln.
static string FindRepository()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "WebWaka.Aspire.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository: WebWaka.Aspire.sln was not found above " + AppContext.BaseDirectory);
}
