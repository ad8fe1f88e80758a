using Aspire.Hosting.Testing;
using Npgsql;
using WebWaka.AppHost.Resources;
using Xunit;

namespace WebWaka.Testing;

/// <summary>
/// A real PostgreSQL server, a real RabbitMQ node and the real mail catcher (maildev) for service tests, run by
/// Aspire from AppHost's own resource types, on free ports and a throwaway data folder. Each test class takes its
/// own database.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = TestFolders.Create("webwaka-infra-");
    private LocalServers _servers = null!;

    public string RabbitMqConnectionString { get; private set; } = "";

    public string PostgresConnectionString { get; private set; } = "";

    /// <summary>maildev's SMTP server, as a service gets it: <c>Endpoint=smtp://127.0.0.1:port</c>.</summary>
    public string MailConnectionString { get; private set; } = "";

    /// <summary>maildev's web inbox and REST API (<c>GET {MailWebUrl}/api/email</c>).</summary>
    public string MailWebUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _servers = LocalServers.Create(_dataDirectory);
        _servers.Builder.AddPostgres("postgres", _servers.Data, durable: false);
        _servers.Builder.AddRabbitMQ("rabbitmq", _servers.Data);
        _servers.Builder.AddMailDev("mail", _servers.Data);
        await _servers.StartAsync();

        PostgresConnectionString = await _servers.ConnectionStringAsync("postgres");
        RabbitMqConnectionString = await _servers.ConnectionStringAsync("rabbitmq");
        MailConnectionString = await _servers.ConnectionStringAsync("mail");
        MailWebUrl = _servers.App.GetEndpoint("mail", "http").ToString().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        await _servers.DisposeAsync();
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
