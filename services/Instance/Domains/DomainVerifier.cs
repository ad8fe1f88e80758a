using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domain;
using WebWaka.Messaging;

namespace WebWaka.Instance.Domains;

public enum VerificationResult { Verified, NotFound, Expired, Taken }

/// <summary>
/// Looks a claimed domain's TXT record up and settles the claim: verified (mapped, <c>DomainMapped</c>; the instance's
/// first becomes its primary), still pending, expired, or taken by another instance that verified the hostname first.
/// Used by a partner's Verify and by the background check alike.
/// </summary>
public sealed class DomainVerifier(InstanceDbContext database, TxtLookup dns, TimeProvider clock)
{
    /// <param name="actor">Who asked, for the audit trail: a person, or <see cref="Actor.System"/> for the background check.</param>
    public async Task<(VerificationResult Result, TxtAnswer Answer)> VerifyAsync(Guid domainId, Actor actor, CancellationToken cancellationToken)
    {
        database.ChangeTracker.Clear();
        var unlocked = await database.Domains.AsNoTracking().SingleAsync(d => d.Id == domainId, cancellationToken);
        var answer = await dns.LookupAsync(unlocked.ChallengeName, cancellationToken);

        // The instance's row is locked while its domains are settled, so two verifications never both make a primary.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        await database.Instances.FromSqlInterpolated($"SELECT * FROM instances WHERE id = {unlocked.InstanceId} FOR UPDATE").ToListAsync(cancellationToken);
        var domain = await database.Domains.SingleAsync(d => d.Id == domainId, cancellationToken);
        if (domain.Status == DomainStatus.Verified)
        {
            return (VerificationResult.Verified, answer);
        }

        if (await database.Domains.AnyAsync(d => d.Hostname == domain.Hostname && d.Status == DomainStatus.Verified, cancellationToken))
        {
            return (VerificationResult.Taken, answer);
        }

        var now = clock.GetUtcNow();
        var outcome = domain.Verify(answer.Values, answer.Error, now);
        if (outcome == VerificationOutcome.Verified)
        {
            domain.IsPrimary = !await database.Domains.AnyAsync(d => d.InstanceId == domain.InstanceId && d.IsPrimary, cancellationToken);
            database.Publish(new DomainMapped(domain.InstanceId, domain.TenantId, domain.PartnerId, domain.Hostname, now));
            database.Publish(actor.Audit(domain.PartnerId, "domain", domain.Hostname, "verified", new { status = "Pending" },
                new { status = "Verified", primary = domain.IsPrimary, instanceId = domain.InstanceId }, now, client: domain.TenantId));
        }

        try
        {
            await database.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another instance verified the hostname between our check and our update.
            database.ChangeTracker.Clear();
            return (VerificationResult.Taken, answer);
        }

        return (outcome switch
        {
            VerificationOutcome.Verified => VerificationResult.Verified,
            VerificationOutcome.Expired => VerificationResult.Expired,
            _ => VerificationResult.NotFound,
        }, answer);
    }
}
