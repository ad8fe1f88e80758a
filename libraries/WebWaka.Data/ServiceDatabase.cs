using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WebWaka.Data;

/// <summary>A service's own PostgreSQL database: Aspire's Npgsql EF Core integration, and our migrations at start-up.</summary>
public static class ServiceDatabase
{
    /// <summary>
    /// Registers <typeparamref name="TContext"/> on <c>ConnectionStrings__{connectionName}</c> with Aspire's integration
    /// (a pooled DbContext, Npgsql's tracing and metrics), applies its migrations at start-up (retrying while the
    /// server is unreachable) and reports the database in <c>/health</c>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        builder.AddNpgsqlDbContext<TContext>(connectionName, settings =>
        {
            // Retrying execution refuses the transactions our outbox and saga repository open; messages are retried
            // whole by the bus instead.
            settings.DisableRetry = true;
            // Ours below says more: whether the schema is migrated yet, not only whether the database answers.
            settings.DisableHealthChecks = true;
            settings.ConnectionString = Tuned(settings.ConnectionString);
        });
        builder.Services.AddSingleton<DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseMigrator<TContext>>());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(connectionName, tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// A service runs the same few dozen statements for every platform, on connections it takes from the pool a dozen
    /// times per platform. Prepared on first reuse, each is parsed and planned once per connection instead of every time;
    /// and a connection going back to the pool is not reset (DISCARD ALL), as nothing here leaves session state on it:
    /// no SET, no temporary tables, no LISTEN, advisory locks only for the transaction.
    /// </summary>
    private static string? Tuned(string? connectionString) => connectionString is null
        ? null
        : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true }.ConnectionString;
}

public static class DbUpdateExceptionExtensions
{
    /// <summary>Whether PostgreSQL refused the change because it breaks a unique index.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}

/// <summary>Data a service needs from its first start, written once the schema is current; must be safe to run again.</summary>
public interface IDatabaseSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext database, CancellationToken cancellationToken);
}

/// <summary>
/// Applies the migrations (then the seed data, if the service has any) once the database answers;
/// until then the service reports unhealthy.
/// </summary>
public sealed class DatabaseMigrator<TContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    private readonly TaskCompletionSource _migrated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsMigrated => _migrated.Task.IsCompletedSuccessfully;

    public string? LastError { get; private set; }

    /// <summary>Completes once the schema is current.</summary>
    public Task Migrated => _migrated.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
                await database.MigrateAsync(stoppingToken);
                if (scope.ServiceProvider.GetService<IDatabaseSeeder<TContext>>() is { } seeder)
                {
                    await seeder.SeedAsync(scope.ServiceProvider.GetRequiredService<TContext>(), stoppingToken);
                }

                LastError = null;
                logger.LogInformation("Database schema of {Context} is current", typeof(TContext).Name);
                _migrated.TrySetResult();
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LastError = ex.Message;
                logger.LogWarning("Cannot migrate {Context} yet, retrying in {Delay}: {Error}", typeof(TContext).Name, delay, ex.Message);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}

/// <summary>Healthy when the schema is migrated and the database answers now.</summary>
internal sealed class DatabaseHealthCheck<TContext>(DatabaseMigrator<TContext> migrator, IServiceScopeFactory scopes) : IHealthCheck
    where TContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.IsMigrated)
        {
            return HealthCheckResult.Unhealthy($"Schema not migrated yet: {migrator.LastError ?? "migrating"}");
        }

        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        return await database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}
