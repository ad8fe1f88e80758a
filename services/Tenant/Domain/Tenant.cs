namespace WebWaka.Tenant.Domain;

public enum TenantStatus { Provisioning, Active, ProvisioningFailed, Suspended, Archived }

/// <summary>An end user's organisation: a partner's client, whose platform the partner operates.</summary>
public sealed class Tenant
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    public required string Slug { get; init; }

    public TenantStatus Status { get; private set; } = TenantStatus.Provisioning;

    /// <summary>The partner that created the tenant: set once, never changed (the database refuses it too).</summary>
    public Guid CreatedByPartnerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Moves along the lifecycle; false (and no change) for a transition it does not allow.</summary>
    public bool TryMoveTo(TenantStatus next)
    {
        if (!TenantLifecycle.Allows(Status, next))
        {
            return false;
        }

        Status = next;
        return true;
    }

    /// <summary>
    /// The flow that created the tenant failed: it ends ProvisioningFailed (its slug free again) whatever provisioning
    /// left it in, an activation that reached this service after the flow gave up included. Only a failed flow asks,
    /// and a failed flow never completes, so no completed client is ever taken back. False if already failed or archived.
    /// </summary>
    public bool TryFailProvisioning()
    {
        if (Status is TenantStatus.ProvisioningFailed or TenantStatus.Archived)
        {
            return false;
        }

        Status = TenantStatus.ProvisioningFailed;
        return true;
    }
}

/// <summary>
/// Provisioning -> Active | ProvisioningFailed; Active <-> Suspended; Active | Suspended -> Archived (terminal).
/// </summary>
public static class TenantLifecycle
{
    public static bool Allows(TenantStatus from, TenantStatus to) => (from, to) switch
    {
        (TenantStatus.Provisioning, TenantStatus.Active or TenantStatus.ProvisioningFailed) => true,
        (TenantStatus.Active, TenantStatus.Suspended or TenantStatus.Archived) => true,
        (TenantStatus.Suspended, TenantStatus.Active or TenantStatus.Archived) => true,
        _ => false,
    };
}
