namespace WebWaka.Contracts;

/// <summary>Asks the Invitation service to invite someone by email to administer a partner or a tenant.</summary>
/// <param name="OrganisationName">The partner's or tenant's name, for the email; the ids alone mean nothing to the invitee.</param>
public sealed record SendInvitation(Guid InvitationId, string Email, string Name, string Role, Guid PartnerId, Guid? TenantId, Guid? ProvisioningId,
    string? OrganisationName = null);

/// <summary>Compensation: revokes an invitation a failed provisioning sent.</summary>
public sealed record RevokeInvitation(Guid InvitationId, Guid? ProvisioningId);

public sealed record InvitationSent(Guid InvitationId, string Email, string Role, Guid PartnerId, Guid? TenantId, Guid? ProvisioningId, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt);

public sealed record InvitationRevoked(Guid InvitationId, Guid PartnerId, Guid? TenantId, Guid? ProvisioningId, DateTimeOffset OccurredAt);

public sealed record InvitationAccepted(Guid InvitationId, Guid UserId, string Email, string Role, Guid PartnerId, Guid? TenantId, DateTimeOffset OccurredAt);
