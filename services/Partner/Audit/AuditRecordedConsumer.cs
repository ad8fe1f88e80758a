using MassTransit;
using Microsoft.EntityFrameworkCore;
using WebWaka.Contracts;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Audit;

/// <summary>
/// Keeps the other services' part of the audit trail: each publishes its changes' entries through its outbox, in the
/// transaction of the change, and they land here (this service writes its own directly: <see cref="AuditTrail"/>).
/// Idempotent: an entry delivered twice is kept once.
/// </summary>
public sealed class AuditRecordedConsumer(PartnerDbContext database) : IConsumer<AuditRecorded>
{
    public async Task Consume(ConsumeContext<AuditRecorded> context)
    {
        var entry = context.Message;
        await database.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO audit_entries (id, partner_id, actor_id, actor_email, actor_role, entity, entity_id, action, before, after, occurred_at, client_id)
            VALUES ({entry.EntryId}, {entry.PartnerId}, {entry.ActorId}, {entry.ActorEmail}, {entry.ActorRole}, {entry.Entity}, {entry.EntityId},
                    {entry.Action}, {entry.Before}::jsonb, {entry.After}::jsonb, {entry.OccurredAt}, {entry.ClientId})
            ON CONFLICT (id) DO NOTHING
            """, context.CancellationToken);
    }
}
