using WebWaka.Contracts;

namespace WebWaka.Invitation.Domain;

/// <summary>An invitation to become an admin; its token is sent by email and kept only as a hash.</summary>
public sealed class Invitation
{
    /// <summary>The id the sender chose (SendInvitation's InvitationId), so a redelivered message finds it.</summary>
    public Guid Id { get; init; }

    /// <summary>Lower-cased, as the account it becomes.</summary>
    public required string Email { get; init; }

    public required string Name { get; init; }

    public required string Role { get; init; }

    public Guid PartnerId { get; init; }

    public Guid? TenantId { get; init; }

    public Guid? ProvisioningId { get; init; }

    /// <summary>The partner or tenant the invitee will administer, as the email names it.</summary>
    public string? OrganisationName { get; init; }

    /// <summary>SHA-256 of the token, in hex; replaced when an unsent email is sent again with a new token.</summary>
    public required string TokenHash { get; set; }

    public DateTimeOffset ExpiresAt { get; init; }

    public InvitationStatus Status { get; set; }

    public DateTimeOffset? EmailSentAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The roles an invitation can grant: never SUPER_ADMIN.</summary>
    public static bool CanGrant(string? role) => role is Roles.PartnerAdmin or Roles.TenantAdmin;

    /// <summary>Whether its email still has to go out: it is pending and no email was sent.</summary>
    public bool AwaitsEmail => Status == InvitationStatus.Pending && EmailSentAt is null;

    /// <summary>What presenting this invitation's token at <paramref name="now"/> answers.</summary>
    public TokenCheck CheckToken(DateTimeOffset now) => Status switch
    {
        // A used or revoked invitation says so even once it is past its expiry: that is what happened to it.
        InvitationStatus.Accepted => TokenCheck.AlreadyUsed,
        InvitationStatus.Revoked => TokenCheck.Revoked,
        _ when now >= ExpiresAt => TokenCheck.Expired,
        _ => TokenCheck.Usable,
    };
}

public enum InvitationStatus { Pending, Accepted, Revoked }

public enum TokenCheck { Usable, Expired, Revoked, AlreadyUsed }
