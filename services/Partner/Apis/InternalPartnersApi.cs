using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Identity;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Apis;

public sealed record PartnerStatusResponse(Guid Id, string Status, DateTimeOffset AsOf);

/// <summary>Service-to-service: a partner's current status, for a service that has not heard of the partner yet.</summary>
public static class InternalPartnersApi
{
    public static IEndpointRouteBuilder MapInternalPartnersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/internal/partners/{id:guid}", async (Guid id, PartnerDbContext database, TimeProvider clock) =>
            await database.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is { } partner
                ? Results.Ok(new PartnerStatusResponse(partner.Id, partner.Status.ToString(), clock.GetUtcNow()))
                : ApiProblems.NotFound("partner"))
            .RequireCaller(ServiceNames.Tenant);
        return app;
    }
}
