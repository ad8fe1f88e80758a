using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace WebWaka.AppHost.Resources;

/// <summary>
/// A PostgreSQL 15 server run from this machine's binaries, its data in the data folder. Aspire's own PostgreSQL
/// resource is a container, and no container engine runs here.
/// </summary>
public sealed class PostgresServerResource(string name, string dataFolder, ParameterResource password)
    : ExecutableResource(name, "bash", dataFolder), IResourceWithConnectionString
{
    public const string Binaries = "/usr/lib/postgresql/15/bin";

    public EndpointReference Endpoint => new(this, "tcp");

    public ParameterResource Password { get; } = password;

    public string DataFolder { get; } = Path.Combine(dataFolder, "pgdata");

    /// <summary>The databases declared with <c>AddDatabase</c>, created once the server is ready.</summary>
    public List<PostgresDatabaseResource> Databases { get; } = [];

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host=127.0.0.1;Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");

    // PostgreSQL refuses to run as root, so under root it runs as the 'postgres' user.
    internal static string? ServerUser => Environment.UserName == "root" ? "postgres" : null;
}

/// <summary>A database inside a PostgreSQL server; the server creates it when it is first ready.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString
{
    public PostgresServerResource Parent { get; } = server;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class PostgresBuilderExtensions
{
    // Stopped with SIGTERM, PostgreSQL waits for every client to leave (a smart shutdown); SIGINT is the fast one
    // that still ends cleanly, so the launcher turns one into the other. Under root the server drops to 'postgres'.
    // Its log goes to standard output: it is a log, not a stream of errors.
    private const string Launcher = """
        trap 'kill -INT "$server" 2>/dev/null' TERM INT
        "$@" 2>&1 &
        server=$!
        wait "$server"; status=$?
        if kill -0 "$server" 2>/dev/null; then wait "$server"; status=$?; fi
        exit $status
        """;

    /// <summary>A PostgreSQL server on a loopback port Aspire picks, its data kept under the data folder.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name,
        LocalData data, bool durable = true)
    {
        var password = builder.AddParameter($"{name}-password", data.Secret($"{name}-password"), secret: true);
        var server = new PostgresServerResource(name, data.FolderOf(name), password.Resource);

        builder.Eventing.Subscribe<BeforeStartEvent>((_, cancellationToken) => InitializeAsync(server, data, cancellationToken));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (ready, cancellationToken) =>
        {
            await CreateDatabasesAsync(server, cancellationToken);
            // Aspire carries a parent's state to its children only for containers: the databases are told here.
            await PublishDatabaseStateAsync(ready.Services, server, KnownResourceStates.Running);
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, (stopped, _) =>
            PublishDatabaseStateAsync(stopped.Services, server, KnownResourceStates.Exited));

        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, cancellationToken => CanQueryAsync(server, null, cancellationToken));

        List<object> command = PostgresServerResource.ServerUser is { } user
            ? ["setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups"]
            : [];
        command.AddRange([
            $"{PostgresServerResource.Binaries}/postgres", "-D", server.DataFolder, "-p", server.Endpoint.Property(EndpointProperty.TargetPort),
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300",
        ]);
        if (!durable)
        {
            // Throwaway test data needs no durability, and runs faster without it.
            command.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return builder.AddResource(server)
            .WithArgs(["-c", Launcher, "postgres", .. command])
            // The server listens on the port itself: a database gains nothing from a proxy in front of it.
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck)
            .WithIconName("Database");
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name)
    {
        var database = new PostgresDatabaseResource(name, name, server.Resource);
        server.Resource.Databases.Add(database);

        var healthCheck = $"{name}-exists";
        server.ApplicationBuilder.Services.AddHealthChecks()
            .AddAsyncCheck(healthCheck, cancellationToken => CanQueryAsync(server.Resource, database, cancellationToken));
        return server.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseStack");
    }

    private static async Task PublishDatabaseStateAsync(IServiceProvider services, PostgresServerResource server, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in server.Databases)
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = state,
                StartTimeStamp = state == KnownResourceStates.Running ? DateTime.UtcNow : snapshot.StartTimeStamp,
                StopTimeStamp = state == KnownResourceStates.Running ? null : DateTime.UtcNow,
            });
        }
    }

    /// <summary>initdb on first start: a scram-sha-256 superuser with the data folder's password.</summary>
    private static async Task InitializeAsync(PostgresServerResource server, LocalData data, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(server.DataFolder, "PG_VERSION")))
        {
            return;
        }

        var user = PostgresServerResource.ServerUser;
        var folder = server.WorkingDirectory;
        if (user is not null)
        {
            EnsureServerUserCanReach(data.Path, user);
        }

        var passwordFile = Path.Combine(folder, "initial-password");
        await File.WriteAllTextAsync(passwordFile, await server.Password.GetValueAsync(cancellationToken), cancellationToken);
        if (user is not null)
        {
            await Command.RunAsync("chown", ["-R", $"{user}:{user}", folder], cancellationToken);
        }

        try
        {
            await Command.RunAsync($"{PostgresServerResource.Binaries}/initdb",
                ["-D", server.DataFolder, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"],
                cancellationToken, user);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task CreateDatabasesAsync(PostgresServerResource server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await server.ConnectionStringExpression.GetValueAsync(cancellationToken) + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var database in server.Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database.DatabaseName } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task<HealthCheckResult> CanQueryAsync(PostgresServerResource server, PostgresDatabaseResource? database, CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = database is null
                ? await server.ConnectionStringExpression.GetValueAsync(cancellationToken)
                : await database.ConnectionStringExpression.GetValueAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var query = new NpgsqlCommand("SELECT 1", connection);
            await query.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }

    /// <summary>
    /// The server user must be able to walk down to its data folder. AppHost opens the data folder itself;
    /// a folder above it that is closed to others is the developer's to open, so it says which one.
    /// </summary>
    private static void EnsureServerUserCanReach(string dataFolder, string user)
    {
        File.SetUnixFileMode(dataFolder, File.GetUnixFileMode(dataFolder) | UnixFileMode.OtherExecute);
        for (var folder = Directory.GetParent(dataFolder); folder is not null; folder = folder.Parent)
        {
            if (!File.GetUnixFileMode(folder.FullName).HasFlag(UnixFileMode.OtherExecute))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL runs as the '{user}' user, who cannot enter '{folder.FullName}'. " +
                    $"Let it pass (chmod o+x '{folder.FullName}') or choose a data folder elsewhere with --DataDirectory=PATH.");
            }
        }
    }
}
