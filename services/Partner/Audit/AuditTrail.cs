using WebWaka.Contracts;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Audit;

/// <summary>
/// The trail lives in this service's database, so its own changes' entries are written in the transaction of the change
/// itself, with no trip over the bus; the other services' arrive as <see cref="AuditRecorded"/> (AuditRecordedConsumer).
/// </summary>
public static class AuditTrail
{
    public static void Record(this PartnerDbContext database, AuditRecorded entry) => database.Set<AuditEntry>().Add(new AuditEntry
    {
        Id = entry.EntryId,
        PartnerId = entry.PartnerId,
        ActorId = entry.ActorId,
        ActorEmail = entry.ActorEmail,
        ActorRole = entry.ActorRole,
        Entity = entry.Entity,
        EntityId = entry.EntityId,
        Action = entry.Action,
        Before = entry.Before,
        After = entry.After,
        OccurredAt = entry.OccurredAt,
        ClientId = entry.ClientId,
    });
}
