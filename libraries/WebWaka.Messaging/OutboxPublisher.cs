using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using WebWaka.Data;

namespace WebWaka.Messaging;

/// <summary>How long a published message stays in the outbox, for an operator to look back at.</summary>
public sealed record OutboxSettings(TimeSpan Retention);

/// <summary>
/// Publishes the outbox. What a transaction wrote goes to the broker the moment it commits, from the process that
/// committed it (<see cref="OutboxCommits{TContext}"/>), nothing read back: the messages handed over since the last
/// batch are published together, their broker confirms awaited at once, and marked published in one statement. The
/// sweep, every second, publishes what is still unpublished after <see cref="SweepAfter"/> (its process died at the
/// commit, the broker was away), oldest first; replicas share it, each claiming its rows with FOR UPDATE SKIP LOCKED.
/// Published messages are deleted once older than the retention.
/// </summary>
internal sealed class OutboxPublisher<TContext>(
    IServiceScopeFactory scopes, DatabaseMigrator<TContext> migrator, OutboxCommits<TContext> commits, IBus bus, OutboxSettings settings,
    ILogger<OutboxPublisher<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    private const int BatchSize = 100;
    private const int DeleteBatchSize = 10_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A message its own process has not published by then is the sweep's. Well past the time a commit's messages take to be
    /// confirmed under load, so that the two seldom publish one message twice (consumers take a message twice anyway).
    /// </summary>
    private static readonly TimeSpan SweepAfter = TimeSpan.FromSeconds(10);

    // A broker killed while a batch waits for its confirms may never answer them (the crash suite saw a publisher wait for
    // good): past this, the batch is given up (its publishes cancelled a little later), its rows never marked, for the sweep.
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.Migrated.WaitAsync(stoppingToken);
        await Task.WhenAll(PublishCommittedAsync(stoppingToken), SweepAsync(stoppingToken));
    }

    private async Task PublishCommittedAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutboxMessage>(BatchSize);
        while (await commits.Committed.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < BatchSize && commits.Committed.TryRead(out var message))
            {
                batch.Add(message);
            }

            try
            {
                await PublishAsync(batch, stoppingToken);
                using var quiet = SuppressInstrumentationScope.Begin();
                await using var scope = scopes.CreateAsyncScope();
                await MarkPublishedAsync(scope.ServiceProvider.GetRequiredService<TContext>(), batch, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Publishing {Count} committed outbox messages failed; the sweep publishes them", batch.Count);
            }
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await SweepBatchAsync(stoppingToken) == BatchSize)
                {
                    continue;
                }

                if (DateTimeOffset.UtcNow >= nextCleanup)
                {
                    await DeletePublishedAsync(stoppingToken);
                    nextCleanup = DateTimeOffset.UtcNow + CleanupInterval;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sweeping the outbox failed; retrying");
            }

            await Task.Delay(SweepInterval, stoppingToken);
        }
    }

    private async Task<int> SweepBatchAsync(CancellationToken cancellationToken)
    {
        // Looking into the outbox is no news: its queries would make traces of their own. Each message's publishing is
        // traced, in the trace of the work that wrote it.
        using var quiet = SuppressInstrumentationScope.Begin();
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var before = DateTimeOffset.UtcNow - SweepAfter;
        var batch = await database.Set<OutboxMessage>()
            .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE published_at IS NULL AND created_at < {before} ORDER BY created_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        await PublishAsync(batch, cancellationToken);
        await MarkPublishedAsync(database, batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    /// <summary>Every message of the batch on its way at once, each publish awaiting the broker's confirm.</summary>
    private async Task PublishAsync(List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishing.CancelAfter(ConfirmTimeout + TimeSpan.FromSeconds(5));
        await Task.WhenAll(batch.Select(message => PublishAsync(message, publishing.Token))).WaitAsync(ConfirmTimeout, cancellationToken);
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

    private static async Task MarkPublishedAsync(TContext database, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(m => m.Id).ToList();
        var now = DateTimeOffset.UtcNow;
        await database.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(m => m.SetProperty(p => p.PublishedAt, now), cancellationToken);
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
