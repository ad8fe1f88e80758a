using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Identity;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Audit;

public sealed record AuditActor(Guid? Id, string? Email, string? Role);

public sealed record AuditEntryResponse(Guid Id, Guid? PartnerId, Guid? ClientId, AuditActor Actor, string Entity, string EntityId, string Action,
    JsonElement? Before, JsonElement? After, DateTimeOffset OccurredAt)
{
    public static AuditEntryResponse From(AuditEntry entry) => new(entry.Id, entry.PartnerId, entry.ClientId,
        new AuditActor(entry.ActorId, entry.ActorEmail, entry.ActorRole), entry.Entity, entry.EntityId, entry.Action, Parse(entry.Before), Parse(entry.After),
        entry.OccurredAt);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}

/// <summary>The audit trail, newest first: a partner sees its own entries, the platform operator all of them.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/partner/audit", (ActingPartner partner, PartnerDbContext database, Guid? clientId, string? entity, DateTimeOffset? from,
                DateTimeOffset? to, int? page, int? pageSize, CancellationToken cancellationToken) =>
                ListAsync(database, database.AuditTrail.Where(e => e.PartnerId == partner.Id), clientId, entity, from, to, page, pageSize,
                    cancellationToken))
            .RequireAuthorization(Policies.PartnerOperator)
            .WithTags("Audit")
            .WithSummary("The caller's partner's audit trail: who changed what, when, with the values before and after.");
        app.MapGet("/api/admin/audit", (PartnerDbContext database, Guid? partnerId, Guid? clientId, string? entity, DateTimeOffset? from,
                DateTimeOffset? to, int? page, int? pageSize, CancellationToken cancellationToken) =>
                ListAsync(database, partnerId is null ? database.AuditTrail : database.AuditTrail.Where(e => e.PartnerId == partnerId), clientId,
                    entity, from, to, page, pageSize, cancellationToken))
            .RequireAuthorization(Policies.PlatformOperator)
            .WithTags("Audit")
            .WithSummary("Every audit entry, or one partner's.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<AuditEntryResponse>>, ValidationProblem>> ListAsync(PartnerDbContext database,
        IQueryable<AuditEntry> entries, Guid? clientId, string? entity, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Check(entity is null || entity.Length <= 32, "entity", "At most 32 characters.")
            .Check(from is null || to is null || from <= to, "from", "Not after 'to'.");
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = entries.AsNoTracking();
        if (clientId is not null)
        {
            query = query.Where(e => e.ClientId == clientId);
        }

        if (entity is not null)
        {
            query = query.Where(e => e.Entity == entity);
        }

        if (from is not null)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (to is not null)
        {
            query = query.Where(e => e.OccurredAt <= to);
        }

        return TypedResults.Ok(await paging.ApplyAsync(database, query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id),
            AuditEntryResponse.From, cancellationToken));
    }
}
