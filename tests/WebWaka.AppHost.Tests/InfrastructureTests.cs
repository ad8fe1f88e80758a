using System.Net.Sockets;
using Npgsql;
using RabbitMQ.Client;

namespace WebWaka.AppHost.Tests;

/// <summary>PostgreSQL, RabbitMQ and the mail catcher from the machine's binaries: up, usable, gone when stopped, data kept.</summary>
public sealed class InfrastructureTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    private DistributedApplication BuildInfrastructure()
    {
        var builder = _scratch.CreateBuilder();
        builder.AddPostgres("postgres").AddDatabase("ordersdb");
        builder.AddRabbitMQ("rabbitmq");
        builder.AddMailDev("mail");
        return builder.Build();
    }

    [Fact]
    public async Task Servers_start_serve_stop_without_a_trace_and_start_again_on_the_data_they_left()
    {
        await using var first = BuildInfrastructure();
        await first.StartAsync();
        await first.WaitForHealthyAsync("ordersdb", TimeSpan.FromSeconds(60));
        await first.WaitForHealthyAsync("rabbitmq", TimeSpan.FromSeconds(60));
        await first.WaitForHealthyAsync("mail", TimeSpan.FromSeconds(60));

        await using (var connection = new NpgsqlConnection(first.GetConnectionString("ordersdb")))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE orders (id int); INSERT INTO orders VALUES (42)", connection).ExecuteNonQueryAsync();
        }

        var broker = new ConnectionFactory { Uri = new Uri(first.GetConnectionString("rabbitmq")) };
        await using (var amqp = await broker.CreateConnectionAsync())
        {
            Assert.True(amqp.IsOpen);
        }

        var epmdPort = first.Context.GetPort(first.Orchestrator.Instances.Single(i => i.Name == "rabbitmq").Resource, "epmd");
        var pids = first.Orchestrator.Instances.Where(i => i.ProcessId is not null).Select(i => i.ProcessId!.Value).ToList();
        Assert.Equal(3, pids.Count);

        await first.StopAsync();

        Assert.All(pids, pid => Assert.False(Signals.IsAlive(pid), $"process {pid} is still running"));
        Assert.False(IsListening(epmdPort), "epmd is still listening");
        Assert.True(first.Orchestrator.LastStopDuration < TimeSpan.FromSeconds(20), $"stopping took {first.Orchestrator.LastStopDuration}");

        await using var second = BuildInfrastructure();
        await second.StartAsync();
        await second.WaitForHealthyAsync("ordersdb", TimeSpan.FromSeconds(60));
        await using var reconnected = new NpgsqlConnection(second.GetConnectionString("ordersdb"));
        await reconnected.OpenAsync();
        Assert.Equal(42, await new NpgsqlCommand("SELECT id FROM orders", reconnected).ExecuteScalarAsync());
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => _scratch.Dispose();
}
