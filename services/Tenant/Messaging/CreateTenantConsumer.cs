using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts.PartnerFirst;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Messaging;
using WebWaka.Tenant.Data;
using WebWaka.Tenant.Domain;

namespace WebWaka.Tenant.Messaging;

/// <summary>
/// The backend's partner-first guard (rule 6): a tenant is created only for a known, active partner, and only
/// as the guard attributes it, however the message got here. Idempotent: the tenant's id comes with the message.
/// </summary>
public sealed class CreateTenantConsumer(TenantDbContext database, PartnerDirectory partners, TimeProvider clock) : IConsumer<CreateTenant>
{
    public async Task Consume(ConsumeContext<CreateTenant> context)
    {
        var request = context.Message;
        if (await database.Tenants.AnyAsync(t => t.Id == request.TenantId, context.CancellationToken))
        {
            return;
        }

        var refusal = await RefusalAsync(request, context.CancellationToken);
        if (refusal is not null)
        {
            database.Publish(new TenantCreationRejected(request.ProvisioningId, request.TenantId, request.PartnerId, refusal.Code, refusal.Message, clock.GetUtcNow()));
            await database.SaveChangesAsync(context.CancellationToken);
            return;
        }

        var tenant = new Domain.Tenant
        {
            Id = request.TenantId,
            Name = request.Name.Trim(),
            Slug = request.Slug,
            CreatedByPartnerId = request.PartnerId,
            CreatedAt = clock.GetUtcNow(),
        };
        database.Tenants.Add(tenant);
        database.Publish(new TenantCreated(request.ProvisioningId, tenant.Id, tenant.CreatedByPartnerId, tenant.Name, tenant.Slug,
            tenant.Status.ToString(), tenant.CreatedAt));
        try
        {
            await database.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another tenant took the slug between our check and our insert.
            database.ChangeTracker.Clear();
            database.Publish(new TenantCreationRejected(request.ProvisioningId, request.TenantId, request.PartnerId, "SLUG_TAKEN",
                $"The slug '{request.Slug}' is taken.", clock.GetUtcNow()));
            await database.SaveChangesAsync(context.CancellationToken);
        }
    }

    private async Task<PartnerAttribution.Refused?> RefusalAsync(CreateTenant request, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<TenantCreator>(request.Creator, out var creator))
        {
            return new PartnerAttribution.Refused(PartnerFirstGuard.TenantCreationRequiresPartner, $"Unknown tenant creator '{request.Creator}'.");
        }

        switch (PartnerFirstGuard.Attribute(creator, request.PartnerId))
        {
            case PartnerAttribution.Refused refused:
                return refused;
            case PartnerAttribution.Attributed attributed when attributed.PartnerId != request.PartnerId:
                return new PartnerAttribution.Refused(PartnerFirstGuard.SuperAdminCreatesForWebWakaOnly, "The tenant is attributed to another partner.");
        }

        if (await partners.FindAsync(request.PartnerId, cancellationToken) is not { IsActive: true })
        {
            return new PartnerAttribution.Refused("PARTNER_NOT_ACTIVE", "The partner is unknown or not active.");
        }

        if (!Slug.IsValid(request.Slug) || string.IsNullOrWhiteSpace(request.Name))
        {
            return new PartnerAttribution.Refused("VALIDATION_FAILED", $"A tenant needs a name and a slug of {Slug.Rule}");
        }

        return await database.Tenants.AnyAsync(t => t.Slug == request.Slug && t.Status != TenantStatus.ProvisioningFailed, cancellationToken)
            ? new PartnerAttribution.Refused("SLUG_TAKEN", $"The slug '{request.Slug}' is taken.")
            : null;
    }
}
