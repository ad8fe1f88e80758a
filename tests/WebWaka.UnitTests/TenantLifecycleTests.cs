using WebWaka.Tenant.Domain;

namespace WebWaka.UnitTests;

public sealed class TenantLifecycleTests
{
    // The lifecycle (README, Create Client Platform): Provisioning -> Active | ProvisioningFailed, Active <-> Suspended, Active | Suspended -> Archived (terminal).
    private static readonly HashSet<(TenantStatus, TenantStatus)> Allowed =
    [
        (TenantStatus.Provisioning, TenantStatus.Active),
        (TenantStatus.Provisioning, TenantStatus.ProvisioningFailed),
        (TenantStatus.Active, TenantStatus.Suspended),
        (TenantStatus.Suspended, TenantStatus.Active),
        (TenantStatus.Active, TenantStatus.Archived),
        (TenantStatus.Suspended, TenantStatus.Archived),
    ];

    public static TheoryData<TenantStatus, TenantStatus> EveryPair()
    {
        var pairs = new TheoryData<TenantStatus, TenantStatus>();
        foreach (var from in Enum.GetValues<TenantStatus>())
        {
            foreach (var to in Enum.GetValues<TenantStatus>())
            {
                pairs.Add(from, to);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void The_lifecycle_allows_exactly_the_contracts_transitions(TenantStatus from, TenantStatus to)
    {
        Assert.Equal(Allowed.Contains((from, to)), TenantLifecycle.Allows(from, to));
    }

    [Fact]
    public void A_refused_move_changes_nothing()
    {
        var tenant = new WebWaka.Tenant.Domain.Tenant { Name = "Ada", Slug = "ada" };

        Assert.False(tenant.TryMoveTo(TenantStatus.Suspended));
        Assert.Equal(TenantStatus.Provisioning, tenant.Status);
        Assert.True(tenant.TryMoveTo(TenantStatus.Active));
        Assert.True(tenant.TryMoveTo(TenantStatus.Archived));
        Assert.False(tenant.TryMoveTo(TenantStatus.Active));
        Assert.Equal(TenantStatus.Archived, tenant.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(true, TenantStatus.Active)]
    [InlineData(true, TenantStatus.Active, TenantStatus.Suspended)]
    [InlineData(false, TenantStatus.ProvisioningFailed)]
    [InlineData(false, TenantStatus.Active, TenantStatus.Archived)]
    public void A_failed_provisioning_takes_back_whatever_it_left_even_a_late_activation(bool moves, params TenantStatus[] path)
    {
        var tenant = new WebWaka.Tenant.Domain.Tenant { Name = "Ada", Slug = "ada" };
        Assert.All(path, step => Assert.True(tenant.TryMoveTo(step)));
        var reached = tenant.Status;

        Assert.Equal(moves, tenant.TryFailProvisioning());
        Assert.Equal(moves ? TenantStatus.ProvisioningFailed : reached, tenant.Status);
    }
}
