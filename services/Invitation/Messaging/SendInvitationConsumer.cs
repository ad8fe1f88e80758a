using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Invitation.Data;
using WebWaka.Invitation.Domain;
using WebWaka.Messaging;

namespace WebWaka.Invitation.Messaging;

/// <summary>
/// Makes the invitation and emails its token; InvitationSent is published only once the mail server took the email.
/// Idempotent by InvitationId: once the email went out, a redelivery does nothing. If the email fails the consumer
/// throws, so the message is retried; as only the hash of the first token was kept, the retry makes a new token and
/// sends that one. When the tries run out the message faults, and the flow that asked gives up (INVITATION_NOT_SENT).
/// </summary>
public sealed class SendInvitationConsumer(InvitationDbContext database, IInvitationMailer mailer, InvitationSettings settings, TimeProvider clock)
    : IConsumer<SendInvitation>
{
    public async Task Consume(ConsumeContext<SendInvitation> context)
    {
        var message = context.Message;
        if (!Domain.Invitation.CanGrant(message.Role) || string.IsNullOrWhiteSpace(message.Email) ||
            (message.Role == Roles.TenantAdmin && message.TenantId is null))
        {
            throw new ArgumentException($"Invitation {message.InvitationId} cannot be sent: it needs an email and PARTNER_ADMIN, or TENANT_ADMIN with a tenant.");
        }

        var invitation = await database.Invitations.SingleOrDefaultAsync(i => i.Id == message.InvitationId, context.CancellationToken);
        if (invitation is not null && !invitation.AwaitsEmail)
        {
            // Its email went out already, or it was revoked before one could: nothing to send.
            return;
        }

        if (invitation is null && await database.EarlyRevocations.AnyAsync(r => r.InvitationId == message.InvitationId, context.CancellationToken))
        {
            // The flow that asked for it gave up before it got here.
            return;
        }

        var token = InvitationToken.New();
        var now = clock.GetUtcNow();
        if (invitation is null)
        {
            invitation = Domain.Invitation.Unsent(message.InvitationId, message.Email, message.Name, message.Role, message.PartnerId, message.TenantId,
                message.OrganisationName?.Trim(), now, settings.Lifetime, provisioningId: message.ProvisioningId);
            database.Invitations.Add(invitation);
        }

        invitation.TokenHash = token.Hash;

        await database.SaveChangesAsync(context.CancellationToken);

        await mailer.SendAsync(invitation, token, context.CancellationToken);

        invitation.EmailSentAt = clock.GetUtcNow();
        database.Publish(new InvitationSent(invitation.Id, invitation.Email, invitation.Role, invitation.PartnerId, invitation.TenantId,
            invitation.ProvisioningId, invitation.ExpiresAt, invitation.EmailSentAt.Value));
        await database.SaveChangesAsync(context.CancellationToken);
    }
}
