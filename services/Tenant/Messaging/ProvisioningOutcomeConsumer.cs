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
        MoveAsync(context.Message.TenantId, tenant => tenant.TryMoveTo(TenantStatus.Active), context.CancellationToken);

    public Task Consume(ConsumeContext<FailTenantProvisioning> context) =>
        MoveAsync(context.Message.TenantId, tenant => tenant.TryFailProvisioning(), context.CancellationToken);

    // A redelivered message finds the tenant already moved: the lifecycle refuses the same move twice. Two moves of one
    // tenant at once collide on its status (a concurrency token): the loser is retried, reads the winner's, and decides again.
    private async Task MoveAsync(Guid tenantId, Func<Domain.Tenant, bool> move, CancellationToken cancellationToken)
    {
        var tenant = await database.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return;
        }

        var previous = tenant.Status;
        if (move(tenant))
        {
            database.Publish(new TenantStatusChanged(tenant.Id, tenant.CreatedByPartnerId, tenant.Status.ToString(), previous.ToString(), clock.GetUtcNow()));
            await database.SaveChangesAsync(cancellationToken);
        }
    }
}
