using System.Net;
using MassTransit;
using MimeKit;
using WebWaka.Contracts;

namespace WebWaka.Invitation.Messaging;

/// <summary>
/// The emails of "Become a Partner": an acknowledgement when an application arrives, and the reason when it is turned
/// down (an approval's email is the first admin's invitation). A redelivered event may send its email twice: better
/// than none.
/// </summary>
public sealed class ApplicationMailConsumer(SmtpSender smtp, InvitationSettings settings)
    : IConsumer<PartnerApplicationReceived>, IConsumer<PartnerApplicationRejected>
{
    public Task Consume(ConsumeContext<PartnerApplicationReceived> context)
    {
        var application = context.Message;
        return SendAsync(application.ContactName, application.ContactEmail, $"We received {application.OrganisationName}'s application to become a WebWaka partner",
            $"""
            Hello {application.ContactName},

            Thank you for applying to become a WebWaka partner with {application.OrganisationName}. We review every application
            and will write to you at this address once we have.
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<PartnerApplicationRejected> context)
    {
        var application = context.Message;
        return SendAsync(application.ContactName, application.ContactEmail, $"{application.OrganisationName}'s application to become a WebWaka partner",
            $"""
            Hello {application.ContactName},

            Thank you for applying to become a WebWaka partner with {application.OrganisationName}. We cannot accept the
            application at this time, for this reason:

            {application.Reason}
            """, context.CancellationToken);
    }

    private Task SendAsync(string name, string email, string subject, string text, CancellationToken cancellationToken)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            Body = new BodyBuilder
            {
                TextBody = text,
                HtmlBody = string.Join("", text.Split("\n\n").Select(paragraph => $"<p>{WebUtility.HtmlEncode(paragraph.Trim())}</p>")),
            }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(name, email));
        return smtp.SendAsync(message, cancellationToken);
    }
}
