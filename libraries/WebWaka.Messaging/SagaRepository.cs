using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace WebWaka.Messaging;

/// <summary>
/// Our saga repository (MassTransit.EntityFrameworkCore is not available): saga state lives in the service's own
/// DbContext, the one the message's scope holds, so whatever a state machine activity adds to it (outbox rows)
/// commits in the same SaveChanges as the state. Optimistic concurrency on <see cref="ISagaVersion.Version"/>:
/// of two messages racing for one saga, the loser's save fails and the endpoint's retry runs it again on fresh state.
/// </summary>
public static class SagaRepository
{
    public static ISagaRegistrationConfigurator<TSaga> EntityFrameworkRepository<TSaga, TDbContext>(this ISagaRegistrationConfigurator<TSaga> saga)
        where TSaga : class, ISagaVersion
        where TDbContext : DbContext
    {
        saga.Repository(repository =>
        {
            repository.RegisterSagaRepository<TSaga, TDbContext, SagaConsumeContextFactory<TDbContext, TSaga>,
                SagaRepositoryContextFactory<TSaga, TDbContext>>();
            repository.RegisterLoadSagaRepository<TSaga, SagaRepositoryContextFactory<TSaga, TDbContext>>();
            repository.RegisterQuerySagaRepository<TSaga, SagaRepositoryContextFactory<TSaga, TDbContext>>();
        });
        return saga;
    }
}

/// <summary>Made per message, in its scope, around its scoped DbContext.</summary>
internal sealed class SagaRepositoryContextFactory<TSaga, TDbContext>(TDbContext database, ISagaConsumeContextFactory<TDbContext, TSaga> factory) :
    ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
    where TDbContext : DbContext
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        // Should a retry ever run in the same scope, nothing tracked by the failed attempt may leak into this one.
        database.ChangeTracker.Clear();
        await next.Send(new SagaRepositoryContext<TSaga, T, TDbContext>(database, context, factory));
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        database.ChangeTracker.Clear();
        var repositoryContext = new SagaRepositoryContext<TSaga, T, TDbContext>(database, context, factory);
        var instances = await database.Set<TSaga>().Where(query.FilterExpression).ToListAsync(context.CancellationToken);
        await next.Send(new LoadedSagaRepositoryQueryContext<TSaga, T>(repositoryContext, instances));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new ReadOnlySagaContext<TSaga>(database, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class => asyncMethod(new ReadOnlySagaContext<TSaga>(database, cancellationToken));

    public void Probe(ProbeContext context) => context.Add("persistence", "entity-framework-core");
}

/// <summary>
/// How MassTransit drives it: an existing saga is Loaded, then Updated (or Deleted when completed); a new one
/// is Added, then Saved (or Discarded when it completed at once).
/// </summary>
internal sealed class SagaRepositoryContext<TSaga, TMessage, TDbContext> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
    where TDbContext : DbContext
{
    private readonly TDbContext database;
    private readonly ConsumeContext<TMessage> consumeContext;
    private readonly ISagaConsumeContextFactory<TDbContext, TSaga> factory;

    public SagaRepositoryContext(TDbContext database, ConsumeContext<TMessage> consumeContext, ISagaConsumeContextFactory<TDbContext, TSaga> factory)
        : base(consumeContext, database)
    {
        this.database = database;
        this.consumeContext = consumeContext;
        this.factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(database, consumeContext, instance, SagaConsumeContextMode.Add);

    // No insert-before-run (InsertOnInitial): that would be a second save. MassTransit falls back to Add.
    public Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance) => Task.FromResult<SagaConsumeContext<TSaga, TMessage>>(null!);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await database.Set<TSaga>().SingleOrDefaultAsync(s => s.CorrelationId == correlationId, CancellationToken);
        return instance is null
            ? null!
            : await factory.CreateSagaConsumeContext(database, consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        context.Saga.Version = 1;
        database.Set<TSaga>().Add(context.Saga);
        await database.SaveChangesAsync(CancellationToken);
    }

    public async Task Update(SagaConsumeContext<TSaga> context)
    {
        // An ignored message changes nothing and costs no round trip; any change, outbox rows included, bumps
        // the version, so they commit only if the state they were decided on is still the current one.
        if (!database.ChangeTracker.HasChanges())
        {
            return;
        }

        context.Saga.Version++;
        await database.SaveChangesAsync(CancellationToken);
    }

    public async Task Delete(SagaConsumeContext<TSaga> context)
    {
        database.Set<TSaga>().Remove(context.Saga);
        await database.SaveChangesAsync(CancellationToken);
    }

    public async Task Discard(SagaConsumeContext<TSaga> context)
    {
        // Created and finished by one message: the state goes, what it wrote to the outbox stays.
        if (database.ChangeTracker.HasChanges())
        {
            await database.SaveChangesAsync(CancellationToken);
        }
    }

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        database.ChangeTracker.Clear();
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class => factory.CreateSagaConsumeContext(database, consumeContext, instance, mode);
}

internal sealed class ReadOnlySagaContext<TSaga>(DbContext database, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public Task<TSaga> Load(Guid correlationId) =>
        database.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId, CancellationToken)!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var ids = await database.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(s => s.CorrelationId).ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }
}
