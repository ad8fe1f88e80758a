using MimeKit;

namespace WebWaka.Invitation.Messaging;

/// <summary>How invitations are made and sent: the "Invitations" configuration section.</summary>
public sealed class InvitationSettings
{
    public const string Section = "Invitations";

    /// <summary>How long a token can be accepted after the invitation is made.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The page that accepts an invitation; the token is appended to it.</summary>
    public string AcceptUrlBase { get; init; } = "http://localhost:8080/invitations/";

    public string From { get; init; } = "WebWaka <no-reply@webwaka.local>";

    /// <summary>
    /// How long to wait before each new try of an email that failed; after the last, the invitation is not sent.
    /// Unset, 1, 5, 15 and 30 seconds (a default here would be added to by the configuration binder, not replaced).
    /// </summary>
    public TimeSpan[] EmailRetryIntervals { get; init; } = [];

    public IReadOnlyList<TimeSpan> EmailRetries => EmailRetryIntervals is [] ? DefaultEmailRetries : EmailRetryIntervals;

    private static readonly TimeSpan[] DefaultEmailRetries =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    /// <summary>Reads and checks the section at start-up, so a bad value stops the service rather than an email.</summary>
    public static InvitationSettings Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<InvitationSettings>() ?? new InvitationSettings();

        if (settings.Lifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:Lifetime must be positive.");
        }

        if (!Uri.IsWellFormedUriString(settings.AcceptUrlBase, UriKind.Absolute))
        {
            throw new InvalidOperationException($"{Section}:AcceptUrlBase must be an absolute URL.");
        }

        if (settings.EmailRetryIntervals.Any(interval => interval < TimeSpan.Zero))
        {
            throw new InvalidOperationException($"{Section}:EmailRetryIntervals cannot be negative.");
        }

        if (!MailboxAddress.TryParse(settings.From, out _))
        {
            throw new InvalidOperationException($"{Section}:From must be a mailbox, such as 'WebWaka <no-reply@example.com>'.");
        }

        return settings;
    }
}
