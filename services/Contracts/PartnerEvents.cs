namespace WebWaka.Contracts;

public sealed record PartnerCreated(Guid PartnerId, string Name, string Slug, string Status, DateTimeOffset OccurredAt);

public sealed record PartnerStatusChanged(Guid PartnerId, string Status, DateTimeOffset OccurredAt);

/// <summary>
/// A change a person made, for the audit trail: who (user id, email and role), for which partner, to what
/// (an entity and its id), the action, and the values before and after as JSON objects (null where there were none).
/// Published in the same transaction as the change; the Partner service keeps the trail.
/// </summary>
public sealed record AuditRecorded(Guid EntryId, Guid? PartnerId, Guid? ActorId, string? ActorEmail, string? ActorRole,
    string Entity, string EntityId, string Action, string? Before, string? After, DateTimeOffset OccurredAt, Guid? ClientId = null);

/// <summary>A user's account was removed: they cannot sign in, and their tokens are refused from now on.</summary>
public sealed record UserRemoved(Guid UserId, Guid? PartnerId, string Email, string Role, DateTimeOffset OccurredAt);

/// <summary>Someone asked to become a partner; the Invitation service acknowledges it by email.</summary>
public sealed record PartnerApplicationReceived(Guid ApplicationId, string OrganisationName, string ContactName, string ContactEmail, DateTimeOffset OccurredAt);

/// <summary>An application became a partner, whose first admin (the applicant) is invited by email.</summary>
public sealed record PartnerApplicationApproved(Guid ApplicationId, Guid PartnerId, DateTimeOffset OccurredAt);

/// <summary>An application was turned down; the Invitation service emails the applicant the reason.</summary>
public sealed record PartnerApplicationRejected(Guid ApplicationId, string OrganisationName, string ContactName, string ContactEmail, string Reason,
    DateTimeOffset OccurredAt);
