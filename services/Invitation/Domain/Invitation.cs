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

    public DateTimeOffset ExpiresAt { get; set; }

    public InvitationStatus Status { get; set; }

    public DateTimeOffset? EmailSentAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Idempotency-Key of the request that made it through the API, scoped to its partner.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 of that request, to tell a repeat from another request under the same key.</summary>
    public string? RequestHash { get; init; }

    /// <summary>A new invitation whose email is still to go out; until then no token opens it.</summary>
    public static Invitation Unsent(Guid id, string email, string name, string role, Guid partnerId, Guid? tenantId, string? organisationName,
        DateTimeOffset now, TimeSpan lifetime, Guid? provisioningId = null, string? idempotencyKey = null, string? requestHash = null) => new()
    {
        Id = id,
        ProvisioningId = provisioningId,
        Email = email.Trim().ToLowerInvariant(),
        Name = name.Trim(),
        Role = role,
        PartnerId = partnerId,
        TenantId = tenantId,
        OrganisationName = organisationName,
        TokenHash = InvitationToken.New().Hash,
        ExpiresAt = now + lifetime,
        Status = InvitationStatus.Pending,
        CreatedAt = now,
        IdempotencyKey = idempotencyKey,
        RequestHash = requestHash,
    };

    /// <summary>What the invitee's side sees: pending turns expired once its time is up.</summary>
    public string StatusAt(DateTimeOffset now) => Status == InvitationStatus.Pending && now >= ExpiresAt ? "Expired" : Status.ToString();

    /// <summary>
    /// Sends it again with a new token and a new expiry; the token sent before opens nothing from now on. Only a pending
    /// invitation (expired or not) can be sent again.
    /// </summary>
    public bool TryResend(DateTimeOffset now, TimeSpan lifetime)
    {
        if (Status != InvitationStatus.Pending)
        {
            return false;
        }

        TokenHash = InvitationToken.New().Hash;
        EmailSentAt = null;
        ExpiresAt = now + lifetime;
        return true;
    }

    /// <summary>Withdraws a pending invitation; false for an accepted one.</summary>
    public bool TryRevoke()
    {
        if (Status == InvitationStatus.Accepted)
        {
            return false;
        }

        Status = InvitationStatus.Revoked;
        return true;
    }

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
