using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebWaka.Identity;

/// <summary>A user whose access ended at <see cref="RevokedAt"/>: every token issued to them until then is refused.</summary>
public sealed record Revocation(Guid UserId, DateTimeOffset RevokedAt);

/// <summary>
/// The users whose tokens no longer open anything, as this process knows them. A token outlives no revocation: it is
/// refused from the moment the revocation reaches the process (within <see cref="TokenSettings.RevocationRefresh"/>).
/// </summary>
public sealed class RevokedUsers
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revoked = new();

    /// <summary>Whether the process has heard from the source of revocations at least once since it started.</summary>
    public bool IsCurrent { get; private set; }

    public DateTimeOffset? LatestRevocation { get; private set; }

    public bool Refuses(Guid userId, DateTimeOffset tokenIssuedAt) =>
        _revoked.TryGetValue(userId, out var revokedAt) && tokenIssuedAt <= revokedAt;

    public void Record(IEnumerable<Revocation> revocations)
    {
        foreach (var revocation in revocations)
        {
            _revoked.AddOrUpdate(revocation.UserId, revocation.RevokedAt, (_, known) => known > revocation.RevokedAt ? known : revocation.RevokedAt);
            LatestRevocation = LatestRevocation > revocation.RevokedAt ? LatestRevocation : revocation.RevokedAt;
        }

        IsCurrent = true;
    }
}

/// <summary>Where revocations come from: the Partner service, which removes users.</summary>
public interface IRevocationFeed
{
    Task<IReadOnlyList<Revocation>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>Asks the Partner service (<c>GET /internal/revocations?since=</c>), through service discovery.</summary>
public sealed class PartnerServiceRevocationFeed(HttpClient partnerService) : IRevocationFeed
{
    public async Task<IReadOnlyList<Revocation>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        await partnerService.GetFromJsonAsync<List<Revocation>>($"/internal/revocations?since={Uri.EscapeDataString(since.ToString("O"))}",
            cancellationToken) ?? [];
}

/// <summary>
/// Keeps <see cref="RevokedUsers"/> current: at start every revocation young enough to matter (a token lives
/// <see cref="TokenSettings.Lifetime"/>), then the new ones every <see cref="TokenSettings.RevocationRefresh"/>.
/// </summary>
public sealed class RevocationRefresher(IRevocationFeed feed, RevokedUsers revoked, TokenSettings settings, TimeProvider clock,
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
                logger.LogWarning("Could not refresh the revoked users: {Error}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
