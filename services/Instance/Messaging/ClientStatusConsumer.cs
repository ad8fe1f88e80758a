using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Instance.Data;
using WebWaka.Instance.Domain;

namespace WebWaka.Instance.Messaging;

/// <summary>
/// Keeps the service's view of clients current from the Tenant service's events, so that a partner's request about
/// an instance needs no call to another service. Idempotent: a status is only ever replaced by a newer one.
/// </summary>
public sealed class ClientStatusConsumer(InstanceDbContext database) : IConsumer<TenantCreated>, IConsumer<TenantStatusChanged>
{
    public Task Consume(ConsumeContext<TenantCreated> context) =>
        RecordAsync(context.Message.TenantId, context.Message.PartnerId, context.Message.Status, context.Message.OccurredAt, context.CancellationToken);

    public Task Consume(ConsumeContext<TenantStatusChanged> context) =>
        RecordAsync(context.Message.TenantId, context.Message.PartnerId, context.Message.Status, context.Message.OccurredAt, context.CancellationToken);

    private async Task RecordAsync(Guid tenantId, Guid partnerId, string status, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var client = await database.Clients.SingleOrDefaultAsync(c => c.TenantId == tenantId, cancellationToken);
        if (client is null)
        {
            database.Clients.Add(new Client { TenantId = tenantId, PartnerId = partnerId, Status = status, AsOf = asOf });
        }
        else
        {
            client.Record(status, asOf);
        }

        // Two events of one client at once: the loser's unique violation is retried and finds the row.
        await database.SaveChangesAsync(cancellationToken);
    }
}
