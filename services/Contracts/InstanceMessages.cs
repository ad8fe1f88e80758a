namespace WebWaka.Contracts;

public sealed record Branding(string DisplayName, string? LogoUrl, string? PrimaryColor, string? AccentColor);

/// <summary>Asks the Instance service for a tenant's instance with its suites, branding and optional domain.</summary>
public sealed record CreateInstance(Guid ProvisioningId, Guid InstanceId, Guid TenantId, Guid PartnerId, string Name,
    IReadOnlyList<string> Suites, Branding? Branding, string? Domain);

/// <summary>Compensation: removes an instance a failed provisioning created, and frees its domain.</summary>
public sealed record RemoveInstance(Guid ProvisioningId, Guid InstanceId, Guid TenantId, Guid PartnerId);

/// <summary>An instance exists; <see cref="ProvisioningId"/> names the Create Client Platform flow that made it, if one did.</summary>
public sealed record InstanceCreated(Guid? ProvisioningId, Guid InstanceId, Guid TenantId, Guid PartnerId, string Name,
    IReadOnlyList<string> Suites, DateTimeOffset OccurredAt);

public sealed record InstanceCreationRejected(Guid ProvisioningId, Guid InstanceId, Guid TenantId, Guid PartnerId, string Code, string Message, DateTimeOffset OccurredAt);

public sealed record InstanceRemoved(Guid? ProvisioningId, Guid InstanceId, Guid TenantId, Guid PartnerId, DateTimeOffset OccurredAt);

public sealed record InstanceRenamed(Guid InstanceId, Guid TenantId, Guid PartnerId, string Name, string PreviousName, DateTimeOffset OccurredAt);

public sealed record InstanceSuitesChanged(Guid InstanceId, Guid TenantId, Guid PartnerId, IReadOnlyList<string> Suites,
    IReadOnlyList<string> PreviousSuites, DateTimeOffset OccurredAt);

public sealed record InstanceBrandingChanged(Guid InstanceId, Guid TenantId, Guid PartnerId, Branding Branding, Branding? PreviousBranding,
    DateTimeOffset OccurredAt);

public sealed record DomainMapped(Guid InstanceId, Guid TenantId, Guid PartnerId, string Hostname, DateTimeOffset OccurredAt);

public sealed record DomainUnmapped(Guid InstanceId, Guid TenantId, Guid PartnerId, string Hostname, DateTimeOffset OccurredAt);
