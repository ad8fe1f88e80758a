namespace WebWaka.Invitation.Domain;

/// <summary>
/// A revocation that arrived before the invitation it revokes (a flow gave up on a step whose SendInvitation was still
/// queued): kept, so that when the SendInvitation comes it makes nothing and sends no email.
/// </summary>
public sealed class EarlyRevocation
{
    public Guid InvitationId { get; init; }

    public DateTimeOffset RevokedAt { get; init; }
}
