using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts.PartnerFirst;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// "Create Client Platform": accepted at once (202) and provisioned across the services by the saga.
/// The client belongs to the caller's partner, from the token: never from the body, the query or a header.
/// </summary>
public static class ClientPlatformApi
{
    public static IEndpointRouteBuilder MapClientPlatformApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/partner/clients").RequireAuthorization(Policies.PartnerOperator);
        clients.MapPost("/", CreateAsync);
        clients.MapGet("/provisioning/{provisioningId:guid}", GetStatusAsync);
        return app;
    }

    private static async Task<Results<Accepted<ProvisioningAccepted>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ActingPartner partner, Actor actor, PartnerDbContext database, PartnerLimits limits, ProvisioningSettings settings,
        TimeProvider clock)
    {
        // The body is read as text: its hash tells a repeated request from another one under the same key.
        var (request, body, unreadable) = await ClientPlatformRequest.ReadAsync(http.Request);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var errors = new ValidationErrors().Check(request is not null, "body", "Required.");
        errors.Add(request?.Problems() ?? []);

        var idempotencyKey = IdempotencyKey.From(http.Request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var hash = IdempotencyKey.Fingerprint(body);
        if (idempotencyKey is not null && await ProvisioningIdempotency.AnswerAgainAsync(database, partner, idempotencyKey, hash) is { } earlier)
        {
            return earlier;
        }

        await using var transaction = await database.Database.BeginTransactionAsync();
        var now = clock.GetUtcNow();
        if (await database.RefuseAsync(await database.Partners.SingleAsync(p => p.Id == partner.Id), limits, http.Response, now, http.RequestAborted) is { } refused)
        {
            return refused;
        }

        var creator = PartnerFirstGuard.CreatorForRole(WebWakaClaims.RoleOf(http.User)) ?? TenantCreator.Partner;
        var message = request!.Accepted(Guid.NewGuid(), partner.Id, creator.ToString(), now);
        var client = database.AcceptProvisioning(message, idempotencyKey, hash, settings);
        database.Record(actor.Audit(partner.Id, "provisioning", message.ProvisioningId, "requested", null,
            new { message.Name, message.Slug, message.InstanceName, message.Suites, message.Domain, message.AdminEmail }, message.OccurredAt, client));
        try
        {
            await database.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && idempotencyKey is not null)
        {
            // The same key arrived twice at once, and the other request won.
            await transaction.RollbackAsync();
            database.ChangeTracker.Clear();
            return (await ProvisioningIdempotency.AnswerAgainAsync(database, partner, idempotencyKey, hash))!;
        }

        return ProvisioningIdempotency.Accepted(message.ProvisioningId);
    }

    private static async Task<Results<Ok<ProvisioningStatus>, ProblemHttpResult>> GetStatusAsync(
        Guid provisioningId, ActingPartner partner, PartnerDbContext database)
    {
        if (!await database.ProvisioningRequests.AnyAsync(r => r.Id == provisioningId && r.PartnerId == partner.Id))
        {
            return ApiProblems.NotFound("provisioning");
        }

        return TypedResults.Ok(await database.ProvisioningStatusAsync(provisioningId));
    }
}
