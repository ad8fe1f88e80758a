using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace WebWaka.AppHost.Resources;

/// <summary>
/// A RabbitMQ node run from this machine's binaries, with its own ports, users and data folder. Aspire's own
/// RabbitMQ resource is a container, and no container engine runs here. Its connection string is the operator's (all
/// rights, no service has it); each service connects as a user of its own (<see cref="RabbitMQBuilderExtensions.WithBusUser"/>).
/// </summary>
public sealed class RabbitMQServerResource(string name, string dataFolder, ParameterResource password)
    : ExecutableResource(name, "/usr/lib/rabbitmq/bin/rabbitmq-server", dataFolder), IResourceWithConnectionString
{
    public const string UserName = "webwaka";

    public EndpointReference Endpoint => new(this, "amqp");

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ConnectionStringOf(UserName, Password);

    /// <summary>The users the node knows, besides the operator, and what each may do.</summary>
    internal List<(string Name, ParameterResource Password, BrokerPermissions Permissions)> Users { get; } = [];

    internal ReferenceExpression ConnectionStringOf(string user, ParameterResource password) => ReferenceExpression.Create(
        $"amqp://{user}:{password}@127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");
}

/// <summary>
/// The Erlang port mapper the node registers with, run in the foreground as a resource of its own: left to the
/// node, it would start one that outlives it.
/// </summary>
public sealed class ErlangPortMapperResource(string name, string workingDirectory)
    : ExecutableResource(name, "/usr/bin/epmd", workingDirectory);

public static class RabbitMQBuilderExtensions
{
    /// <summary>
    /// A RabbitMQ node on loopback ports Aspire picks, its data kept under the data folder. Node and port mapper listen
    /// on their ports themselves: a broker gains nothing from a proxy in front of it.
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name, LocalData data)
    {
        var password = builder.AddParameter($"{name}-password", data.Secret($"{name}-password"), secret: true);
        var folder = data.FolderOf(name);
        var node = new RabbitMQServerResource(name, folder, password.Resource);
        var mapper = new ErlangPortMapperResource($"{name}-epmd", folder);
        var mapperEndpoint = new EndpointReference(mapper, "tcp");
        var distribution = new EndpointReference(node, "dist");

        var epmd = builder.AddResource(mapper)
            .WithArgs("-port", mapperEndpoint.Property(EndpointProperty.TargetPort), "-address", "127.0.0.1")
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithHealthCheck(AddCheck(builder, $"{name}-epmd-listens", cancellationToken => ListensAsync(mapperEndpoint, cancellationToken)));

        builder.Eventing.Subscribe<BeforeStartEvent>(async (_, cancellationToken) =>
        {
            Directory.CreateDirectory(Path.Combine(folder, "home"));
            var definitions = Path.Combine(folder, "definitions.json");
            await WriteDefinitionsAsync(node, definitions, cancellationToken);
            // The default user (the operator) is made when the node first creates its database, so no 'guest' ever is;
            // the definitions, loaded at every boot, keep every user's password and permissions as AppHost says.
            await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq.conf"), $"""
                default_user = {RabbitMQServerResource.UserName}
                default_pass = {await password.Resource.GetValueAsync(cancellationToken)}
                load_definitions = {definitions}
                # Health probes connect every few seconds; their connections are not news.
                log.connection.level = warning
                """, cancellationToken);
            // The operator's password, and every user's hash: for the node's own user only.
            foreach (var secretFile in new[] { definitions, Path.Combine(folder, "rabbitmq.conf") })
            {
                File.SetUnixFileMode(secretFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].\n", cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq-env.conf"), "", cancellationToken);
        });

        return builder.AddResource(node)
            .WithEnvironment("HOME", Path.Combine(folder, "home"))
            .WithEnvironment("RABBITMQ_NODENAME", "webwaka@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", $"{node.Endpoint.Property(EndpointProperty.TargetPort)}")
            // Without it RabbitMQ derives the distribution port from the AMQP port, which can collide.
            .WithEnvironment("RABBITMQ_DIST_PORT", $"{distribution.Property(EndpointProperty.TargetPort)}")
            .WithEnvironment("ERL_EPMD_PORT", $"{mapperEndpoint.Property(EndpointProperty.TargetPort)}")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            // Its own port mapper (above), and the distribution port on loopback only: nothing outside joins this node.
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}")
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(folder, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(folder, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(folder, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(folder, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(folder, "rabbitmq-env.conf"))
            .WithEnvironment("RABBITMQ_PID_FILE", Path.Combine(folder, "rabbitmq.pid"))
            .WithEndpoint(name: "amqp", scheme: "tcp", isProxied: false)
            .WithEndpoint(name: "dist", scheme: "tcp", isProxied: false)
            .WithHealthCheck(AddCheck(builder, $"{name}-accepts-connections", cancellationToken => AcceptsConnectionsAsync(node, cancellationToken)))
            .WithIconName("Mail")
            .WaitFor(epmd);
    }

    /// <summary>
    /// The service connects to the bus as a user of its own, named after it, with a password AppHost keeps in the data
    /// folder and permissions limited to what <paramref name="access"/> says it publishes and consumes.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBusUser(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<RabbitMQServerResource> broker, LocalData data, BusAccess access)
    {
        var user = service.Resource.Name;
        var password = service.ApplicationBuilder.AddParameter($"{broker.Resource.Name}-{user}-password", data.Secret($"{broker.Resource.Name}-{user}-password"), secret: true);
        var ownNamespace = Path.GetFileNameWithoutExtension(service.Resource.GetProjectMetadata().ProjectPath);
        broker.Resource.Users.Add((user, password.Resource, access.For(user, ownNamespace)));
        return service
            .WithEnvironment($"ConnectionStrings__{broker.Resource.Name}", broker.Resource.ConnectionStringOf(user, password.Resource))
            .WithReferenceRelationship(broker)
            .WaitFor(broker);
    }

    /// <summary>RabbitMQ's definitions: the operator with every right, and each service's user with its own.</summary>
    private static async Task WriteDefinitionsAsync(RabbitMQServerResource node, string file, CancellationToken cancellationToken)
    {
        var users = new List<(string Name, ParameterResource Password, BrokerPermissions Permissions, string[] Tags)>
        {
            (RabbitMQServerResource.UserName, node.Password, BrokerPermissions.All, ["administrator"]),
        };
        users.AddRange(node.Users.Select(user => (user.Name, user.Password, user.Permissions, Array.Empty<string>())));

        var entries = new List<object>();
        foreach (var user in users)
        {
            entries.Add(new
            {
                name = user.Name,
                password_hash = PasswordHash(await user.Password.GetValueAsync(cancellationToken) ?? ""),
                hashing_algorithm = "rabbit_password_hashing_sha256",
                tags = user.Tags,
            });
        }

        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            users = entries,
            vhosts = new[] { new { name = "/" } },
            permissions = users.Select(user => new
            {
                user = user.Name,
                vhost = "/",
                configure = user.Permissions.Configure,
                write = user.Permissions.Write,
                read = user.Permissions.Read,
            }),
        }), cancellationToken);
    }

    /// <summary>RabbitMQ's salted SHA-256: four random bytes of salt, then SHA-256 of salt and password, in base64.</summary>
    private static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        return Convert.ToBase64String([.. salt, .. SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)])]);
    }

    private static string AddCheck(IDistributedApplicationBuilder builder, string name, Func<CancellationToken, Task<HealthCheckResult>> check)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(name, check);
        return name;
    }

    private static async Task<HealthCheckResult> AcceptsConnectionsAsync(RabbitMQServerResource node, CancellationToken cancellationToken)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri(await node.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? ""),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
                AutomaticRecoveryEnabled = false,
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    private static async Task<HealthCheckResult> ListensAsync(EndpointReference endpoint, CancellationToken cancellationToken)
    {
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("Not started yet.");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", endpoint.Port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
