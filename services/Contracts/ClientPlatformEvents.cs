namespace WebWaka.Contracts;

/// <summary>A partner's client platform is provisioned: its tenant is active, its instance exists, its admin is invited.</summary>
public sealed record ClientPlatformCreated(Guid ProvisioningId, Guid TenantId, Guid InstanceId, Guid InvitationId, Guid PartnerId, DateTimeOffset OccurredAt);

/// <summary>Provisioning failed with a code (SLUG_TAKEN, DOMAIN_TAKEN, PARTNER_NOT_ACTIVE...) and was undone.</summary>
public sealed record ClientPlatformCreationFailed(Guid ProvisioningId, Guid PartnerId, string Code, string Message, DateTimeOffset OccurredAt);
