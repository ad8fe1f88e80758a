using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Messaging;
using WebWaka.Tenant.Data;
using WebWaka.Tenant.Domain;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Tenant;

/// <summary>
/// A tenant's status decided twice at once (an ActivateTenant and a FailTenantProvisioning taken together by two
/// consumers, after the Tenant service came back with both queued): one wins, the other saves nothing, not even its
/// event, so the flow never hears two answers of which the wrong one is true.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TenantStatusConcurrencyTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Of_two_status_changes_read_from_the_same_status_the_second_to_save_is_refused_with_its_event()
    {
        var connectionString = await infrastructure.CreateDatabaseAsync("tenant_status");
        var options = new DbContextOptionsBuilder<TenantDbContext>().UseNpgsql(connectionString).Options;
        var tenantId = Guid.NewGuid();
        await using (var setup = new TenantDbContext(options))
        {
            await setup.Database.MigrateAsync();
            setup.Tenants.Add(new WebWaka.Tenant.Domain.Tenant
            {
                Id = tenantId, Name = "Ada Stores", Slug = "ada-stores", CreatedByPartnerId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow,
            });
            await setup.SaveChangesAsync();
        }

        await using var activation = new TenantDbContext(options);
        await using var failure = new TenantDbContext(options);
        var activated = await activation.Tenants.SingleAsync(t => t.Id == tenantId);
        var failed = await failure.Tenants.SingleAsync(t => t.Id == tenantId);
        Assert.True(activated.TryMoveTo(TenantStatus.Active));
        Assert.True(failed.TryFailProvisioning());
        activation.Publish(new TenantStatusChanged(tenantId, activated.CreatedByPartnerId, "Active", "Provisioning", DateTimeOffset.UtcNow));
        failure.Publish(new TenantStatusChanged(tenantId, failed.CreatedByPartnerId, "ProvisioningFailed", "Provisioning", DateTimeOffset.UtcNow));

        await activation.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => failure.SaveChangesAsync());

        await using var after = new TenantDbContext(options);
        Assert.Equal(TenantStatus.Active, (await after.Tenants.SingleAsync(t => t.Id == tenantId)).Status);
        Assert.Equal(1, await after.Set<OutboxMessage>().CountAsync());
    }
}
