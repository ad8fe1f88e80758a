namespace WebWaka.AppHost.Resources;

/// <summary>The development mail catcher (maildev from npm): an SMTP server and a web inbox of every email sent.</summary>
public sealed class MailDevResource(string name, string workingDirectory)
    : ExecutableResource(name, "node", workingDirectory), IResourceWithConnectionString
{
    public EndpointReference Smtp => new(this, "smtp");

    public EndpointReference Inbox => new(this, "http");

    // Shaped like the MailDev integration of the Aspire community toolkit: an smtp:// endpoint.
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Endpoint=smtp://127.0.0.1:{Smtp.Property(EndpointProperty.Port)}");
}

public static class MailDevBuilderExtensions
{
    /// <summary>Where './webwaka' installs maildev.</summary>
    public static string InstallFolder => Path.Combine(LocalData.RepositoryRoot, ".webwaka", "tools");

    public static IResourceBuilder<MailDevResource> AddMailDev(this IDistributedApplicationBuilder builder, string name, LocalData data)
    {
        var script = Path.Combine(InstallFolder, "node_modules", "maildev", "dist", "bin", "maildev.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"maildev is not installed at '{script}': './webwaka up' installs it.");
        }

        var folder = data.FolderOf(name);
        var mail = new MailDevResource(name, folder);
        return builder.AddResource(mail)
            .WithArgs(script,
                "--smtp", mail.Smtp.Property(EndpointProperty.TargetPort), "--ip", "127.0.0.1",
                "--web", mail.Inbox.Property(EndpointProperty.TargetPort), "--web-ip", "127.0.0.1",
                "--mail-directory", Directory.CreateDirectory(Path.Combine(folder, "mail")).FullName)
            // maildev listens on both ports itself, with no proxy in front of it.
            .WithEndpoint(name: "smtp", scheme: "smtp", isProxied: false)
            .WithHttpEndpoint(isProxied: false)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Inbox")
            .WithHttpHealthCheck("/api/healthz")
            .WithIconName("MailInbox");
    }
}
