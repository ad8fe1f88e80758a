using MassTransit;
using Microsoft.Extensions.Logging;

namespace WebWaka.Messaging;

/// <summary>
/// Lets a message reach its consumer only when it was published to its own type's exchange. The broker lets only the
/// services that own a message type write to that exchange (AppHost gives each service a user of its own), so the
/// exchange a message came through is the broker's word on who sent it. A service may write to the exchanges in front
/// of its own queues, since RabbitMQ asks that of whoever binds them; a message sent that way, even with the service's
/// own credentials, is refused here: logged, and moved to the queue's <c>_skipped</c> queue for the operator.
/// </summary>
public sealed class PublishedByItsOwnerFilter<T>(IBus bus, ILogger<PublishedByItsOwnerFilter<T>> logger) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var exchange = bus.Topology.Message<T>().EntityName;
        var delivery = context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? rabbit.Exchange : null;
        if (delivery == exchange)
        {
            return next.Send(context);
        }

        logger.LogWarning("Refused a {MessageType} that came through '{Exchange}' rather than '{OwnExchange}', which only its publishers may write to",
            typeof(T).Name, delivery, exchange);
        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("publishedByItsOwner");
}
