using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Identity;

namespace WebWaka.Messaging;

/// <summary>
/// What a service that owns a part of a client (its instances, its invitations) knows of the client itself, from the
/// Tenant service's events: whose it is, its name and where it stands in its lifecycle. A partner's request then needs
/// no call to the Tenant service.
/// </summary>
public sealed class KnownClient
{
    public Guid TenantId { get; init; }

    public Guid PartnerId { get; init; }

    public string? Name { get; set; }

    /// <summary>A tenant status: Provisioning, Active, ProvisioningFailed, Suspended or Archived.</summary>
    public required string Status { get; set; }

    /// <summary>When the status was true; an older event never overwrites a newer one.</summary>
    public DateTimeOffset AsOf { get; set; }

    /// <summary>What belongs to the client can be changed only while it is provisioning or active.</summary>
    public bool AcceptsChanges => Status is "Provisioning" or "Active";

    public void Record(string status, DateTimeOffset asOf)
    {
        if (asOf >= AsOf)
        {
            Status = status;
            AsOf = asOf;
        }
    }
}

public static class KnownClients
{
    /// <summary>The <c>clients</c> table of the service's database.</summary>
    public static void AddKnownClients(this ModelBuilder modelBuilder) => modelBuilder.Entity<KnownClient>(client =>
    {
        client.ToTable("clients");
        client.HasKey(c => c.TenantId);
        client.Property(c => c.TenantId).HasColumnName("tenant_id");
        client.Property(c => c.PartnerId).HasColumnName("partner_id");
        client.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
        client.Property(c => c.Status).HasColumnName("status").HasMaxLength(32);
        client.Property(c => c.AsOf).HasColumnName("as_of");
        client.Ignore(c => c.AcceptsChanges);
    });

    /// <summary>
    /// The acting partner's client, or 404 (partner-first rule 7). A client whose first event has not reached this service
    /// yet is known from the service's own records of it (<paramref name="ownersOfOwnRecords"/>: their partner ids), as
    /// still provisioning.
    /// </summary>
    public static async Task<KnownClient> ClientOfAsync(this DbContext database, Guid tenantId, ActingPartner partner,
        IQueryable<Guid> ownersOfOwnRecords, CancellationToken cancellationToken)
    {
        var client = await database.Set<KnownClient>().AsNoTracking().SingleOrDefaultAsync(c => c.TenantId == tenantId, cancellationToken);
        if (client is null && await ownersOfOwnRecords.Cast<Guid?>().FirstOrDefaultAsync(cancellationToken) is { } owner)
        {
            client = new KnownClient { TenantId = tenantId, PartnerId = owner, Status = "Provisioning" };
        }

        return client is not null && client.PartnerId == partner.Id ? client : throw ProblemException.NotFound("client");
    }

    /// <summary>409 CLIENT_READ_ONLY unless the client accepts changes.</summary>
    public static void EnsureAcceptsChanges(this KnownClient client)
    {
        if (!client.AcceptsChanges)
        {
            throw new ProblemException(StatusCodes.Status409Conflict, "CLIENT_READ_ONLY",
                $"The client is {client.Status}: what belongs to it can be read, not changed.");
        }
    }

    /// <summary>Keeps the service's <see cref="KnownClient"/>s current from the Tenant service's events.</summary>
    public static void AddKnownClientsConsumer<TDbContext>(this IBusRegistrationConfigurator bus) where TDbContext : DbContext =>
        bus.AddConsumer<KnownClientsConsumer<TDbContext>>();
}

/// <summary>Idempotent: a status is only ever replaced by a newer one, and a name by the latest rename.</summary>
public sealed class KnownClientsConsumer<TDbContext>(TDbContext database)
    : IConsumer<TenantCreated>, IConsumer<TenantStatusChanged>, IConsumer<TenantRenamed>
    where TDbContext : DbContext
{
    public Task Consume(ConsumeContext<TenantCreated> context) => RecordAsync(context.Message.TenantId, context.Message.PartnerId,
        client => { client.Record(context.Message.Status, context.Message.OccurredAt); client.Name ??= context.Message.Name; }, context.CancellationToken);

    public Task Consume(ConsumeContext<TenantStatusChanged> context) => RecordAsync(context.Message.TenantId, context.Message.PartnerId,
        client => client.Record(context.Message.Status, context.Message.OccurredAt), context.CancellationToken);

    public Task Consume(ConsumeContext<TenantRenamed> context) => RecordAsync(context.Message.TenantId, context.Message.PartnerId,
        client => client.Name = context.Message.Name, context.CancellationToken);

    private async Task RecordAsync(Guid tenantId, Guid partnerId, Action<KnownClient> change, CancellationToken cancellationToken)
    {
        var clients = database.Set<KnownClient>();
        var client = await clients.SingleOrDefaultAsync(c => c.TenantId == tenantId, cancellationToken);
        if (client is null)
        {
            // Unknown until now: the event about it sets its status (the first, as-of-nothing one stands until then).
            client = new KnownClient { TenantId = tenantId, PartnerId = partnerId, Status = "Provisioning", AsOf = DateTimeOffset.MinValue };
            clients.Add(client);
        }

        change(client);
        // Two events of one client at once: the loser's unique violation is retried, and finds the row.
        await database.SaveChangesAsync(cancellationToken);
    }
}
