using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Identity;
using WebWaka.Messaging;
using WebWaka.Tenant.Data;
using WebWaka.Tenant.Domain;

namespace WebWaka.Tenant.Apis;

/// <summary>
/// <c>PATCH</c> of a client: a new name. <c>createdByPartnerId</c> is read only to refuse it (any value but the
/// client's own): absent, it is <see cref="JsonValueKind.Undefined"/>.
/// </summary>
public sealed record RenameClientRequest(string? Name, JsonElement CreatedByPartnerId);

public sealed record ClientSummary(Guid Id, string Name, string Slug, string Status, Guid CreatedByPartnerId, DateTimeOffset CreatedAt)
{
    public static ClientSummary From(Domain.Tenant tenant) =>
        new(tenant.Id, tenant.Name, tenant.Slug, tenant.Status.ToString(), tenant.CreatedByPartnerId, tenant.CreatedAt);
}

public sealed record ClientDetail(Guid Id, string Name, string Slug, string Status, Guid CreatedByPartnerId, DateTimeOffset CreatedAt,
    IReadOnlyList<ClientInstance>? Instances, IReadOnlyList<ClientInvitation>? Invitations);

/// <summary>
/// A partner's clients (partner-first rule 7): a partner sees and changes only the tenants it created;
/// another partner's client answers 404, as if it did not exist.
/// </summary>
public static class ClientsApi
{
    private static readonly (string Action, TenantStatus Next)[] Actions =
        [("suspend", TenantStatus.Suspended), ("activate", TenantStatus.Active), ("archive", TenantStatus.Archived)];

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/partner/clients").RequireAuthorization(Policies.PartnerOperator);
        clients.MapGet("/", ListAsync);
        clients.MapGet("/{tenantId:guid}", GetAsync);
        clients.MapPatch("/{tenantId:guid}", RenameAsync);
        foreach (var (action, next) in Actions)
        {
            clients.MapPost($"/{{tenantId:guid}}/{action}", (Guid tenantId, ActingPartner partner, Actor actor, TenantDbContext database, TimeProvider clock) =>
                MoveAsync(tenantId, next, partner, actor, database, clock));
        }

        return app;
    }

    private static IQueryable<Domain.Tenant> ClientsOf(this TenantDbContext database, ActingPartner partner) =>
        database.Tenants.Where(t => t.CreatedByPartnerId == partner.Id);

    private static async Task<Results<Ok<PagedList<ClientSummary>>, ValidationProblem>> ListAsync(
        ActingPartner partner, TenantDbContext database, string? status, string? search, int? page, int? pageSize)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        var wanted = ListFilters.Status<TenantStatus>(status, errors);
        var pattern = ListFilters.SearchPattern(search, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = database.ClientsOf(partner).AsNoTracking();
        if (wanted is not null)
        {
            query = query.Where(t => t.Status == wanted);
        }

        if (pattern is not null)
        {
            query = query.Where(t => EF.Functions.ILike(t.Name, pattern) || EF.Functions.ILike(t.Slug, pattern));
        }

        return TypedResults.Ok(await paging.ApplyAsync(database, query.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id), ClientSummary.From));
    }

    private static async Task<Results<Ok<ClientDetail>, ProblemHttpResult>> GetAsync(
        Guid tenantId, ActingPartner partner, TenantDbContext database, ClientComposition composition, CancellationToken cancellationToken)
    {
        var tenant = await database.ClientsOf(partner).AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return ApiProblems.NotFound("client");
        }

        var (instances, invitations) = await composition.InstancesAndInvitationsAsync(tenantId, cancellationToken);
        return TypedResults.Ok(new ClientDetail(tenant.Id, tenant.Name, tenant.Slug, tenant.Status.ToString(), tenant.CreatedByPartnerId,
            tenant.CreatedAt, instances, invitations));
    }

    private static async Task<Results<Ok<ClientSummary>, ValidationProblem, ProblemHttpResult>> RenameAsync(
        Guid tenantId, RenameClientRequest request, ActingPartner partner, Actor actor, TenantDbContext database, TimeProvider clock)
    {
        var tenant = await database.ClientsOf(partner).SingleOrDefaultAsync(t => t.Id == tenantId);
        if (tenant is null)
        {
            return ApiProblems.NotFound("client");
        }

        // Partner-first rule 1: the attribution is never changed, whatever a request says.
        var attribution = request.CreatedByPartnerId;
        if (attribution.ValueKind != JsonValueKind.Undefined &&
            !(attribution.ValueKind == JsonValueKind.String && attribution.TryGetGuid(out var same) && same == tenant.CreatedByPartnerId))
        {
            return ApiProblems.Of(StatusCodes.Status400BadRequest, "PARTNER_ATTRIBUTION_IMMUTABLE",
                "A client's createdByPartnerId never changes.");
        }

        var errors = new ValidationErrors().Required("name", request.Name);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var previous = tenant.Name;
        tenant.Name = request.Name!.Trim();
        if (tenant.Name != previous)
        {
            var now = clock.GetUtcNow();
            database.Publish(new TenantRenamed(tenant.Id, tenant.CreatedByPartnerId, tenant.Name, previous, now));
            database.Publish(actor.Audit(partner.Id, "client", tenant.Id, "renamed", new { name = previous }, new { name = tenant.Name }, now, client: tenant.Id));
            await database.SaveChangesAsync();
        }

        return TypedResults.Ok(ClientSummary.From(tenant));
    }

    private static async Task<Results<Ok<ClientSummary>, ProblemHttpResult>> MoveAsync(
        Guid tenantId, TenantStatus next, ActingPartner partner, Actor actor, TenantDbContext database, TimeProvider clock)
    {
        var tenant = await database.ClientsOf(partner).SingleOrDefaultAsync(t => t.Id == tenantId);
        if (tenant is null)
        {
            return ApiProblems.NotFound("client");
        }

        var previous = tenant.Status;
        if (!tenant.TryMoveTo(next))
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "INVALID_TRANSITION", $"A client cannot go from {previous} to {next}.");
        }

        var now = clock.GetUtcNow();
        database.Publish(new TenantStatusChanged(tenant.Id, tenant.CreatedByPartnerId, next.ToString(), previous.ToString(), now));
        database.Publish(actor.Audit(partner.Id, "client", tenant.Id, next.ToString().ToLowerInvariant(),
            new { status = previous.ToString() }, new { status = next.ToString() }, now, client: tenant.Id));
        await database.SaveChangesAsync();
        return TypedResults.Ok(ClientSummary.From(tenant));
    }
}
