using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>What the system's own PostgreSQL and RabbitMQ do when nothing but the bench asks them.</summary>
internal sealed record FloorResult(double InsertsPerSecond, double ReadsPerSecond, double MessagesPerSecond);

/// <summary>Transactions PostgreSQL has committed so far, and how many of them wrote; two readings apart tell a stretch's.</summary>
internal readonly record struct TransactionCounts(long Committed, long Written)
{
    public TransactionCounts Since(TransactionCounts before) => new(Committed - before.Committed, Written - before.Written);

    public PlatformTransactions PerPlatform(int platforms) => new((double)Written / platforms, (double)(Committed - Written) / platforms);
}

/// <summary>
/// The floor under provisioning, measured on the very servers the system runs on, while it idles: how many single-row
/// INSERT transactions PostgreSQL commits (and one-row reads it answers) and how many messages RabbitMQ carries (published with confirms, consumed) per
/// second; how many outbox messages one platform costs; and so how many platforms per second those servers could
/// carry if nothing else ran.
/// </summary>
internal static class Floor
{
    private static TimeSpan Duration => Scale.Seconds(10);
    private const int Connections = 16;
    private const int MessageBytes = 1024;
    private static readonly string[] Databases = ["partnerdb", "tenantdb", "instancedb", "invitationdb"];

    // An outbox row's body, about the size of the system's own (a CreateInstance, say).
    private const string Body = """
        {"provisioningId":"0b5a4a4e-7f7e-4a4b-9d43-1e0f0d8d6a11","tenantId":"6f0c1f44-8a55-4d0e-bb2e-2c7b6f7b1f20",
         "partnerId":"a7d7c0f0-6a0e-4f3e-8c25-9d2b8f7e6c33","name":"Main","suites":["commerce"],"branding":null,
         "domain":null,"occurredAt":"2026-01-01T00:00:00+00:00"}
        """;

    public static async Task<FloorResult> MeasureAsync(DistributedAppFixture system, Table table)
    {
        var (inserts, reads) = await PostgresAsync(await system.ConnectionStringAsync("postgres"));
        table.Add("2a", $"Floor, PostgreSQL: single-row INSERT transactions (uuid, jsonb, timestamptz), {Connections} connections, {Duration.TotalSeconds:0} s, scratch database on the system's server; then as many one-row reads by primary key",
            $"**{Table.PerSecond(inserts, "inserts")}** ({Table.PerSecond(reads, "reads")})");

        var (published, consumed) = await RabbitMqAsync(await system.ConnectionStringAsync("rabbitmq"));
        table.Add("2b", $"Floor, RabbitMQ: {MessageBytes:N0}-byte persistent messages to a durable queue, published with confirms (4 channels, 64 in flight each) and consumed with acks, {Duration.TotalSeconds:0} s, on the system's broker",
            $"**{Table.PerSecond(consumed, "msgs")}** consumed ({Table.PerSecond(published, "msgs")} confirmed)");
        return new(inserts, reads, consumed);
    }

    /// <summary>
    /// 20 platforms provisioned at once on an otherwise idle system; the outbox rows the four services wrote since are
    /// the messages they published for them, each written in a transaction of the service's.
    /// </summary>
    public static async Task<double> MessagesPerPlatformAsync(DistributedAppFixture system, Provisioning provisioning, Table table)
    {
        var platforms = Scale.Count(20);
        var since = DateTimeOffset.UtcNow;
        var attempts = await provisioning.AtOnceAsync(platforms);
        var created = attempts.Count(a => a.Created);

        // The last messages (ClientPlatformCreated itself) may still wait in an outbox: count once every outbox is published.
        var counts = new Dictionary<string, long>();
        var settled = Stopwatch.StartNew();
        do
        {
            await Task.Delay(500);
            foreach (var database in Databases)
            {
                counts[database] = await CountAsync(system, database, "SELECT count(*) FROM outbox_messages WHERE created_at >= @since", since);
                counts[database + ":unpublished"] = await CountAsync(system, database,
                    "SELECT count(*) FROM outbox_messages WHERE created_at >= @since AND published_at IS NULL", since);
            }
        }
        while (counts.Where(c => c.Key.EndsWith(":unpublished")).Any(c => c.Value > 0) && settled.Elapsed < TimeSpan.FromSeconds(15));

        foreach (var database in Databases)
        {
            await PrintMessageTypesAsync(system, database, since);
        }

        var total = Databases.Sum(d => counts[d]);
        var perPlatform = (double)total / Math.Max(created, 1);
        table.Add("2c", $"Messages one platform costs: outbox rows written in partnerdb, tenantdb, instancedb and invitationdb while {platforms} platforms were provisioned at once on an idle system ({created} created)",
            $"**{perPlatform:0.0} messages/platform** ({string.Join(" + ", Databases.Select(d => $"{d} {counts[d] / (double)Math.Max(created, 1):0.#}"))})");
        return perPlatform;
    }

    /// <summary>The floor turned into platforms per second, and the sustained rates as a fraction of it.</summary>
    public static void Verdict(FloorResult floor, double messagesPerPlatform, IReadOnlyList<Sustained> sustained, Table table)
    {
        var byInserts = floor.InsertsPerSecond / messagesPerPlatform;
        var byMessages = floor.MessagesPerSecond / messagesPerPlatform;
        var ceiling = Math.Min(byInserts, byMessages);
        table.Add("2d", "Platforms/s if nothing else ran = min(2a, 2b) ÷ 2c",
            $"**{Table.PerSecond(ceiling, "platforms")}** (PostgreSQL alone {byInserts:N0}, RabbitMQ alone {byMessages:N0})");
        table.Add("2e", "Sustained provisioning (1b, 1c) as a fraction of 2d",
            string.Join("; ", sustained.Select(s => $"{s.Concurrency} workers: **{s.Rate / ceiling:P1}**")));

        // 2d gives each server the whole machine; here they share it, as they do in the system. Each 2a transaction and
        // each 2b message took the cores for 1/rate of a second (the bench's own client side included, as the services'
        // is), so one platform's raw work takes the machine for the sum of its parts.
        if (sustained.LastOrDefault(s => s.Transactions is not null) is not { Transactions: { } transactions } measured)
        {
            return;
        }

        var machineSeconds = transactions.Writes / floor.InsertsPerSecond + transactions.Reads / floor.ReadsPerSecond +
            messagesPerPlatform / floor.MessagesPerSecond;
        var cores = Environment.ProcessorCount;
        table.Add("2g", "Platforms/s if only the raw database and broker work ran, the two servers sharing the cores: 1 ÷ (writing transactions ÷ 2a's inserts + " +
            $"reading ones ÷ 2a's reads + 2c ÷ 2b), with the transactions the four databases committed in {measured.Concurrency} workers' window per platform completed",
            $"**{Table.PerSecond(1 / machineSeconds, "platforms")}** ({transactions.Writes:0.0} writing and {transactions.Reads:0.0} reading transactions " +
            $"and {messagesPerPlatform:0.0} messages a platform): that work alone takes {Table.Ms(machineSeconds * cores * 1000)} of CPU per platform, " +
            $"of the {Table.Ms(cores * 1000.0 / TargetRate)} that {TargetRate} platforms/s allows on {cores} cores");
    }

    /// <summary>The rate the project sets itself for provisioning (README, Benchmark).</summary>
    private const int TargetRate = 200;

    /// <summary>
    /// Transactions committed so far in the four services' databases, and how many of all the server's wrote: only a
    /// transaction that writes is given a transaction id, so the next id to be given counts them.
    /// </summary>
    public static async Task<TransactionCounts> TransactionsAsync(DistributedAppFixture system)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionStringAsync("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT sum(xact_commit) FROM pg_stat_database WHERE datname = ANY(@databases))::bigint, pg_snapshot_xmax(pg_current_snapshot())::text::bigint",
            connection) { Parameters = { new("databases", Databases) } };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new(reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<(double Inserts, double Reads)> PostgresAsync(string server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString;
        var scratch = new NpgsqlConnectionStringBuilder(admin) { Database = "bench_floor" }.ConnectionString;
        await ExecuteAsync(admin, "DROP DATABASE IF EXISTS bench_floor WITH (FORCE)", "CREATE DATABASE bench_floor");
        await ExecuteAsync(scratch, "CREATE TABLE inserts (id uuid PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL)");

        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < Connections; i++)
        {
            var connection = new NpgsqlConnection(scratch);
            await connection.OpenAsync();
            connections.Add(connection);
        }

        // Each statement on its own is its own transaction, committed before the next is sent.
        var inserts = await RateAsync(connections, "INSERT INTO inserts (id, body, created_at) VALUES ($1, $2, now())", withBody: true);
        // As a consumer asks whether it has done its work before: one row by its key, there or not.
        var reads = await RateAsync(connections, "SELECT 1 FROM inserts WHERE id = $1");

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await ExecuteAsync(admin, "DROP DATABASE bench_floor WITH (FORCE)");
        return (inserts, reads);
    }

    /// <summary>Statements per second, each its own transaction, every connection sending one after another: a new uuid each time ($1), the body ($2).</summary>
    private static async Task<double> RateAsync(List<NpgsqlConnection> connections, string sql, bool withBody = false)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(connections.Select(async connection =>
        {
            await using var statement = new NpgsqlCommand(sql, connection);
            statement.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Uuid });
            if (withBody)
            {
                statement.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = Body });
            }

            await statement.PrepareAsync();
            long count = 0;
            while (clock.Elapsed < Duration)
            {
                statement.Parameters[0].Value = Guid.CreateVersion7();
                await statement.ExecuteNonQueryAsync();
                count++;
            }

            return count;
        }));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Published, double Consumed)> RabbitMqAsync(string broker)
    {
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var publishing = await factory.CreateConnectionAsync("webwaka-bench-floor-publish");
        await using var consuming = await factory.CreateConnectionAsync("webwaka-bench-floor-consume");
        await using var consumer = await consuming.CreateChannelAsync();
        var queue = $"webwaka-bench-floor-{Guid.NewGuid():N}";
        await consumer.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumer.BasicQosAsync(prefetchSize: 0, prefetchCount: 256, global: false);

        var clock = Stopwatch.StartNew();
        long consumed = 0, consumedAll = 0;
        var receiver = new AsyncEventingBasicConsumer(consumer);
        receiver.ReceivedAsync += async (_, delivery) =>
        {
            if (clock.Elapsed < Duration)
            {
                Interlocked.Increment(ref consumed);
            }

            Interlocked.Increment(ref consumedAll);

            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        var tag = await consumer.BasicConsumeAsync(queue, autoAck: false, receiver);

        var body = Encoding.UTF8.GetBytes(Body.PadRight(MessageBytes));
        long published = 0, publishedAll = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            // Confirms tracked by the client: each publish completes once the broker confirmed it. 64 are sent before
            // the first is awaited, as RabbitMQ's own tutorial on publisher confirms batches them.
            await using var channel = await publishing.CreateChannelAsync(new CreateChannelOptions(
                publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var inFlight = new List<ValueTask>(64);
            while (clock.Elapsed < Duration)
            {
                for (var i = 0; i < 64; i++)
                {
                    inFlight.Add(channel.BasicPublishAsync("", queue, mandatory: false,
                        new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" }, body));
                }

                foreach (var publish in inFlight)
                {
                    await publish;
                }

                if (clock.Elapsed <= Duration)
                {
                    Interlocked.Add(ref published, inFlight.Count);
                }

                Interlocked.Add(ref publishedAll, inFlight.Count);

                inFlight.Clear();
            }
        }));

        // The consumer takes what is left before the queue goes, so that no ack is left for a queue that is gone.
        var draining = Stopwatch.StartNew();
        while (Interlocked.Read(ref consumedAll) < publishedAll && draining.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await consumer.BasicCancelAsync(tag);
        await consumer.QueueDeleteAsync(queue);
        return (published / Duration.TotalSeconds, consumed / Duration.TotalSeconds);
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountAsync(DistributedAppFixture system, string database, string sql, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("since", since) } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Which messages they were, on the console (the README explains the count with them).</summary>
    private static async Task PrintMessageTypesAsync(DistributedAppFixture system, string database, DateTimeOffset since)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT split_part(message_type, ',', 1), count(*) FROM outbox_messages WHERE created_at >= @since GROUP BY 1 ORDER BY 2 DESC, 1",
            connection) { Parameters = { new("since", since) } };
        await using var reader = await command.ExecuteReaderAsync();
        var types = new List<string>();
        while (await reader.ReadAsync())
        {
            types.Add($"{reader.GetString(0).Replace("WebWaka.Contracts.", "")} {reader.GetInt64(1)}");
        }

        Console.WriteLine($"      {database}: {string.Join(", ", types)}");
    }
}
