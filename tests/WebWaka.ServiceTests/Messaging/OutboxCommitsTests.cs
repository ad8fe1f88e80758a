using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Messaging;
using WebWaka.Tenant.Data;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Messaging;

/// <summary>
/// The outbox hands its process's publisher exactly what committed: a message saved in SaveChanges' own transaction at
/// once, one saved in the caller's transaction only at its commit, and never one whose transaction rolled back, was
/// left without committing, or whose save was refused. On a real PostgreSQL, as the services run it.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class OutboxCommitsTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private readonly OutboxCommits<TenantDbContext> _commits = new();
    private DbContextOptions<TenantDbContext> _options = null!;

    public async Task InitializeAsync()
    {
        _options = new DbContextOptionsBuilder<TenantDbContext>()
            .UseNpgsql(await infrastructure.CreateDatabaseAsync("outbox_commits"))
            .AddInterceptors(_commits)
            .Options;
        await using var database = new TenantDbContext(_options);
        await database.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_message_saved_in_its_own_transaction_is_handed_over_once_saved()
    {
        await using var database = new TenantDbContext(_options);
        var message = Announce(database);

        await database.SaveChangesAsync();

        Assert.Equal([message], Handed());
    }

    [Fact]
    public async Task A_message_saved_in_the_callers_transaction_is_handed_over_at_its_commit_not_before()
    {
        await using var database = new TenantDbContext(_options);
        await using var transaction = await database.Database.BeginTransactionAsync();
        var first = Announce(database);
        await database.SaveChangesAsync();
        var second = Announce(database);
        await database.SaveChangesAsync();
        Assert.Empty(Handed());

        await transaction.CommitAsync();

        Assert.Equal([first, second], Handed());
    }

    [Fact]
    public async Task A_message_of_a_transaction_rolled_back_or_left_uncommitted_is_never_handed_over()
    {
        await using var database = new TenantDbContext(_options);
        await using (var rolledBack = await database.Database.BeginTransactionAsync())
        {
            Announce(database);
            await database.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }

        await using (await database.Database.BeginTransactionAsync())
        {
            Announce(database);
            await database.SaveChangesAsync();
        }

        database.ChangeTracker.Clear();
        await using var committed = await database.Database.BeginTransactionAsync();
        var kept = Announce(database);
        await database.SaveChangesAsync();
        await committed.CommitAsync();

        Assert.Equal([kept], Handed());
        await using var after = new TenantDbContext(_options);
        Assert.Equal(kept.Id, (await after.Set<OutboxMessage>().SingleAsync()).Id);
    }

    [Fact]
    public async Task A_message_whose_save_was_refused_is_never_handed_over()
    {
        await using (var first = new TenantDbContext(_options))
        {
            Announce(first);
            await first.SaveChangesAsync();
        }

        var saved = Assert.Single(Handed());
        await using var database = new TenantDbContext(_options);
        // A row of the same id: PostgreSQL refuses it.
        database.Set<OutboxMessage>().Add(new OutboxMessage { Id = saved.Id, MessageType = saved.MessageType, Body = saved.Body });

        await Assert.ThrowsAsync<DbUpdateException>(() => database.SaveChangesAsync());

        Assert.Empty(Handed());
    }

    private static OutboxMessage Announce(TenantDbContext database)
    {
        database.Publish(new TenantRenamed(Guid.NewGuid(), Guid.NewGuid(), "Ada Stores", "Ada", DateTimeOffset.UtcNow));
        return database.ChangeTracker.Entries<OutboxMessage>().Last(e => e.State == EntityState.Added).Entity;
    }

    private List<OutboxMessage> Handed()
    {
        var handed = new List<OutboxMessage>();
        while (_commits.Committed.TryRead(out var message))
        {
            handed.Add(message);
        }

        return handed;
    }
}
