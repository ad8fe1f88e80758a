using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>One Create Client Platform: from sending the POST to the flow's end event arriving on the bus.</summary>
internal readonly record struct Attempt(long Started, long Ended, bool Created, string? Failure)
{
    public double Milliseconds => Stopwatch.GetElapsedTime(Started, Ended).TotalMilliseconds;
}

/// <summary>
/// A sustained run: platforms completed per second in its window and, when its cost was read, the database transactions
/// the four services committed in that window per platform completed.
/// </summary>
internal sealed record Sustained(int Concurrency, double Rate, PlatformTransactions? Transactions);

/// <summary>A platform's transactions: those that wrote, and those that only read.</summary>
internal sealed record PlatformTransactions(double Writes, double Reads);

/// <summary>
/// Create Client Platform end to end (POST /api/partner/clients through the gateway, answered 202, until
/// ClientPlatformCreated), as a partner's program calls it: one at a time on an idle system, then by closed-loop workers.
/// </summary>
internal sealed class Provisioning(DistributedAppFixture system, PlatformEvents events, IReadOnlyList<HttpClient> partners)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private static TimeSpan WarmUp => Scale.Seconds(5);
    private static TimeSpan Window => Scale.Seconds(30);
    private const int WarmUpWorkers = 8;
    private static int WarmUpRound => Scale.Count(10);
    private const int FewestWarmUpRounds = 4;
    private const int MostWarmUpRounds = 16;
    private static readonly TimeSpan WarmEnough = TimeSpan.FromSeconds(0.3);
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(500);

    // Slugs are unique per run: a taken slug would end the flow SLUG_TAKEN, which is not what is measured.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _count;

    /// <summary>
    /// 50 requests one after another, each sent <see cref="IdlePause"/> after the one before it ended, so that it meets
    /// an idle system rather than that one's tail (the services taking in the client's new status, the outbox marked,
    /// telemetry sent); after a warm-up, since a system just started is slower than it will be again (tiered
    /// compilation, each pooled connection's cold catalog cache), and once the compilation that warm-up set off is done
    /// (<see cref="BackgroundCompilation"/>). README's benchmark section has the measurements.
    /// </summary>
    public async Task IdleAsync(Table table)
    {
        var warmUp = await WarmUpAsync();

        var attempts = new List<Attempt>();
        for (var i = 0; i < Scale.Count(50); i++)
        {
            await Task.Delay(IdlePause);
            attempts.Add(await ProvisionAsync(partners[0]));
        }

        var created = new Latencies(attempts.Where(a => a.Created).Select(a => a.Milliseconds));
        table.Add("1a", $"Provisioning, idle: {attempts.Count} requests one after another, each {IdlePause.TotalMilliseconds:0} ms after the last one ended (after a warm-up of {warmUp} platforms, eight at a time, in rounds until one set the services' background compiler to work for under {WarmEnough.TotalSeconds:0.0} s), POST sent to ClientPlatformCreated received",
            $"{created}{Failures(attempts)}");
    }

    /// <summary>
    /// Rounds of platforms, eight at a time, each followed by a wait for the services' background compiler to be quiet,
    /// until a round sets off next to no compilation: the system is then as warm as one that has run for days.
    /// </summary>
    private async Task<int> WarmUpAsync()
    {
        var platforms = 0;
        for (var round = 1; round <= MostWarmUpRounds; round++)
        {
            var before = BackgroundCompilation.CpuSoFar();
            await Task.WhenAll(Enumerable.Range(0, WarmUpWorkers).Select(async _ =>
            {
                for (var i = 0; i < WarmUpRound; i++)
                {
                    await ProvisionAsync(partners[0]);
                }
            }));
            platforms += WarmUpWorkers * WarmUpRound;
            await BackgroundCompilation.WaitUntilQuietAsync(TimeSpan.FromMinutes(1));
            if (round >= FewestWarmUpRounds && BackgroundCompilation.CpuSoFar() - before < WarmEnough)
            {
                break;
            }
        }

        return platforms;
    }

    /// <summary>
    /// Closed loop: each worker sends its next request once its last one ended. Requests that end in the first
    /// <see cref="WarmUp"/> are not counted; throughput counts the platforms completed in the <see cref="Window"/> after
    /// it, their latencies are the percentiles, and every request started in the window that did not end created is
    /// failed (refused, timed out after a minute, or CreationFailed).
    /// </summary>
    public async Task<Sustained> SustainedAsync(int concurrency, string row, Table table, string? cpuRow = null)
    {
        var from = Stopwatch.GetTimestamp() + Ticks(WarmUp);
        var to = from + Ticks(Window);
        var attempts = new ConcurrentBag<Attempt>();
        var cost = ReadCostAsync(from, to);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            // Workers share a few partners, each its own signed-in admin.
            var partner = partners[worker % partners.Count];
            while (Stopwatch.GetTimestamp() < to)
            {
                attempts.Add(await ProvisionAsync(partner));
            }
        }));

        var completed = attempts.Where(a => a.Created && a.Ended >= from && a.Ended < to).ToList();
        var failed = attempts.Where(a => !a.Created && a.Started >= from && a.Started < to).ToList();
        var rate = completed.Count / Window.TotalSeconds;
        table.Add(row, $"Provisioning, sustained: {concurrency} closed-loop workers, {Window.TotalSeconds:0} s after a {WarmUp.TotalSeconds:0} s warm-up",
            $"**{Table.PerSecond(rate, "platforms")}** ({completed.Count} completed), {new Latencies(completed.Select(a => a.Milliseconds))}, " +
            $"{failed.Count} failed{Failures(failed, withCount: false)}");
        if (cpuRow is null || completed.Count == 0)
        {
            return new(concurrency, rate, null);
        }

        var (parts, transactions) = await cost;
        string PerPlatform(double seconds) => Table.Ms(seconds * 1000 / completed.Count);
        table.Add(cpuRow, $"CPU one platform costs while {concurrency} workers provision ({row}'s window), by process, from /proc",
            $"**{PerPlatform(parts.Sum(p => p.Seconds))}** of CPU per platform (the {Environment.ProcessorCount} cores " +
            $"{parts.Sum(p => p.Seconds) / Window.TotalSeconds / Environment.ProcessorCount:P0} busy): " +
            string.Join(", ", parts.Select(p => $"{p.Part} {PerPlatform(p.Seconds)}")));

        return new(concurrency, rate, transactions.PerPlatform(completed.Count));
    }

    /// <summary>What each part of the system spent of the cores between the two instants, and the transactions committed.</summary>
    private async Task<(IReadOnlyList<(string Part, double Seconds)> Cpu, TransactionCounts Transactions)> ReadCostAsync(long from, long to)
    {
        await Task.Delay(Until(from));
        var (cpuBefore, transactionsBefore) = (ProcessCpu.Read(), await Floor.TransactionsAsync(system));
        await Task.Delay(Until(to));
        var (cpuAfter, transactionsAfter) = (ProcessCpu.Read(), await Floor.TransactionsAsync(system));
        return (cpuAfter.Since(cpuBefore), transactionsAfter.Since(transactionsBefore));

        static TimeSpan Until(long instant) => TimeSpan.FromTicks(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), instant).Ticks));
    }

    /// <summary>Several requests sent at once, answered once all have ended.</summary>
    public async Task<IReadOnlyList<Attempt>> AtOnceAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ProvisionAsync(partners[0])));

    private async Task<Attempt> ProvisionAsync(HttpClient partner)
    {
        var slug = $"bench-{_run}-{Interlocked.Increment(ref _count)}";
        var started = Stopwatch.GetTimestamp();
        Guid? provisioning = null;
        try
        {
            using var response = await partner.PostAsJsonAsync("/api/partner/clients", ClientPlatforms.Request(slug));
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new(started, Stopwatch.GetTimestamp(), false, $"HTTP {(int)response.StatusCode}");
            }

            provisioning = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("provisioningId").GetGuid();
            var ending = await events.EndingOf(provisioning.Value).WaitAsync(GiveUpAfter);
            return new(started, ending.At, ending.Created, ending.Code);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or TaskCanceledException)
        {
            return new(started, Stopwatch.GetTimestamp(), false, ex is TimeoutException ? "no end event within a minute" : ex.GetType().Name);
        }
        finally
        {
            if (provisioning is { } id)
            {
                events.Forget(id);
            }
        }
    }

    /// <summary>", 2 failed (HTTP 500 ×2)", or nothing when none failed.</summary>
    private static string Failures(IReadOnlyCollection<Attempt> attempts, bool withCount = true)
    {
        var failed = attempts.Where(a => !a.Created).ToList();
        if (failed.Count == 0)
        {
            return withCount ? ", 0 failed" : "";
        }

        var reasons = string.Join(", ", failed.GroupBy(a => a.Failure).Select(g => $"{g.Key} ×{g.Count()}"));
        return withCount ? $", {failed.Count} failed ({reasons})" : $" ({reasons})";
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
