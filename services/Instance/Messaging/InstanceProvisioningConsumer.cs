using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts.Platform;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domain;
using WebWaka.Instance.Domains;
using WebWaka.Messaging;

namespace WebWaka.Instance.Messaging;

/// <summary>
/// Creates a new client's default instance (with its suites, branding and optional domain), or removes it when
/// the provisioning is undone. Idempotent: the instance's id comes with the message.
/// </summary>
public sealed class InstanceProvisioningConsumer(InstanceDbContext database, DomainSettings domains, TimeProvider clock)
    : IConsumer<CreateInstance>, IConsumer<RemoveInstance>
{
    public async Task Consume(ConsumeContext<CreateInstance> context)
    {
        var request = context.Message;
        if (await database.Instances.AnyAsync(i => i.Id == request.InstanceId, context.CancellationToken))
        {
            return;
        }

        var hostname = request.Domain?.Trim().ToLowerInvariant();
        var problem = Validate(request, hostname);
        if (problem is null && hostname is not null &&
            await database.Domains.AnyAsync(d => d.Hostname == hostname && d.Status == DomainStatus.Verified, context.CancellationToken))
        {
            problem = ("DOMAIN_TAKEN", $"The domain '{hostname}' is already mapped.");
        }

        if (problem is { } rejected)
        {
            await RejectAsync(request, rejected.Code, rejected.Message, context.CancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var instance = new PlatformInstance
        {
            Id = request.InstanceId,
            TenantId = request.TenantId,
            PartnerId = request.PartnerId,
            Name = request.Name.Trim(),
            Suites = [.. request.Suites],
            CreatedAt = now,
        };
        instance.Rebrand(request.Branding);
        database.Instances.Add(instance);
        database.Publish(new InstanceCreated(request.ProvisioningId, instance.Id, instance.TenantId, instance.PartnerId, instance.Name, instance.Suites, now));
        if (hostname is not null)
        {
            // Claimed like any other domain: mapped once its TXT record is found.
            database.Domains.Add(CustomDomain.Claim(hostname, instance, now, domains.TimeToVerify));
        }

        await database.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<RemoveInstance> context)
    {
        var request = context.Message;
        var now = clock.GetUtcNow();
        var instance = await database.Instances.SingleOrDefaultAsync(i => i.Id == request.InstanceId, context.CancellationToken);
        if (instance is null)
        {
            return;
        }

        foreach (var domain in await database.Domains.Where(d => d.InstanceId == instance.Id).ToListAsync(context.CancellationToken))
        {
            database.Domains.Remove(domain);
            if (domain.Status == DomainStatus.Verified)
            {
                database.Publish(new DomainUnmapped(instance.Id, instance.TenantId, instance.PartnerId, domain.Hostname, now));
            }
        }

        database.Instances.Remove(instance);
        database.Publish(new InstanceRemoved(request.ProvisioningId, instance.Id, instance.TenantId, instance.PartnerId, now));
        await database.SaveChangesAsync(context.CancellationToken);
    }

    private static (string Code, string Message)? Validate(CreateInstance request, string? hostname)
    {
        var errors = InstanceRules.SuiteErrors(request.Suites).ToList();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add("An instance needs a name.");
        }

        if (request.Branding is { } branding)
        {
            errors.AddRange(InstanceRules.BrandingProblems(branding, "branding").Select(p => $"{p.Field}: {p.Message}"));
        }

        if (hostname is not null && !InstanceRules.IsHostname(hostname))
        {
            errors.Add($"'{hostname}' is not a hostname.");
        }

        return errors.Count == 0 ? null : ("VALIDATION_FAILED", string.Join(" ", errors));
    }

    private async Task RejectAsync(CreateInstance request, string code, string message, CancellationToken cancellationToken)
    {
        database.Publish(new InstanceCreationRejected(request.ProvisioningId, request.InstanceId, request.TenantId, request.PartnerId,
            code, message, clock.GetUtcNow()));
        await database.SaveChangesAsync(cancellationToken);
    }
}
