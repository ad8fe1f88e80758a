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
    public static ProvisioningSettings From(IConfiguration configuration) => new(
        configuration.GetValue<TimeSpan?>("Provisioning:StepTimeout") ?? TimeSpan.FromMinutes(2),
        configuration.GetValue<TimeSpan?>("Provisioning:DeadlineCheckInterval") ?? TimeSpan.FromSeconds(5));
}

/// <summary>A step of the flow got no answer before its deadline. Internal to the Partner service.</summary>
public sealed record ClientPlatformStepTimedOut(Guid ProvisioningId, string State, DateTimeOffset OccurredAt);

/// <summary>
/// Every flow ends: a flow whose step is past its deadline (kept in the flow's row, so a restart forgets none) is told
/// so through the outbox, and the state machine fails it STEP_TIMED_OUT and undoes what was done. Every replica looks;
/// the flow takes the first word and ignores the rest.
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
        var overdue = await database.ClientPlatforms.AsNoTracking()
            .Where(flow => flow.StepDeadline < now)
            .OrderBy(flow => flow.StepDeadline)
            .Select(flow => new { flow.CorrelationId, flow.CurrentState })
            .Take(MostPerCheck)
            .ToListAsync(cancellationToken);
        if (overdue.Count == 0)
        {
            return;
        }

        using (SuppressInstrumentationScope.Begin(false))
        {
            foreach (var flow in overdue)
            {
                database.Publish(new ClientPlatformStepTimedOut(flow.CorrelationId, flow.CurrentState, now));
            }

            await database.SaveChangesAsync(cancellationToken);
        }
    }
}
