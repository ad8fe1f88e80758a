namespace WebWaka.AppHost.Hosting;

/// <summary>The development mail catcher (maildev from npm): an SMTP server and a web inbox.</summary>
public sealed class MailDevResource(string name) : ProcessResource(name), IResourceWithConnectionString
{
    public override string Kind => "MailDev";

    /// <summary>Where './webwaka' installs maildev.</summary>
    public static string InstallFolder(string repositoryRoot) => Path.Combine(repositoryRoot, ".webwaka", "tools");

    // Shaped like Aspire's MailDev integration: an smtp:// endpoint.
    public string GetConnectionString(ResourceContext context) => $"Endpoint=smtp://127.0.0.1:{context.GetPort(this, "smtp")}";

    public override ProcessSpec GetProcessSpec(ResourceContext context, int replica)
    {
        var script = Path.Combine(InstallFolder(context.Options.RepositoryRoot), "node_modules", "maildev", "bin", "maildev");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"maildev is not installed at '{script}': './webwaka up' installs it.");
        }

        var mailFolder = Path.Combine(context.DataDirectoryOf(this), "mail");
        Directory.CreateDirectory(mailFolder);
        return new ProcessSpec(
            "node",
            [
                script,
                "--smtp", context.GetPort(this, "smtp").ToString(), "--ip", "127.0.0.1",
                "--web", context.GetPort(this, "http").ToString(), "--web-ip", "127.0.0.1",
                "--mail-directory", mailFolder,
            ],
            context.DataDirectoryOf(this),
            context.BuildEnvironment(this, replica));
    }

    public override Task<HealthResult> CheckHealthAsync(ResourceContext context, int replica, CancellationToken cancellationToken) =>
        HealthProbe.GetAsync($"{context.GetUrl(this, "http")}/healthz", cancellationToken);
}
