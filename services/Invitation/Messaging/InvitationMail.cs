using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using WebWaka.Contracts;
using WebWaka.Invitation.Domain;

namespace WebWaka.Invitation.Messaging;

/// <summary>Sends an invitation's email; throws if the mail server does not take it.</summary>
public interface IInvitationMailer
{
    Task SendAsync(Domain.Invitation invitation, InvitationToken token, CancellationToken cancellationToken);
}

/// <summary>
/// The SMTP server of <c>ConnectionStrings__{name}</c>, in Aspire's MailDev shape:
/// <c>Endpoint=smtp://host:port</c>, optionally with <c>Username</c> and <c>Password</c>.
/// </summary>
public sealed record SmtpEndpoint(Uri Endpoint, NetworkCredential? Credentials)
{
    public static SmtpEndpoint Parse(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint?.ToString(), UriKind.Absolute, out var uri) ||
            uri.Scheme is not ("smtp" or "smtps"))
        {
            throw new InvalidOperationException("The mail connection string needs Endpoint=smtp://host:port (or smtps://).");
        }

        return new SmtpEndpoint(uri, parts.TryGetValue("Username", out var username)
            ? new NetworkCredential(username.ToString(), parts.TryGetValue("Password", out var password) ? password.ToString() : "")
            : null);
    }
}

/// <summary>
/// Emails over SMTP with MailKit, on connections kept open between emails: opening one costs a mail server's greeting
/// (the local catcher holds every new client 100 ms to catch early talkers; real servers often pause longer), far more
/// than an email. A connection idle past <see cref="IdleLimit"/> is closed rather than reused, before the server closes
/// it; one that went stale anyway fails its next email, which is tried once more on a new connection.
/// </summary>
public sealed class SmtpSender(SmtpEndpoint smtp, TimeProvider clock) : IAsyncDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);
    private const int MostIdle = 16;

    private readonly ConcurrentBag<(SmtpClient Client, DateTimeOffset IdleSince)> _idle = [];

    /// <summary>Throws if the mail server does not take the email.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        for (var first = true; ; first = false)
        {
            var (client, reused) = first ? await TakeAsync(cancellationToken) : (await ConnectAsync(cancellationToken), false);
            try
            {
                await client.SendAsync(message, cancellationToken);
                Return(client);
                return;
            }
            catch (Exception ex)
            {
                client.Dispose();
                if (!(reused && WentStale(ex)))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>What a kept connection that the server (or the network) closed fails with at its next command.</summary>
    private static bool WentStale(Exception ex) => ex is IOException or ServiceNotConnectedException or SmtpProtocolException
        or SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };

    private async Task<(SmtpClient Client, bool Reused)> TakeAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.Client.IsConnected && clock.GetUtcNow() - idle.IdleSince < IdleLimit)
            {
                return (idle.Client, true);
            }

            await CloseAsync(idle.Client);
        }

        return (await ConnectAsync(cancellationToken), false);
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            // smtps:// is TLS from the first byte; on smtp:// TLS is used when the server offers it (the local catcher does not).
            var security = smtp.Endpoint.Scheme == "smtps" ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await client.ConnectAsync(smtp.Endpoint.Host, smtp.Endpoint.Port, security, cancellationToken);
            if (smtp.Credentials is { } credentials)
            {
                await client.AuthenticateAsync(credentials, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Return(SmtpClient client)
    {
        if (_idle.Count < MostIdle)
        {
            _idle.Add((client, clock.GetUtcNow()));
        }
        else
        {
            _ = CloseAsync(client);
        }
    }

    private static async Task CloseAsync(SmtpClient client)
    {
        using (client)
        {
            try
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or ProtocolException or InvalidOperationException)
            {
                // A connection that is gone needs no goodbye.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle))
        {
            await CloseAsync(idle.Client);
        }
    }
}

/// <summary>The invitation email: the link to accept it, and the code.</summary>
public sealed class SmtpInvitationMailer(SmtpSender smtp, InvitationSettings settings) : IInvitationMailer
{
    public Task SendAsync(Domain.Invitation invitation, InvitationToken token, CancellationToken cancellationToken) =>
        smtp.SendAsync(Compose(invitation, token), cancellationToken);

    private MimeMessage Compose(Domain.Invitation invitation, InvitationToken token)
    {
        var role = invitation.Role == Roles.PartnerAdmin ? "partner admin" : "tenant admin";
        var organisation = invitation.OrganisationName
            ?? (invitation.Role == Roles.PartnerAdmin ? "your partner organisation" : "your client platform");
        var link = settings.AcceptUrlBase + token.Value;
        var expires = invitation.ExpiresAt.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

        var message = new MimeMessage
        {
            Subject = $"You are invited to administer {organisation} on WebWaka as {role}",
            Body = new BodyBuilder
            {
                TextBody = $"""
                    Hello {invitation.Name},

                    You are invited to administer {organisation} on WebWaka as {role}.

                    Accept the invitation and choose your password:
                    {link}

                    Or enter this invitation code on the invitation page:
                    {token.Value}

                    The invitation can be accepted once, until {expires}. If you did not expect it, ignore this email.
                    """,
                HtmlBody = $"""
                    <p>Hello {WebUtility.HtmlEncode(invitation.Name)},</p>
                    <p>You are invited to administer <strong>{WebUtility.HtmlEncode(organisation)}</strong> on WebWaka as {role}.</p>
                    <p><a href="{WebUtility.HtmlEncode(link)}">Accept the invitation and choose your password</a></p>
                    <p>Or enter this invitation code on the invitation page: <code>{token.Value}</code></p>
                    <p>The invitation can be accepted once, until {expires}. If you did not expect it, ignore this email.</p>
                    """,
            }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(invitation.Name, invitation.Email));
        return message;
    }
}

public static class InvitationMailExtensions
{
    /// <summary>Sends invitation emails through the SMTP server named by <c>ConnectionStrings__{connectionName}</c>.</summary>
    public static IHostApplicationBuilder AddInvitationMail(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings__{connectionName} is not set: run the service through AppHost, or set it.");
        builder.Services.AddSingleton(SmtpEndpoint.Parse(connectionString));
        builder.Services.AddSingleton<SmtpSender>();
        builder.Services.AddSingleton<IInvitationMailer, SmtpInvitationMailer>();
        return builder;
    }
}
