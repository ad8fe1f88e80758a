using Microsoft.EntityFrameworkCore;
using WebWaka.Identity;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Apis;

/// <summary>
/// Service-to-service: what every process that checks tokens must know (<see cref="RevokedAccess"/>), the users removed
/// since a time and the partners suspended now. The Partner service removes and suspends, so it is the source.
/// </summary>
public static class InternalRevocationsApi
{
    public static IEndpointRouteBuilder MapInternalRevocationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/internal/revocations", (DateTimeOffset since, PartnerDbContext database, CancellationToken cancellationToken) =>
            database.AccessChangesSinceAsync(since, cancellationToken))
            .RequireCaller(ServiceNames.Gateway, ServiceNames.Tenant, ServiceNames.Instance, ServiceNames.Invitation);
        return app;
    }

    public static async Task<AccessChanges> AccessChangesSinceAsync(this PartnerDbContext database, DateTimeOffset since,
        CancellationToken cancellationToken) =>
        new(await database.Revocations.AsNoTracking().Where(r => r.RevokedAt >= since).OrderBy(r => r.RevokedAt)
                .Select(r => new Revocation(r.UserId, r.RevokedAt)).ToListAsync(cancellationToken),
            await database.Partners.AsNoTracking().Where(p => p.Status == PartnerStatus.Suspended).Select(p => p.Id).ToListAsync(cancellationToken));
}

/// <summary>The Partner service checks tokens too: it reads the access changes from its own database.</summary>
public sealed class DatabaseRevocationFeed(IServiceScopeFactory scopes) : IRevocationFeed
{
    public async Task<AccessChanges> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PartnerDbContext>().AccessChangesSinceAsync(since, cancellationToken);
    }
}
