using Microsoft.EntityFrameworkCore;
using OpenTelemetry;
using WebWaka.Data;
using WebWaka.Messaging;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// How long each step of Create Client Platform may take (<c>Provisioning__StepTimeout</c>, 2 minutes) and how often
/// overdue steps are looked for (<c>Provisioning__DeadlineCheckInterval</c>, 5 seconds).
/// </summary>
public sealed record ProvisioningSettings(TimeSpan StepTimeout, TimeSpan DeadlineCheckInterval)
{
    /// <summary>When a step begun at <paramref name="start"/> must have answered.</summary>
    public DateTimeOffset StepDeadlineFrom(DateTimeOffset start) => start + StepTimeout;

    public static ProvisioningSettings From(IConfiguration configuration) => new(
        configuration.GetValue<TimeSpan?>("Provisioning:StepTimeout") ?? TimeSpan.FromMinutes(2),
        configuration.GetValue<TimeSpan?>("Provisioning:DeadlineCheckInterval") ?? TimeSpan.FromSeconds(5));
}

/// <summary>A step of the flow got no answer before its deadline. Internal to the Partner service.</summary>
public sealed record ClientPlatformStepTimedOut(Guid ProvisioningId, string State, DateTimeOffset OccurredAt);

/// <summary>
/// Every flow ends: a flow whose step is past its deadline (kept in the flow's row, so a restart forgets none) is told
/// so once through the outbox, and the state machine fails it STEP_TIMED_OUT and undoes what was done. Telling it moves
/// the deadline on by a step's time, in the same transaction: a flow is told again only if that word went unheard, never
/// every check (thousands of overdue flows after an outage would otherwise bury the flow's queue). Replicas take
/// different flows (SKIP LOCKED); a word about a step the flow has left is ignored.
/// </summary>
internal sealed class ProvisioningDeadlines(IServiceScopeFactory scopes, DatabaseMigrator<PartnerDbContext> migrator, ProvisioningSettings settings,
    TimeProvider clock, ILogger<ProvisioningDeadlines> logger) : BackgroundService
{
    private const int MostPerCheck = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.Migrated.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(settings.DeadlineCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TimeOutOverdueStepsAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Looking for provisioning steps past their deadline failed; looking again at the next check");
            }
        }
    }

    private async Task TimeOutOverdueStepsAsync(CancellationToken cancellationToken)
    {
        using var quiet = SuppressInstrumentationScope.Begin();
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<PartnerDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var overdue = await database.Database.SqlQuery<OverdueStep>($"""
            UPDATE client_platform_sagas SET step_deadline = {settings.StepDeadlineFrom(now)}
            WHERE correlation_id IN (
                SELECT correlation_id FROM client_platform_sagas WHERE step_deadline < {now}
                ORDER BY step_deadline LIMIT {MostPerCheck} FOR UPDATE SKIP LOCKED)
            RETURNING correlation_id AS "ProvisioningId", current_state AS "State"
            """).ToListAsync(cancellationToken);
        using (SuppressInstrumentationScope.Begin(false))
        {
            foreach (var step in overdue)
            {
                database.Publish(new ClientPlatformStepTimedOut(step.ProvisioningId, step.State, now));
            }

            await database.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class OverdueStep
    {
        public Guid ProvisioningId { get; init; }

        public string State { get; init; } = "";
    }
}
