using System.Collections.Concurrent;
using MassTransit;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The system's RabbitMQ as another platform service sees it: publish onto it, or watch what crosses it.</summary>
public static class Broker
{
    /// <summary>
    /// The broker's address for <paramref name="user"/>: the operator's (every right) by default, or a service's own user,
    /// with the password AppHost keeps for it in the data folder.
    /// </summary>
    public static async Task<Uri> BrokerAsync(this DistributedAppFixture system, string? user = null)
    {
        var broker = new UriBuilder(await system.ConnectionStringAsync("rabbitmq"));
        if (user is not null)
        {
            broker.UserName = user;
            broker.Password = (await File.ReadAllTextAsync(Path.Combine(system.DataDirectory, "secrets", $"rabbitmq-{user}-password"))).Trim();
        }

        return broker.Uri;
    }

    /// <summary>
    /// A started bus on the system's broker, as the operator or as <paramref name="asUser"/> (a service's user);
    /// <paramref name="configure"/> adds receive endpoints.
    /// </summary>
    public static async Task<IBusControl> StartBusAsync(this DistributedAppFixture system, Action<IRabbitMqBusFactoryConfigurator>? configure = null,
        string? asUser = null)
    {
        var broker = await system.BrokerAsync(asUser);
        var credentials = broker.UserInfo.Split(':');
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)broker.Port, "/", host =>
            {
                host.Username(Uri.UnescapeDataString(credentials[0]));
                host.Password(Uri.UnescapeDataString(credentials[1]));
            });
            configure?.Invoke(rabbit);
        });
        await bus.StartAsync();
        return bus;
    }

    /// <summary>Every <typeparamref name="T"/> published from now on, as a subscriber of its exchange receives it.</summary>
    public static async Task<BusWatch<T>> WatchAsync<T>(this DistributedAppFixture system) where T : class
    {
        var seen = new ConcurrentQueue<T>();
        var bus = await system.StartBusAsync(rabbit => rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(), endpoint =>
            endpoint.Handler<T>(context =>
            {
                seen.Enqueue(context.Message);
                return Task.CompletedTask;
            })));
        return new BusWatch<T>(bus, seen);
    }
}

public sealed class BusWatch<T>(IBusControl bus, ConcurrentQueue<T> seen) : IAsyncDisposable where T : class
{
    /// <summary>The messages that match, once there is at least one.</summary>
    public Task<List<T>> WaitForAsync(Func<T, bool> match, string what) =>
        Eventually.GetAsync(() => Task.FromResult(seen.Where(match).ToList()), found => found.Count > 0, TimeSpan.FromSeconds(15), what);

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
