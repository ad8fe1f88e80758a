using Microsoft.EntityFrameworkCore;
using WebWaka.Identity;
using WebWaka.Instance.Data;

namespace WebWaka.Instance.Apis;

/// <summary>Service-to-service: a tenant's instances, for the client detail the Tenant service composes.</summary>
public static class InternalInstancesApi
{
    public static IEndpointRouteBuilder MapInternalInstancesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/internal/tenants/{tenantId:guid}/instances", async (Guid tenantId, InstanceDbContext database, CancellationToken cancellationToken) =>
        {
            var instances = await database.Instances.AsNoTracking().Where(i => i.TenantId == tenantId).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .ToListAsync(cancellationToken);
            return await database.ResponsesAsync(instances, cancellationToken);
        }).RequireCaller(ServiceNames.Tenant);
        return app;
    }
}
