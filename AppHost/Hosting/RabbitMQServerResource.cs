using RabbitMQ.Client;

namespace WebWaka.AppHost.Hosting;

/// <summary>A RabbitMQ node run from the machine's own binaries, with its own epmd, ports and data folder.</summary>
public sealed class RabbitMQServerResource(string name) : ProcessResource(name), IResourceWithConnectionString
{
    // The script itself: the /usr/sbin wrapper switches user.
    private const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public override string Kind => "RabbitMQ";

    public string GetConnectionString(ResourceContext context) =>
        $"amqp://guest:guest@127.0.0.1:{context.GetPort(this, "amqp")}";

    public override async Task PrepareAsync(ResourceContext context, Action<string> log, CancellationToken cancellationToken)
    {
        var folder = context.DataDirectoryOf(this);
        Directory.CreateDirectory(Path.Combine(folder, "home"));
        Directory.CreateDirectory(Path.Combine(folder, "log"));
        await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq.conf"), "loopback_users.guest = true\n# Health probes connect every few seconds; their connections are not news.\nlog.connection.level = warning\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq-env.conf"), "", cancellationToken);

        // An epmd left behind by a run that was killed would answer for a node that is gone.
        await StopEpmdAsync(context, log);
    }

    public override ProcessSpec GetProcessSpec(ResourceContext context, int replica)
    {
        var folder = context.DataDirectoryOf(this);
        var environment = NodeEnvironment(context);
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = context.GetPort(this, "amqp").ToString();
        // Without it RabbitMQ derives the distribution port from the AMQP port, which can collide.
        environment["RABBITMQ_DIST_PORT"] = context.GetPort(this, "dist").ToString();
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log");
        environment["RABBITMQ_LOGS"] = "-";
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq.conf");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins");
        environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder, "rabbitmq-env.conf");
        environment["RABBITMQ_PID_FILE"] = Path.Combine(folder, "rabbitmq.pid");
        return new ProcessSpec(Server, [], folder, context.BuildEnvironment(this, replica, environment));
    }

    public override async Task<HealthResult> CheckHealthAsync(ResourceContext context, int replica, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri(GetConnectionString(context)),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                AutomaticRecoveryEnabled = false,
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthResult.Healthy;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthResult.Unhealthy(ex.Message);
        }
    }

    public override TimeSpan StopTimeout => TimeSpan.FromSeconds(12);

    // The node's epmd daemonizes out of the process group, so it is ended by name and port.
    public override Task AfterStopAsync(ResourceContext context, Action<string> log) => StopEpmdAsync(context, log);

    private async Task StopEpmdAsync(ResourceContext context, Action<string> log)
    {
        var environment = NodeEnvironment(context);
        await CommandLine.TryRunAsync("/usr/bin/epmd", ["-kill"], environment, log);
    }

    private Dictionary<string, string> NodeEnvironment(ResourceContext context) => new()
    {
        ["HOME"] = Path.Combine(context.DataDirectoryOf(this), "home"),
        ["RABBITMQ_NODENAME"] = "webwaka@localhost",
        ["ERL_EPMD_PORT"] = context.GetPort(this, "epmd").ToString(),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
    };
}
