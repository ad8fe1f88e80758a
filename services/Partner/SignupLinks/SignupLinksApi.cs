using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Contracts.PartnerFirst;
using WebWaka.Contracts.Platform;
using WebWaka.Identity;
using WebWaka.Partner.Apis;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;
using WebWaka.Partner.Provisioning;

namespace WebWaka.Partner.SignupLinks;

public sealed record CreateSignupLinkRequest(string? Name, DateTimeOffset? ExpiresAt, int? MaxUses, IReadOnlyList<string>? Suites);

public sealed record SignupLinkResponse(Guid Id, string Name, string Token, string Url, string Status, DateTimeOffset? ExpiresAt, int? MaxUses,
    int Uses, IReadOnlyList<string> Suites, DateTimeOffset CreatedAt)
{
    public static SignupLinkResponse From(SignupLink link, DateTimeOffset now) => new(link.Id, link.Name, link.Token, $"/signup/{link.Token}",
        link.StatusAt(now), link.ExpiresAt, link.MaxUses, link.Uses, link.Suites, link.CreatedAt);
}

public sealed record LinkPartner(string Name, string Slug);

/// <summary>What a visitor of a signup link sees: whose link it is, and what the sign-up gives.</summary>
public sealed record PublicSignupLink(LinkPartner Partner, IReadOnlyList<Suite> Suites, bool SuitesPreset, DateTimeOffset? ExpiresAt);

public sealed record SignupAdmin(string? Email, string? Name);

public sealed record SignupRequest(string? ClientName, string? Slug, IReadOnlyList<string>? Suites, SignupAdmin? Admin);

/// <summary>
/// Partner-first signup: a partner makes links (<c>/api/partner/signup-links</c>), and a client who opens one signs up
/// inside that partner's context (<c>/api/public/signup-links/{token}</c>). The client platform is provisioned by the
/// same flow as Create Client Platform and belongs to the link's partner; the client's admin is invited by email.
/// </summary>
public static class SignupLinksApi
{
    public static IEndpointRouteBuilder MapSignupLinksApi(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/partner/signup-links").RequireAuthorization(Policies.PartnerOperator).WithTags("Signup links");
        links.MapGet("/", ListAsync).WithSummary("The partner's signup links, newest first.");
        links.MapPost("/", CreateAsync).WithSummary("Makes a signup link, optionally expiring, limited in uses, with preset suites.");
        links.MapDelete("/{linkId:guid}", DisableAsync).WithSummary("Disables a signup link: it takes no more sign-ups.");

        var visitor = app.MapGroup("/api/public/signup-links/{token}").AllowAnonymous().WithTags("Public");
        visitor.MapGet("/", ShowAsync).WithSummary("Whose signup link this is and what it offers.");
        visitor.MapPost("/signup", SignupAsync).WithSummary("Signs a client up inside the link's partner's context; 202 and the provisioning's progress.");
        visitor.MapGet("/signups/{provisioningId:guid}", ProgressAsync).WithSummary("The progress of a sign-up made through this link.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<SignupLinkResponse>>, ValidationProblem>> ListAsync(
        ActingPartner partner, PartnerDbContext database, TimeProvider clock, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var links = database.SignupLinks.AsNoTracking().Where(l => l.PartnerId == partner.Id).OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id);
        return TypedResults.Ok(await paging.ApplyAsync(database, links, l => SignupLinkResponse.From(l, now), cancellationToken));
    }

    private static async Task<Results<Created<SignupLinkResponse>, ValidationProblem>> CreateAsync(
        CreateSignupLinkRequest request, ActingPartner partner, Actor actor, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors()
            .Required("name", request.Name)
            .Check(request.ExpiresAt is null || request.ExpiresAt > now, "expiresAt", "In the future.")
            .Check(request.MaxUses is null or >= 1 and <= 1_000_000, "maxUses", "From 1 to 1000000.");
        if (request.Suites is { Count: > 0 } suites)
        {
            errors.Add("suites", InstanceRules.SuiteErrors(suites));
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var link = new SignupLink
        {
            Id = Guid.CreateVersion7(now), PartnerId = partner.Id, Token = SignupLink.NewToken(), Name = request.Name!.Trim(),
            ExpiresAt = request.ExpiresAt, MaxUses = request.MaxUses, Suites = [.. request.Suites ?? []], CreatedAt = now,
        };
        database.SignupLinks.Add(link);
        database.Record(actor.Audit(partner.Id, "signup-link", link.Id, "created", null,
            new { link.Name, link.ExpiresAt, link.MaxUses, link.Suites }, now));
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/partner/signup-links/{link.Id}", SignupLinkResponse.From(link, now));
    }

    private static async Task<NoContent> DisableAsync(Guid linkId, ActingPartner partner, Actor actor, PartnerDbContext database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var link = await database.SignupLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.PartnerId == partner.Id, cancellationToken)
            ?? throw ProblemException.NotFound("signup link");
        if (link.DisabledAt is null)
        {
            var now = clock.GetUtcNow();
            var before = link.StatusAt(now);
            link.DisabledAt = now;
            database.Record(actor.Audit(partner.Id, "signup-link", link.Id, "disabled", new { status = before }, new { status = "Disabled" }, now));
            await database.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    /// <summary>The link and its partner, or the problem that says why it takes no sign-up.</summary>
    private static async Task<(SignupLink Link, Domain.Partner Partner)> UsableLinkAsync(this PartnerDbContext database, string token, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var found = await database.SignupLinks.AsNoTracking()
            .Join(database.Partners, l => l.PartnerId, p => p.Id, (link, partner) => new { link, partner })
            .SingleOrDefaultAsync(x => x.link.Token == token, cancellationToken) ?? throw ProblemException.NotFound("signup link");
        return found.link.RefusalAt(now, found.partner.Status == PartnerStatus.Active) switch
        {
            null => (found.link, found.partner),
            "PARTNER_NOT_ACTIVE" => throw new ProblemException(StatusCodes.Status403Forbidden, "PARTNER_NOT_ACTIVE",
                $"{found.partner.Name} is not taking sign-ups right now."),
            var code => throw new ProblemException(StatusCodes.Status410Gone, code, code switch
            {
                "SIGNUP_LINK_DISABLED" => "This signup link was disabled by its partner.",
                "SIGNUP_LINK_EXPIRED" => "This signup link has expired.",
                _ => "This signup link has been used as many times as it allows.",
            }),
        };
    }

    private static async Task<Ok<PublicSignupLink>> ShowAsync(string token, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (link, partner) = await database.UsableLinkAsync(token, clock.GetUtcNow(), cancellationToken);
        var suites = link.Suites.Count > 0 ? SuiteCatalog.All.Where(s => link.Suites.Contains(s.Key)).ToList() : SuiteCatalog.All;
        return TypedResults.Ok(new PublicSignupLink(new LinkPartner(partner.Name, partner.Slug), suites, link.Suites.Count > 0, link.ExpiresAt));
    }

    private static async Task<Results<Accepted<ProvisioningAccepted>, ValidationProblem, ProblemHttpResult>> SignupAsync(
        string token, SignupRequest request, HttpResponse response, PartnerDbContext database, PartnerLimits limits, ProvisioningSettings settings,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (link, partner) = await database.UsableLinkAsync(token, now, cancellationToken);
        var suites = link.Suites.Count > 0 ? link.Suites : request.Suites;
        var asked = new ClientPlatformRequest(request.ClientName, request.Slug, new InstanceRequest(request.ClientName, suites, null), null,
            new AdminInvitee(request.Admin?.Email, request.Admin?.Name));
        var errors = new ValidationErrors()
            .Check(link.Suites.Count == 0 || request.Suites is null || request.Suites.Order().SequenceEqual(link.Suites.Order()), "suites",
                "This link presets the suites: leave them out.");
        foreach (var (field, problem) in asked.Problems())
        {
            errors.Check(false, field switch { "name" or "instance.name" => "clientName", "instance.suites" => "suites", _ => field }, problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // The use is counted in the transaction that accepts the sign-up: a link limited to n uses takes n, even at once.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        if (await database.RefuseAsync(partner, limits, response, now, cancellationToken) is { } refused)
        {
            return refused;
        }

        var counted = await database.SignupLinks
            .Where(l => l.Id == link.Id && l.DisabledAt == null && (l.MaxUses == null || l.Uses < l.MaxUses))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Uses, l => l.Uses + 1), cancellationToken);
        if (counted == 0)
        {
            return ApiProblems.Of(StatusCodes.Status410Gone, "SIGNUP_LINK_USED_UP", "This signup link has been used as many times as it allows.");
        }

        // Partner-first: the client belongs to the link's partner, whatever the request says.
        var message = new ClientPlatformRequested(Guid.NewGuid(), partner.Id, nameof(TenantCreator.PartnerSignupLink), request.ClientName!.Trim(),
            request.Slug!, request.ClientName.Trim(), [.. suites!], null, null, UserAccount.NormalizeEmail(request.Admin!.Email!), request.Admin.Name!.Trim(),
            now);
        var client = database.AcceptProvisioning(message, null, IdempotencyKey.Fingerprint(token + message.Slug), settings, link.Id);
        // The person signing up is known by the email they gave.
        database.Record(new Actor(null, message.AdminEmail, null).Audit(partner.Id, "provisioning", message.ProvisioningId, "signed-up", null,
            new { message.Name, message.Slug, message.Suites, message.AdminEmail, signupLinkId = link.Id }, now, client));
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/public/signup-links/{token}/signups/{message.ProvisioningId}",
            new ProvisioningAccepted(message.ProvisioningId, "Pending"));
    }

    private static async Task<Ok<ProvisioningStatus>> ProgressAsync(string token, Guid provisioningId, PartnerDbContext database,
        CancellationToken cancellationToken)
    {
        var madeHere = await database.ProvisioningRequests
            .AnyAsync(r => r.Id == provisioningId && database.SignupLinks.Any(l => l.Id == r.SignupLinkId && l.Token == token), cancellationToken);
        return madeHere ? TypedResults.Ok(await database.ProvisioningStatusAsync(provisioningId)) : throw ProblemException.NotFound("sign-up");
    }
}
