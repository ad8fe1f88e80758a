using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace WebWaka.Bench;

/// <summary>How a provisioning ended, and when (a <see cref="Stopwatch"/> timestamp taken as the event arrived).</summary>
internal readonly record struct Ending(bool Created, long At, string? Code);

/// <summary>
/// The end of every provisioning, as the bus announces it: one exclusive, auto-delete queue bound to the fanout
/// exchanges MassTransit publishes ClientPlatformCreated and ClientPlatformCreationFailed to. Reading the bus instead
/// of polling GET /api/partner/clients/provisioning/{id} keeps the bench from loading the system it measures.
/// </summary>
internal sealed class PlatformEvents : IAsyncDisposable
{
    // MassTransit's default topology: one fanout exchange per message type, named Namespace:TypeName (README, The message bus).
    private const string Created = "WebWaka.Contracts:ClientPlatformCreated";
    private const string Failed = "WebWaka.Contracts:ClientPlatformCreationFailed";

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<Ending>> _endings = new();
    private IConnection _connection = null!;
    private IChannel _channel = null!;

    public static async Task<PlatformEvents> ListenAsync(string broker)
    {
        var events = new PlatformEvents();
        events._connection = await new ConnectionFactory { Uri = new Uri(broker) }.CreateConnectionAsync("webwaka-bench-platform-events");
        events._channel = await events._connection.CreateChannelAsync();
        var queue = (await events._channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        foreach (var exchange in new[] { Created, Failed })
        {
            // Declared as MassTransit declares it (fanout, durable, kept), so the binding holds even before the system
            // has published its first event of the type; declaring it again with the same settings changes nothing.
            await events._channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await events._channel.QueueBindAsync(queue, exchange, routingKey: "");
        }

        var consumer = new AsyncEventingBasicConsumer(events._channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            events.Received(delivery.Exchange, delivery.Body.Span, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await events._channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return events;
    }

    /// <summary>How the provisioning ends; the event may well arrive before its id is asked for.</summary>
    public Task<Ending> EndingOf(Guid provisioningId) => Entry(provisioningId).Task;

    public void Forget(Guid provisioningId) => _endings.TryRemove(provisioningId, out _);

    private TaskCompletionSource<Ending> Entry(Guid provisioningId) =>
        _endings.GetOrAdd(provisioningId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>A MassTransit JSON envelope: the event itself is its <c>message</c>, camel-cased.</summary>
    private void Received(string exchange, ReadOnlySpan<byte> body, long at)
    {
        using var envelope = JsonDocument.Parse(body.ToArray());
        var message = envelope.RootElement.GetProperty("message");
        var id = message.GetProperty("provisioningId").GetGuid();
        Entry(id).TrySetResult(exchange == Created
            ? new Ending(true, at, null)
            : new Ending(false, at, message.TryGetProperty("code", out var code) ? code.GetString() : "FAILED"));
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}
