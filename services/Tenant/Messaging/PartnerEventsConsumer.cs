using MassTransit;
using WebWaka.Contracts;

namespace WebWaka.Tenant.Messaging;

/// <summary>Keeps the local read model of partners current. Idempotent: a fact is only ever replaced by a newer one.</summary>
public sealed class PartnerEventsConsumer(PartnerDirectory partners) : IConsumer<PartnerCreated>, IConsumer<PartnerStatusChanged>
{
    public Task Consume(ConsumeContext<PartnerCreated> context) =>
        partners.RecordAsync(context.Message.PartnerId, context.Message.Status, context.Message.OccurredAt, context.CancellationToken);

    public Task Consume(ConsumeContext<PartnerStatusChanged> context) =>
        partners.RecordAsync(context.Message.PartnerId, context.Message.Status, context.Message.OccurredAt, context.CancellationToken);
}
