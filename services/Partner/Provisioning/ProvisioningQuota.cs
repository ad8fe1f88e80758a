using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// A partner's limits on provisioning (<see cref="PartnerLimits"/>), checked where a provisioning is accepted: by the
/// partner, or through its signup link. Call it inside the transaction that accepts: the partner's provisionings are
/// counted one acceptance after another (a lock per partner), so forty at once are counted as forty.
/// </summary>
public static class ProvisioningQuota
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Every flow ends within its four steps' deadlines; one older than this is not in flight whatever its row says.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(1);

    // A provisioning in flight ends in seconds, usually.
    private static readonly TimeSpan InFlightRetry = TimeSpan.FromSeconds(5);

    public sealed record Usage(int StartedLastMinute, int InFlight, DateTimeOffset? OldestInWindow);

    /// <summary>The platform's defaults: <c>Limits:CreatesPerMinute</c> (40), <c>Limits:ProvisioningsInFlight</c> (20), and the request limit.</summary>
    public static PartnerLimits DefaultsFrom(IConfiguration configuration) => new(
        configuration.GetValue("Limits:CreatesPerMinute", 40),
        configuration.GetValue("Limits:ProvisioningsInFlight", 20),
        PartnerRequestLimit.From(configuration));

    /// <summary>What the partner has started in the last minute and has in flight.</summary>
    public static async Task<Usage> UsageAsync(this PartnerDbContext database, Guid partnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Read off a partial index of the flows not ended: a partner's finished ones, however many, cost nothing here.
        var inFlight = await database.ClientPlatforms.CountAsync(s => s.PartnerId == partnerId &&
            s.CurrentState != ProvisioningProgress.Completed && s.CurrentState != ProvisioningProgress.Failed && s.UpdatedAt > now - Horizon,
            cancellationToken);
        var window = database.ProvisioningRequests.Where(r => r.PartnerId == partnerId && r.CreatedAt > now - Window);
        // The minute's count and its oldest in one read: this runs at every provisioning accepted.
        var minute = await window.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(r => r.CreatedAt) })
            .SingleOrDefaultAsync(cancellationToken);
        return new Usage(minute?.Count ?? 0, inFlight, minute?.Oldest);
    }

    /// <summary>429 QUOTA_EXCEEDED with Retry-After if one more provisioning breaks a limit of the partner; null if it may go.</summary>
    public static async Task<ProblemHttpResult?> RefuseAsync(this PartnerDbContext database, Domain.Partner partner, PartnerLimits defaults,
        HttpResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await database.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({partner.Id.ToString()}, 0))", cancellationToken);
        var usage = await database.UsageAsync(partner.Id, now, cancellationToken);
        var limits = defaults.Of(partner);
        if (limits.BrokenBy(usage.StartedLastMinute, usage.InFlight) is not { } broken)
        {
            return null;
        }

        var wait = usage.StartedLastMinute >= limits.CreatesPerMinute && usage.OldestInWindow is { } oldest ? oldest + Window - now : InFlightRetry;
        return ApiProblems.TooManyRequests(response, wait, "QUOTA_EXCEEDED",
            $"The partner's limit of {broken} is reached: try again after Retry-After seconds (GET /api/partner/limits).");
    }
}
