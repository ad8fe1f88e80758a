using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebWaka.Identity;

/// <summary>A user whose access ended at <see cref="RevokedAt"/>: every token issued to them until then is refused.</summary>
public sealed record Revocation(Guid UserId, DateTimeOffset RevokedAt);

/// <summary>What changed about who may do what: users removed since a time, and every partner suspended now.</summary>
public sealed record AccessChanges(IReadOnlyList<Revocation> RemovedUsers, IReadOnlyList<Guid> SuspendedPartners);

/// <summary>
/// Whose tokens no longer open everything, as this process knows them. A removed user's token opens nothing; a suspended
/// partner's people may read what is theirs and change nothing. Both hold from the moment the change reaches the process
/// (within <see cref="TokenSettings.RevocationRefresh"/>), whatever the token's age.
/// </summary>
public sealed class RevokedAccess
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _removedUsers = new();
    private FrozenSet<Guid> _suspendedPartners = FrozenSet<Guid>.Empty;

    public DateTimeOffset? LatestRevocation { get; private set; }

    public bool Refuses(Guid userId, DateTimeOffset tokenIssuedAt) =>
        _removedUsers.TryGetValue(userId, out var revokedAt) && tokenIssuedAt <= revokedAt;

    public bool IsSuspended(Guid partnerId) => _suspendedPartners.Contains(partnerId);

    public void Record(AccessChanges changes)
    {
        foreach (var revocation in changes.RemovedUsers)
        {
            _removedUsers.AddOrUpdate(revocation.UserId, revocation.RevokedAt, (_, known) => known > revocation.RevokedAt ? known : revocation.RevokedAt);
            LatestRevocation = LatestRevocation > revocation.RevokedAt ? LatestRevocation : revocation.RevokedAt;
        }

        // The suspended partners come whole every time (there are few): one reactivated simply drops out.
        _suspendedPartners = changes.SuspendedPartners.ToFrozenSet();
    }
}

/// <summary>Where access changes come from: the Partner service, which removes users and suspends partners.</summary>
public interface IRevocationFeed
{
    Task<AccessChanges> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Asks the Partner service (<c>GET /internal/revocations?since=</c>), through service discovery.</summary>
public sealed class PartnerServiceRevocationFeed(HttpClient partnerService) : IRevocationFeed
{
    public async Task<AccessChanges> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await partnerService.GetFromJsonAsync<AccessChanges>($"/internal/revocations?since={Uri.EscapeDataString(since.ToString("O"))}",
            cancellationToken) ?? throw new InvalidOperationException("The Partner service answered no access changes.");
}

/// <summary>
/// Keeps <see cref="RevokedAccess"/> current: at start every removal young enough to matter (a token lives
/// <see cref="TokenSettings.Lifetime"/>), then the new ones every <see cref="TokenSettings.RevocationRefresh"/>.
/// </summary>
public sealed class RevocationRefresher(IRevocationFeed feed, RevokedAccess revoked, TokenSettings settings, TimeProvider clock,
    ILogger<RevocationRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var since = clock.GetUtcNow() - settings.Lifetime - TimeSpan.FromMinutes(1);
        using var timer = new PeriodicTimer(settings.RevocationRefresh, clock);
        do
        {
            try
            {
                revoked.Record(await feed.SinceAsync(since, stoppingToken));
                // A little overlap: a revocation committed while the last answer was on its way is not missed.
                since = (revoked.LatestRevocation ?? since) - TimeSpan.FromSeconds(5);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not refresh the revoked access: {Error}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
