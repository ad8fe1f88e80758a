using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WebWaka.Messaging;

/// <summary>
/// Hands the outbox messages a transaction wrote to the publisher of the same process the moment it commits, so they
/// go to the broker without anyone reading them back: SaveChanges in a transaction of its own hands them at once, a
/// SaveChanges in the caller's transaction when that commits. Messages of a transaction that rolled back, or was left
/// without committing, are never handed. What never reaches the broker this way (the process died at the commit, the
/// broker was away) stays unpublished in the table, for the sweep (<see cref="OutboxPublisher{TContext}"/>).
/// </summary>
internal sealed class OutboxCommits<TContext> : ISaveChangesInterceptor, IDbTransactionInterceptor where TContext : DbContext
{
    // Beyond this many waiting (the broker away for long), the rest are left to the sweep rather than held in memory.
    private const int Capacity = 10_000;

    private readonly Channel<OutboxMessage> _committed = Channel.CreateBounded<OutboxMessage>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // What each DbContext (pooled, so reused) has saved and not yet committed. A DbContext is used by one caller at a time.
    private readonly ConditionalWeakTable<DbContext, Written> _written = [];

    private sealed class Written
    {
        /// <summary>The outbox rows of the SaveChanges under way, and whether it runs in the caller's transaction.</summary>
        public List<OutboxMessage>? Saving;
        public bool InCallersTransaction;

        /// <summary>Saved in the caller's transaction, waiting for its commit.</summary>
        public readonly List<OutboxMessage> Uncommitted = [];
    }

    public ChannelReader<OutboxMessage> Committed => _committed.Reader;

    private void Saving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var written = _written.GetValue(context, _ => new Written());
        written.Saving = [.. context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)];
        written.InCallersTransaction = context.Database.CurrentTransaction is not null;
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_written.TryGetValue(context, out var written) || written.Saving is not { } saved)
        {
            return;
        }

        if (written.InCallersTransaction)
        {
            written.Uncommitted.AddRange(saved);
        }
        else
        {
            Hand(saved);
        }

        written.Saving = null;
    }

    private void SaveFailed(DbContext? context)
    {
        if (context is not null && _written.TryGetValue(context, out var written))
        {
            written.Saving = null;
        }
    }

    // SaveChanges' own transaction starts and commits inside it: only the caller's transactions are followed here.
    private void TransactionEnded(DbContext? context, bool committed)
    {
        if (context is null || !_written.TryGetValue(context, out var written) || written.Saving is not null)
        {
            return;
        }

        if (committed)
        {
            Hand(written.Uncommitted);
        }

        written.Uncommitted.Clear();
    }

    private void Hand(IEnumerable<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            _committed.Writer.TryWrite(message);
        }
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Saving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SaveFailed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveFailed(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => SaveFailed(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveFailed(eventData.Context);
        return Task.CompletedTask;
    }

    // A transaction the caller starts begins with nothing written: what a transaction left without committing wrote is forgotten.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        TransactionEnded(eventData.Context, committed: false);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        TransactionEnded(eventData.Context, committed: false);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionEnded(eventData.Context, committed: true);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionEnded(eventData.Context, committed: true);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionEnded(eventData.Context, committed: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionEnded(eventData.Context, committed: false);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        TransactionEnded(eventData.Context, committed: false);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionEnded(eventData.Context, committed: false);
        return Task.CompletedTask;
    }
}
