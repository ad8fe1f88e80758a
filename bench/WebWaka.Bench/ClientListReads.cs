using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>
/// GET /api/partner/clients for a partner with 100,000 clients, through the gateway as its admin: the first page, a
/// deep page, a status filter and a search, one request at a time.
/// </summary>
internal static class ClientListReads
{
    private static int Clients => Scale.Count(100_000);
    private static int Requests => Scale.Count(300);

    // Enough for 300 requests of up to a quarter of a second each (the search's); a slower query stops early, and its
    // row says how many requests it made.
    private static TimeSpan AtMost => Scale.Seconds(75);

    public static async Task RunAsync(DistributedAppFixture system, RealPartner partner, Table table)
    {
        var seeding = Stopwatch.StartNew();
        await SeedAsync(system, partner.Id);
        Console.WriteLine($"      seeded {Clients:N0} clients in {seeding.Elapsed.TotalSeconds:0.0} s");

        (string Row, string What, string Query)[] reads =
        [
            ("4a", "first page (page 1, pageSize 20, newest first)", ""),
            ("4b", "deep page (page 500 at pageSize 20)", "?page=500&pageSize=20"),
            ("4c", "status filter (status=Active: every seeded client is)", "?status=Active"),
            ("4d", "search for a substring in 1% of names (search=harbour)", "?search=harbour"),
        ];
        foreach (var (row, what, query) in reads)
        {
            var path = $"/api/partner/clients{query}";
            // The first answer says how many clients the query found; a few untimed requests warm the path up.
            var total = (await partner.Admin.GetFromJsonAsync<JsonElement>(path)).GetProperty("total").GetInt32();
            for (var i = 0; i < 3; i++)
            {
                (await partner.Admin.GetAsync(path)).Dispose();
            }

            var timings = new List<double>();
            var clock = Stopwatch.StartNew();
            while (timings.Count < Requests && clock.Elapsed < AtMost)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await partner.Admin.GetAsync(path);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            table.Add(row, $"Client list of a partner with {Clients:N0} clients, through the gateway: {what}, {timings.Count} requests one after another",
                $"{new Latencies(timings)} (total {total:N0})");
        }
    }

    /// <summary>
    /// 100,000 Active clients of the partner written straight into tenantdb in one statement: unique slugs, one name in
    /// a hundred containing 'Harbour', one second apart in age so that 'newest first' is one order. VACUUM ANALYZE then,
    /// as autovacuum does after such a load: the planner knows the table's new size, and the index alone answers a count
    /// (its visibility map set). Measured before that, the reads met autovacuum at work on the load and read every row's
    /// page to count it: the state of the minute after a bulk load, not of a partner who gathered its clients over time.
    /// </summary>
    private static async Task SeedAsync(DistributedAppFixture system, Guid partnerId)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionStringAsync("tenantdb"));
        await connection.OpenAsync();
        await using (var seed = new NpgsqlCommand("""
            INSERT INTO tenants (id, name, slug, status, created_by_partner_id, created_at)
            SELECT gen_random_uuid(),
                   'Seeded client ' || i || CASE WHEN i % 100 = 0 THEN ' Harbour' ELSE '' END,
                   @prefix || i,
                   'Active',
                   @partner,
                   now() - make_interval(secs => i)
            FROM generate_series(1, @count) AS i
            """, connection))
        {
            seed.Parameters.AddWithValue("prefix", $"seeded-{Guid.NewGuid():N}"[..15] + "-");
            seed.Parameters.AddWithValue("partner", partnerId);
            seed.Parameters.AddWithValue("count", Clients);
            seed.CommandTimeout = 120;
            await seed.ExecuteNonQueryAsync();
        }

        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE tenants", connection);
        await vacuum.ExecuteNonQueryAsync();
    }
}
