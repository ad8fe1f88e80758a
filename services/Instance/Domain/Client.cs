namespace WebWaka.Instance.Domain;

/// <summary>
/// What the Instance service knows of a client (a tenant), from the Tenant service's events: whose it is and
/// where it stands in its lifecycle. Its instances can be changed only while it is provisioning or active.
/// </summary>
public sealed class Client
{
    public Guid TenantId { get; init; }

    public Guid PartnerId { get; init; }

    /// <summary>A tenant status: Provisioning, Active, ProvisioningFailed, Suspended or Archived.</summary>
    public required string Status { get; set; }

    /// <summary>When the status was true; an older event never overwrites a newer one.</summary>
    public DateTimeOffset AsOf { get; set; }

    public bool AcceptsChanges => Status is "Provisioning" or "Active";

    /// <summary>Records a status as of a moment, unless what is held is newer.</summary>
    public void Record(string status, DateTimeOffset asOf)
    {
        if (asOf >= AsOf)
        {
            Status = status;
            AsOf = asOf;
        }
    }
}
