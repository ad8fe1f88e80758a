namespace WebWaka.Contracts;

/// <summary>
/// Asks the Tenant service to create a tenant for a partner; refused without a known, active partner.
/// <see cref="Creator"/> names a <see cref="PartnerFirst.TenantCreator"/>: who asked, so the guard can decide again.
/// </summary>
public sealed record CreateTenant(Guid ProvisioningId, Guid TenantId, Guid PartnerId, string Creator, string Name, string Slug);

/// <summary>Asks the Tenant service to activate a tenant that finished provisioning.</summary>
public sealed record ActivateTenant(Guid ProvisioningId, Guid TenantId, Guid PartnerId);

/// <summary>Compensation: the tenant's provisioning failed; it must not stay active.</summary>
public sealed record FailTenantProvisioning(Guid ProvisioningId, Guid TenantId, Guid PartnerId, string Code);

public sealed record TenantCreated(Guid ProvisioningId, Guid TenantId, Guid PartnerId, string Name, string Slug, string Status, DateTimeOffset OccurredAt);

public sealed record TenantCreationRejected(Guid ProvisioningId, Guid TenantId, Guid PartnerId, string Code, string Message, DateTimeOffset OccurredAt);

public sealed record TenantStatusChanged(Guid TenantId, Guid PartnerId, string Status, string PreviousStatus, DateTimeOffset OccurredAt);

public sealed record TenantRenamed(Guid TenantId, Guid PartnerId, string Name, string PreviousName, DateTimeOffset OccurredAt);
