using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Invitation.Data;
using WebWaka.Invitation.Domain;
using WebWaka.Messaging;

namespace WebWaka.Invitation.Messaging;

/// <summary>
/// Compensation: a pending invitation becomes revoked, so its token no longer opens anything. An accepted or already
/// revoked invitation is left as it is, which makes a redelivery harmless; one not made yet is remembered as revoked,
/// so its SendInvitation, when it comes, sends nothing.
/// </summary>
public sealed class RevokeInvitationConsumer(InvitationDbContext database, TimeProvider clock) : IConsumer<RevokeInvitation>
{
    public async Task Consume(ConsumeContext<RevokeInvitation> context)
    {
        var invitation = await database.Invitations.SingleOrDefaultAsync(i => i.Id == context.Message.InvitationId, context.CancellationToken);
        if (invitation is null)
        {
            await RememberAsync(context.Message.InvitationId, context.CancellationToken);
            return;
        }

        if (invitation.Status != InvitationStatus.Pending)
        {
            return;
        }

        invitation.Status = InvitationStatus.Revoked;
        database.Publish(new InvitationRevoked(invitation.Id, invitation.PartnerId, invitation.TenantId, invitation.ProvisioningId, clock.GetUtcNow()));
        // An accept that claimed the invitation meanwhile makes this fail on the status check; the retry then finds it accepted.
        await database.SaveChangesAsync(context.CancellationToken);
    }

    private async Task RememberAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        database.EarlyRevocations.Add(new EarlyRevocation { InvitationId = invitationId, RevokedAt = clock.GetUtcNow() });
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Remembered already, by a redelivery.
        }
    }
}
