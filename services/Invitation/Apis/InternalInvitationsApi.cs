using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Identity;
using WebWaka.Invitation.Data;

namespace WebWaka.Invitation.Apis;

public sealed record TenantInvitationResponse(Guid Id, string Email, string Name, string Role, string Status, DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt);

/// <summary>Service-to-service: a tenant's invitations, for its detail page. Under /internal, which the gateway never routes.</summary>
public static class InternalInvitationsApi
{
    public static IEndpointRouteBuilder MapInternalInvitationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/internal/tenants/{tenantId:guid}/invitations", ListForTenantAsync).RequireCaller(ServiceNames.Tenant);
        return app;
    }

    private static async Task<Ok<List<TenantInvitationResponse>>> ListForTenantAsync(Guid tenantId, InvitationDbContext database)
    {
        var invitations = await database.Invitations.AsNoTracking()
            .Where(i => i.TenantId == tenantId)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync();
        return TypedResults.Ok(invitations
            .Select(i => new TenantInvitationResponse(i.Id, i.Email, i.Name, i.Role, i.Status.ToString(), i.ExpiresAt, i.CreatedAt))
            .ToList());
    }
}
