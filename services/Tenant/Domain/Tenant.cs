namespace WebWaka.Tenant.Domain;

/// <summary>An end user's organisation: a partner's client, whose platform the partner operates.</summary>
public sealed class Tenant
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    public required string Slug { get; init; }

    public TenantStatus Status { get; set; }

    /// <summary>The partner that created the tenant. Nullable in the first schema, as the history had it.</summary>
    public Guid? CreatedByPartnerId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public enum TenantStatus { Provisioning, Active, ProvisioningFailed, Suspended, Archived }
