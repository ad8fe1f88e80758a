using Microsoft.EntityFrameworkCore;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domain;

namespace WebWaka.Instance.Domains;

/// <summary>
/// Looks every pending domain up again now and then (<see cref="DomainSettings.RecheckInterval"/>): one whose record
/// appeared is verified without the partner asking; one whose time ran out expires. Replicas may both check: settling a
/// claim is idempotent.
/// </summary>
public sealed class PendingDomainsCheck(IServiceScopeFactory scopes, DatabaseMigrator<InstanceDbContext> migrator, DomainSettings settings,
    TimeProvider clock, ILogger<PendingDomainsCheck> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.Migrated.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(settings.RecheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the DNS may be away for a moment: the next round tries again.
                logger.LogWarning(ex, "Checking pending domains failed.");
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        List<Guid> pending;
        using (var scope = scopes.CreateScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<InstanceDbContext>().Domains.AsNoTracking()
                .Where(d => d.Status == DomainStatus.Pending)
                .OrderBy(d => d.LastCheckedAt ?? d.CreatedAt)
                .Select(d => d.Id)
                .Take(Batch)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in pending)
        {
            using var scope = scopes.CreateScope();
            var (result, _) = await scope.ServiceProvider.GetRequiredService<DomainVerifier>().VerifyAsync(id, Actor.System, cancellationToken);
            if (result is VerificationResult.Verified or VerificationResult.Expired)
            {
                logger.LogInformation("Pending domain {DomainId}: {Result}.", id, result);
            }
        }
    }
}
