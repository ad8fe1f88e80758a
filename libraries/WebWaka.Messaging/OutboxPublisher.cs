using System.Diagnostics;
using System.Threading.Channels;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using WebWaka.Data;

namespace WebWaka.Messaging;

/// <summary>How long a published message stays in the outbox, for an operator to look back at.</summary>
public sealed record OutboxSettings(TimeSpan Retention);

/// <summary>
/// Publishes unpublished outbox messages, oldest first, the moment the transaction that wrote them commits: PostgreSQL
/// notifies every replica's listener at the commit (<see cref="Outbox.AddOutboxNotifications"/>), and a poll every
/// second is the safety net for a notification lost with a dropped connection. A batch's messages are published
/// together, their broker confirms awaited at once; replicas share the work, each claiming its rows with FOR UPDATE
/// SKIP LOCKED. Published messages are deleted once older than the retention.
/// </summary>
internal sealed class OutboxPublisher<TContext>(
    IServiceScopeFactory scopes, DatabaseMigrator<TContext> migrator, IBus bus, OutboxSettings settings, ILogger<OutboxPublisher<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    private const int BatchSize = 100;
    private const int DeleteBatchSize = 10_000;
    private static readonly TimeSpan SafetyPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(5);

    // A broker killed while a batch waits for its confirms may never answer them (the crash suite saw a publisher wait for
    // good): past this, the batch is given up (its publishes cancelled a little later) and published again, its rows never
    // marked. Consumers take a message twice already.
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);

    // One pending wake-up is enough: the batch that follows takes everything committed before it.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.Migrated.WaitAsync(stoppingToken);
        await Task.WhenAll(ListenAsync(stoppingToken), PublishAsync(stoppingToken));
    }

    private void WakeUp() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Holds a connection that LISTENs for commits to the outbox, and wakes the publisher at each.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var quiet = SuppressInstrumentationScope.Begin();
                await using var connection = new NpgsqlConnection(ListenerConnectionString());
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => WakeUp();
                await using (var listen = new NpgsqlCommand($"LISTEN {Outbox.NotificationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // What committed while nobody listened.
                WakeUp();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Listening for outbox commits failed; polling until listening again");
                await Task.Delay(SafetyPoll, stoppingToken);
            }
        }
    }

    private string ListenerConnectionString()
    {
        using var scope = scopes.CreateScope();
        // Keepalives make a connection the server lost fail the wait, so the listener opens a new one.
        return new NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<TContext>().Database.GetConnectionString())
        {
            KeepAlive = 10, Pooling = false, ApplicationName = "outbox-listener",
        }.ConnectionString;
    }

    private async Task PublishAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PublishBatchAsync(stoppingToken) == BatchSize)
                {
                    continue;
                }

                if (DateTimeOffset.UtcNow >= nextCleanup)
                {
                    await DeletePublishedAsync(stoppingToken);
                    nextCleanup = DateTimeOffset.UtcNow + CleanupInterval;
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                poll.CancelAfter(SafetyPoll);
                await _wakeUps.Reader.ReadAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The safety poll's second is up.
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing the outbox failed; retrying");
                await Task.Delay(SafetyPoll, stoppingToken);
            }
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        // Looking into the outbox is no news: its queries would make traces of their own. Each message's publishing is
        // traced, in the trace of the work that wrote it.
        using var quiet = SuppressInstrumentationScope.Begin();
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var batch = await database.Set<OutboxMessage>()
            .FromSqlRaw($"SELECT * FROM outbox_messages WHERE published_at IS NULL ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        // Every message of the batch on its way at once, each publish awaiting the broker's confirm.
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishing.CancelAfter(ConfirmTimeout + TimeSpan.FromSeconds(5));
        await Task.WhenAll(batch.Select(message => PublishAsync(message, publishing.Token))).WaitAsync(ConfirmTimeout, cancellationToken);
        var ids = batch.Select(m => m.Id).ToList();
        var now = DateTimeOffset.UtcNow;
        await database.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(m => m.SetProperty(p => p.PublishedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var body = Outbox.Deserialize(message, out var type);
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var writer);
        using (SuppressInstrumentationScope.Begin(false))
        using (Outbox.Telemetry.StartActivity($"outbox publish {type.Name}", ActivityKind.Producer, writer))
        {
            await bus.Publish(body, type, Pipe.Execute<PublishContext>(context => context.MessageId = message.Id), cancellationToken);
        }
    }

    private async Task DeletePublishedAsync(CancellationToken cancellationToken)
    {
        using var quiet = SuppressInstrumentationScope.Begin();
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = DateTimeOffset.UtcNow - settings.Retention;
        int deleted;
        do
        {
            deleted = await database.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages WHERE published_at < {cutoff} LIMIT {DeleteBatchSize})",
                cancellationToken);
        }
        while (deleted == DeleteBatchSize);
    }
}
