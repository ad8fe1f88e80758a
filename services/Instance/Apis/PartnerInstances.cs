using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Identity;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domain;
using WebWaka.Messaging;

namespace WebWaka.Instance.Apis;

/// <summary>A domain of an instance, in short: its own endpoint shows the record that proves it.</summary>
public sealed record InstanceDomain(string Hostname, string Status, bool Primary);

/// <summary>An instance as the public contract shows it: its suites, its branding (null until it has one) and its domains.</summary>
public sealed record InstanceResponse(Guid Id, Guid TenantId, string Name, IReadOnlyList<string> Suites, Branding? Branding,
    IReadOnlyList<InstanceDomain> Domains, DateTimeOffset CreatedAt);

/// <summary>How a partner's request finds its client and instances: another partner's are not found (partner-first rule 7).</summary>
public static class PartnerInstances
{
    public static Task<KnownClient> ClientOfAsync(this InstanceDbContext database, Guid tenantId, ActingPartner partner, CancellationToken cancellationToken) =>
        database.ClientOfAsync(tenantId, partner, database.Instances.Where(i => i.TenantId == tenantId).Select(i => i.PartnerId), cancellationToken);

    public static async Task<PlatformInstance> InstanceOfAsync(this InstanceDbContext database, Guid tenantId, Guid instanceId, CancellationToken cancellationToken) =>
        await database.Instances.SingleOrDefaultAsync(i => i.Id == instanceId && i.TenantId == tenantId, cancellationToken) ?? throw ProblemException.NotFound("instance");

    /// <summary>The partner's instance, tracked for a change, once its client is known to accept changes.</summary>
    public static async Task<PlatformInstance> ChangeableInstanceAsync(this InstanceDbContext database, Guid tenantId, Guid instanceId,
        ActingPartner partner, CancellationToken cancellationToken)
    {
        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var instance = await database.InstanceOfAsync(tenantId, instanceId, cancellationToken);
        client.EnsureAcceptsChanges();
        return instance;
    }

    public static async Task<InstanceResponse> ResponseAsync(this InstanceDbContext database, PlatformInstance instance, CancellationToken cancellationToken) =>
        (await database.ResponsesAsync([instance], cancellationToken))[0];

    public static async Task<IReadOnlyList<InstanceResponse>> ResponsesAsync(this InstanceDbContext database, IReadOnlyList<PlatformInstance> instances,
        CancellationToken cancellationToken)
    {
        var ids = instances.Select(i => i.Id).ToList();
        var domains = await database.Domains.AsNoTracking().Where(d => ids.Contains(d.InstanceId)).ToListAsync(cancellationToken);
        return instances.Select(i => new InstanceResponse(i.Id, i.TenantId, i.Name, i.Suites, i.Branding,
            domains.Where(d => d.InstanceId == i.Id).OrderByDescending(d => d.IsPrimary).ThenBy(d => d.Hostname)
                .Select(d => new InstanceDomain(d.Hostname, d.Status.ToString(), d.IsPrimary)).ToList(), i.CreatedAt)).ToList();
    }
}
