using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Messaging;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Apis;

public sealed record CreatePartnerRequest(string? Name, string? Slug, string? ContactEmail, bool? ListedInDirectory, AdminInvitee? Admin);

/// <summary>A partner's own limits (README, Limits); null is the platform's default.</summary>
public sealed record PartnerLimitsRequest(int? CreatesPerMinute, int? ProvisioningsInFlight);

/// <summary>The platform operator's partner management: create (inviting the first admin), list, suspend, activate, limits.</summary>
public static class AdminPartnersApi
{
    private static readonly (string Action, PartnerStatus Next)[] Actions = [("suspend", PartnerStatus.Suspended), ("activate", PartnerStatus.Active)];

    public static IEndpointRouteBuilder MapAdminPartnersApi(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/admin/partners").RequireAuthorization(Policies.PlatformOperator);
        partners.MapGet("/", ListAsync);
        partners.MapGet("/{id:guid}", GetAsync);
        partners.MapPost("/", CreateAsync);
        foreach (var (action, next) in Actions)
        {
            partners.MapPost($"/{{id:guid}}/{action}", (Guid id, Actor actor, PartnerDbContext database, TimeProvider clock) =>
                ChangeStatusAsync(id, next, actor, database, clock));
        }

        partners.MapPut("/{id:guid}/limits", SetLimitsAsync).WithSummary("Gives a partner limits of its own; a null one goes back to the platform's.");
        return app;
    }

    private static async Task<Results<Ok<PartnerLimitsRequest>, ValidationProblem, ProblemHttpResult>> SetLimitsAsync(
        Guid id, PartnerLimitsRequest request, Actor actor, PartnerDbContext database, TimeProvider clock)
    {
        var errors = new ValidationErrors()
            .Check(request.CreatesPerMinute is null or >= 1 and <= 100_000, "createsPerMinute", "From 1 to 100000, or null for the platform's.")
            .Check(request.ProvisioningsInFlight is null or >= 1 and <= 100_000, "provisioningsInFlight", "From 1 to 100000, or null for the platform's.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var partner = await database.Partners.SingleOrDefaultAsync(p => p.Id == id);
        if (partner is null)
        {
            return ApiProblems.NotFound("partner");
        }

        var before = new PartnerLimitsRequest(partner.CreatesPerMinute, partner.ProvisioningsInFlight);
        (partner.CreatesPerMinute, partner.ProvisioningsInFlight) = (request.CreatesPerMinute, request.ProvisioningsInFlight);
        database.Record(actor.Audit(partner.Id, "partner", partner.Id, "limits-set", before, request, clock.GetUtcNow()));
        await database.SaveChangesAsync();
        return TypedResults.Ok(request);
    }

    private static async Task<Results<Ok<PagedList<PartnerResponse>>, ValidationProblem>> ListAsync(
        PartnerDbContext database, string? status, string? search, int? page, int? pageSize)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        var wanted = ListFilters.Status<PartnerStatus>(status, errors);
        var pattern = ListFilters.SearchPattern(search, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = database.Partners.AsNoTracking();
        if (wanted is not null)
        {
            query = query.Where(p => p.Status == wanted);
        }

        if (pattern is not null)
        {
            query = query.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Slug, pattern));
        }

        return TypedResults.Ok(await paging.ApplyAsync(database, query.OrderBy(p => p.Name), PartnerResponse.From));
    }

    private static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> GetAsync(Guid id, PartnerDbContext database) =>
        await database.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id) is { } partner
            ? TypedResults.Ok(PartnerResponse.From(partner))
            : ApiProblems.NotFound("partner");

    private static async Task<Results<Created<PartnerResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreatePartnerRequest request, Actor actor, PartnerDbContext database, TimeProvider clock)
    {
        var errors = new ValidationErrors()
            .Required("name", request.Name)
            .Check(Slug.IsValid(request.Slug), "slug", Slug.Rule)
            .Email("contactEmail", request.ContactEmail)
            .Check(request.Admin is not null, "admin", "Required: the partner's first admin.");
        if (request.Admin is not null)
        {
            errors.Email("admin.email", request.Admin.Email).Required("admin.name", request.Admin.Name);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await database.Partners.AnyAsync(p => p.Slug == request.Slug))
        {
            return SlugTaken(request.Slug!);
        }

        var partner = database.AddPartner(request.Name!, request.Slug!, request.ContactEmail!, request.ListedInDirectory ?? false,
            new AdminInvitee(request.Admin!.Email, request.Admin.Name), actor, clock.GetUtcNow());
        try
        {
            await database.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request took the slug between our check and our insert.
            return SlugTaken(partner.Slug);
        }

        return TypedResults.Created($"/api/admin/partners/{partner.Id}", PartnerResponse.From(partner));
    }

    private static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> ChangeStatusAsync(
        Guid id, PartnerStatus status, Actor actor, PartnerDbContext database, TimeProvider clock)
    {
        var partner = await database.Partners.SingleOrDefaultAsync(p => p.Id == id);
        if (partner is null)
        {
            return ApiProblems.NotFound("partner");
        }

        if (partner.Status == status)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "INVALID_TRANSITION", $"The partner is already {status}.");
        }

        var previous = partner.Status;
        partner.Status = status;
        var now = clock.GetUtcNow();
        database.Publish(new PartnerStatusChanged(partner.Id, status.ToString(), now));
        database.Record(actor.Audit(partner.Id, "partner", partner.Id, status == PartnerStatus.Active ? "activated" : "suspended",
            new { status = previous.ToString() }, new { status = status.ToString() }, now));
        await database.SaveChangesAsync();
        return TypedResults.Ok(PartnerResponse.From(partner));
    }

    public static ProblemHttpResult SlugTaken(string slug) =>
        ApiProblems.Of(StatusCodes.Status409Conflict, "SLUG_TAKEN", $"The slug '{slug}' is taken.");

    /// <summary>
    /// A new active partner, its first admin invited by email: the operator's Create Partner and an approved application
    /// alike. Saved by the caller, with everything it publishes.
    /// </summary>
    public static Domain.Partner AddPartner(this PartnerDbContext database, string name, string slug, string contactEmail, bool listed,
        AdminInvitee admin, Actor actor, DateTimeOffset now)
    {
        var partner = new Domain.Partner
        {
            Id = Guid.NewGuid(),
            Name = name.Trim(),
            Slug = slug,
            ContactEmail = contactEmail.Trim(),
            ListedInDirectory = listed,
            Status = PartnerStatus.Active,
            CreatedAt = now,
        };
        database.Partners.Add(partner);
        database.Publish(new PartnerCreated(partner.Id, partner.Name, partner.Slug, partner.Status.ToString(), now));
        database.Publish(new SendInvitation(Guid.NewGuid(), UserAccount.NormalizeEmail(admin.Email!), admin.Name!.Trim(),
            Roles.PartnerAdmin, partner.Id, TenantId: null, ProvisioningId: null, OrganisationName: partner.Name));
        database.Record(actor.Audit(partner.Id, "partner", partner.Id, "created", null, PartnerResponse.From(partner), now));
        return partner;
    }
}
