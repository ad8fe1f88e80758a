using Microsoft.EntityFrameworkCore;
using Npgsql;
using WebWaka.Api;
using WebWaka.Data;
using WebWaka.Tenant.Data;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Data;

/// <summary>
/// A list is planned for its own values every time, though its statements are prepared, and the connection goes back to
/// the pool as it came: on a real PostgreSQL, one connection prepared as the services prepare theirs, so that every
/// statement below meets the same prepared statements and the same session.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ListPlanTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    private static readonly Guid Partner = Guid.NewGuid();

    // Enough for Npgsql to prepare the statement (at its fifth use) and PostgreSQL to weigh its generic plan (after five
    // executions of the prepared statement) with runs to spare.
    private const int Reads = 20;

    private DbContextOptions<TenantDbContext> _options = null!;

    public async Task InitializeAsync()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await infrastructure.CreateDatabaseAsync("list_plans"))
        {
            MaxAutoPrepare = 64, NoResetOnClose = true, MaxPoolSize = 1,
        }.ConnectionString;
        _options = new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(connectionString).Options;
        await using var database = new TenantDbContext(_options);
        await database.Database.MigrateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_page_read_again_and_again_is_planned_for_its_values_each_time_where_the_same_query_alone_goes_generic()
    {
        await using var database = new TenantDbContext(_options);
        var paging = new Paging(1, 20);
        for (var i = 0; i < Reads; i++)
        {
            await paging.ApplyAsync(database, Search(database, "harbour").TagWith("the list"), t => t.Id);
        }

        // The same query on the same connection outside a list's transaction: PostgreSQL goes generic.
        for (var i = 0; i < Reads; i++)
        {
            await Search(database, "harbour").TagWith("alone").Take(20).ToListAsync();
        }

        var (list, alone) = (await PlansAsync(database, "the list"), await PlansAsync(database, "alone"));
        Assert.True(list.Custom > 0, "the list's statements were never prepared: this test would prove nothing");
        Assert.True(alone.Generic > 0, "the query alone never went generic: this test would prove nothing");
        Assert.Equal(0, list.Generic);
    }

    [Fact]
    public async Task The_connection_goes_back_to_the_pool_with_the_default_planning_even_when_the_read_fails()
    {
        await using var database = new TenantDbContext(_options);
        var inside = await database.PlannedForTheirValuesAsync(cancellation => SettingAsync(database, cancellation));
        var after = await SettingAsync(database, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            database.PlannedForTheirValuesAsync<int>(_ => throw new InvalidOperationException("the read failed")));
        var afterFailure = await SettingAsync(database, CancellationToken.None);

        Assert.Equal(("force_custom_plan", "auto", "auto"), (inside, after, afterFailure));
    }

    private static IQueryable<WebWaka.Tenant.Domain.Tenant> Search(TenantDbContext database, string search) =>
        database.Tenants.Where(t => t.CreatedByPartnerId == Partner && EF.Functions.ILike(t.Name, $"%{search}%"));

    private static Task<string> SettingAsync(TenantDbContext database, CancellationToken cancellationToken) =>
        database.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>The plans made so far for this session's prepared statements tagged <paramref name="tag"/>, of each kind.</summary>
    private static Task<Plans> PlansAsync(TenantDbContext database, string tag) => database.Database.SqlQuery<Plans>($"""
        SELECT coalesce(sum(generic_plans), 0)::bigint AS "Generic", coalesce(sum(custom_plans), 0)::bigint AS "Custom"
        FROM pg_prepared_statements WHERE statement LIKE {$"-- {tag}%"}
        """).SingleAsync();

    private sealed class Plans
    {
        public long Generic { get; init; }

        public long Custom { get; init; }
    }
}
