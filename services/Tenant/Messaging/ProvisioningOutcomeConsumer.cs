using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Messaging;
using WebWaka.Tenant.Data;
using WebWaka.Tenant.Domain;

namespace WebWaka.Tenant.Messaging;

/// <summary>The end of a tenant's provisioning: active when it all worked, ProvisioningFailed (compensation) when not.</summary>
public sealed class ProvisioningOutcomeConsumer(TenantDbContext database, TimeProvider clock)
    : IConsumer<ActivateTenant>, IConsumer<FailTenantProvisioning>
{
    public Task Consume(ConsumeContext<ActivateTenant> context) =>
        MoveAsync(context.Message.TenantId, TenantStatus.Active, context.CancellationToken);

    public Task Consume(ConsumeContext<FailTenantProvisioning> context) =>
        MoveAsync(context.Message.TenantId, TenantStatus.ProvisioningFailed, context.CancellationToken);

    // A redelivered message finds the tenant already moved: the lifecycle refuses the same move twice.
    private async Task MoveAsync(Guid tenantId, TenantStatus next, CancellationToken cancellationToken)
    {
        var tenant = await database.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return;
        }

        var previous = tenant.Status;
        if (tenant.TryMoveTo(next))
        {
            database.Publish(new TenantStatusChanged(tenant.Id, tenant.CreatedByPartnerId, next.ToString(), previous.ToString(), clock.GetUtcNow()));
            await database.SaveChangesAsync(cancellationToken);
        }
    }
}
