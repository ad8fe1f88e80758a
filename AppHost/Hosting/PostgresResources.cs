using Npgsql;

namespace WebWaka.AppHost.Hosting;

/// <summary>A PostgreSQL 15 server run from the machine's own binaries, its data in a private folder.</summary>
public sealed class PostgresServerResource(string name) : ProcessResource(name), IResourceWithConnectionString
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";

    // PostgreSQL refuses to run as root, so under root it runs as the 'postgres' user.
    private static readonly string? ServerUser = Environment.UserName == "root" ? "postgres" : null;

    public override string Kind => "PostgreSQL";

    public List<PostgresDatabaseResource> Databases { get; } = [];

    // A fast shutdown: the default (smart) one waits for every client to leave first.
    public override int StopSignal => Signals.Interrupt;

    public string GetConnectionString(ResourceContext context) =>
        $"Host=127.0.0.1;Port={context.GetPort(this, "tcp")};Username=postgres;Password={context.GetOrCreateSecret("postgres-password")}";

    private static string DataFolder(ResourceContext context, IResource resource) =>
        Path.Combine(context.DataDirectoryOf(resource), "pgdata");

    public override async Task PrepareAsync(ResourceContext context, Action<string> log, CancellationToken cancellationToken)
    {
        var folder = context.DataDirectoryOf(this);
        var pgdata = DataFolder(context, this);
        if (File.Exists(Path.Combine(pgdata, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        if (ServerUser is not null)
        {
            EnsureServerUserCanReach(context.Options.DataDirectory);
        }
        var passwordFile = Path.Combine(folder, "initial-password");
        await File.WriteAllTextAsync(passwordFile, context.GetOrCreateSecret("postgres-password"), cancellationToken);
        if (ServerUser is not null)
        {
            await CommandLine.RunAsync("chown", ["-R", $"{ServerUser}:{ServerUser}", folder], log, cancellationToken);
        }

        await CommandLine.RunAsync(
            $"{Binaries}/initdb",
            ["-D", pgdata, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"],
            log, cancellationToken, ServerUser);
        File.Delete(passwordFile);
    }

    public override ProcessSpec GetProcessSpec(ResourceContext context, int replica)
    {
        List<string> arguments =
        [
            "-D", DataFolder(context, this),
            "-p", context.GetPort(this, "tcp").ToString(),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=300",
        ];
        if (context.Options.Isolated)
        {
            // Throwaway test data needs no durability, and tests run faster without it.
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return new ProcessSpec($"{Binaries}/postgres", arguments, context.DataDirectoryOf(this), context.BuildEnvironment(this, replica), ServerUser);
    }

    public override async Task<HealthResult> CheckHealthAsync(ResourceContext context, int replica, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(GetConnectionString(context) + ";Timeout=3;Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthResult.Healthy;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return HealthResult.Unhealthy(ex.Message);
        }
    }

    /// <summary>Creates the databases declared with AddDatabase that do not exist yet.</summary>
    public override async Task OnHealthyAsync(ResourceContext context, Action<string> log, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(GetConnectionString(context) + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var database in Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
            {
                Parameters = { new() { Value = database.DatabaseName } },
            };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                log($"created database {database.DatabaseName}");
            }
        }
    }

    /// <summary>
    /// The server user must be able to walk down to its data folder. AppHost opens its own data folder;
    /// a folder above it that is closed to others is the user's to open, so it says which one.
    /// </summary>
    private static void EnsureServerUserCanReach(string dataDirectory)
    {
        File.SetUnixFileMode(dataDirectory, File.GetUnixFileMode(dataDirectory) | UnixFileMode.OtherExecute);
        for (var folder = Directory.GetParent(dataDirectory); folder is not null; folder = folder.Parent)
        {
            if (!File.GetUnixFileMode(folder.FullName).HasFlag(UnixFileMode.OtherExecute))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL runs as the '{ServerUser}' user, who cannot enter '{folder.FullName}'. " +
                    $"Let it pass (chmod o+x '{folder.FullName}') or choose a data folder elsewhere with --data-dir.");
            }
        }
    }
}

/// <summary>A database inside a PostgreSQL server; the server creates it when it first becomes healthy.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public override string Kind => "Database";

    public string DatabaseName { get; } = name;

    public IResource Parent => server;

    public string GetConnectionString(ResourceContext context) =>
        $"{server.GetConnectionString(context)};Database={DatabaseName}";
}
