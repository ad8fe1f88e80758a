using Npgsql;
using WebWaka.AppHost.Hosting;
using Xunit;

namespace WebWaka.Testing;

/// <summary>
/// A real PostgreSQL server, a real RabbitMQ node and the real mail catcher (maildev) for service tests, started
/// by AppHost's own resource model in this process, on free ports and a throwaway data folder. Each test class
/// takes its own database.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = TestFolders.Create("webwaka-infra-");
    private DistributedApplication _app = null!;

    public string RabbitMqConnectionString { get; private set; } = "";

    public string PostgresConnectionString { get; private set; } = "";

    /// <summary>maildev's SMTP server, as a service gets it: <c>Endpoint=smtp://127.0.0.1:port</c>.</summary>
    public string MailConnectionString { get; private set; } = "";

    /// <summary>maildev's web inbox and REST API (<c>GET {MailWebUrl}/email</c>).</summary>
    public string MailWebUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            DataDirectory = _dataDirectory,
            Isolated = true,
            DashboardPort = -1,
        });
        builder.AddPostgres("postgres");
        builder.AddRabbitMQ("rabbitmq");
        builder.AddMailDev("mail");
        _app = builder.Build();
        try
        {
            await _app.StartAsync();
            await _app.WaitForHealthyAsync("postgres", TimeSpan.FromSeconds(60));
            await _app.WaitForHealthyAsync("rabbitmq", TimeSpan.FromSeconds(60));
            await _app.WaitForHealthyAsync("mail", TimeSpan.FromSeconds(60));
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            await _app.StopAsync();
            throw;
        }

        PostgresConnectionString = _app.GetConnectionString("postgres");
        RabbitMqConnectionString = _app.GetConnectionString("rabbitmq");
        MailConnectionString = _app.GetConnectionString("mail");
        MailWebUrl = _app.GetEndpoint("mail");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return $"{PostgresConnectionString};Database={name}";
    }
}
