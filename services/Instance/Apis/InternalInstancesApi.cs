using Microsoft.EntityFrameworkCore;
using WebWaka.Instance.Data;

namespace WebWaka.Instance.Apis;

public sealed record BrandingResponse(string? DisplayName, string? LogoUrl, string? PrimaryColor, string? AccentColor);

public sealed record InstanceResponse(Guid Id, string Name, IReadOnlyList<string> Suites, BrandingResponse Branding,
    IReadOnlyList<string> Domains, DateTimeOffset CreatedAt);

/// <summary>Service-to-service: a tenant's instances, for the client detail the Tenant service composes.</summary>
public static class InternalInstancesApi
{
    public static IEndpointRouteBuilder MapInternalInstancesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/internal/tenants/{tenantId:guid}/instances", async (Guid tenantId, InstanceDbContext database) =>
        {
            var instances = await database.Instances.AsNoTracking().Where(i => i.TenantId == tenantId).OrderBy(i => i.CreatedAt).ToListAsync();
            var domains = await database.Domains.AsNoTracking().Where(d => d.TenantId == tenantId).ToListAsync();
            return instances.Select(i => new InstanceResponse(i.Id, i.Name, i.Suites,
                new BrandingResponse(i.DisplayName, i.LogoUrl, i.PrimaryColor, i.AccentColor),
                domains.Where(d => d.InstanceId == i.Id).Select(d => d.Hostname).Order().ToList(), i.CreatedAt));
        });
        return app;
    }
}
