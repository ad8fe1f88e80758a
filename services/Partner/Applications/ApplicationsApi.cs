using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Contracts.Platform;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Messaging;
using WebWaka.Partner.Apis;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Applications;

public sealed record ApplyRequest(string? OrganisationName, string? ContactName, string? ContactEmail, string? Website, IReadOnlyList<string>? Regions,
    IReadOnlyList<string>? Suites, string? Message);

public sealed record ApplicationReceived(Guid Id, string Status);

public sealed record ApplicationResponse(Guid Id, string OrganisationName, string ContactName, string ContactEmail, string? Website,
    IReadOnlyList<string> Regions, IReadOnlyList<string> Suites, string? Message, string Status, string? ReviewedBy, DateTimeOffset? ReviewedAt,
    string? RejectionReason, Guid? PartnerId, DateTimeOffset CreatedAt)
{
    public static ApplicationResponse From(PartnerApplication a) => new(a.Id, a.OrganisationName, a.ContactName, a.ContactEmail, a.Website, a.Regions,
        a.Suites, a.Message, a.Status.ToString(), a.ReviewedBy, a.ReviewedAt, a.RejectionReason, a.PartnerId, a.CreatedAt);
}

public sealed record ApproveRequest(string? Slug);

public sealed record RejectRequest(string? Reason);

/// <summary>
/// "Become a Partner": anyone applies (the gateway rate-limits it; the applicant gets an acknowledgement email); the
/// platform operator approves an application (the partner is made and the applicant invited as its first admin) or
/// rejects it with a reason the applicant is emailed.
/// </summary>
public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/public/partner-applications", ApplyAsync).AllowAnonymous().WithTags("Public")
            .WithSummary("Become a Partner: an application, acknowledged by email and reviewed by the platform operator.");
        var review = app.MapGroup("/api/admin/partner-applications").RequireAuthorization(Policies.PlatformOperator).WithTags("Partner applications");
        review.MapGet("/", ListAsync).WithSummary("Applications, newest first, by status.");
        review.MapGet("/{applicationId:guid}", GetAsync).WithSummary("One application.");
        review.MapPost("/{applicationId:guid}/approve", ApproveAsync).WithSummary("Makes the applicant a partner and invites them as its first admin.");
        review.MapPost("/{applicationId:guid}/reject", RejectAsync).WithSummary("Turns the application down; the applicant is emailed the reason.");
        return app;
    }

    private static async Task<Results<Accepted<ApplicationReceived>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        ApplyRequest request, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var regions = (request.Regions ?? []).Select(r => r?.Trim() ?? "").ToList();
        var errors = new ValidationErrors()
            .Required("organisationName", request.OrganisationName)
            .Required("contactName", request.ContactName)
            .Email("contactEmail", request.ContactEmail)
            .Check(request.Website is null || (Uri.TryCreate(request.Website, UriKind.Absolute, out var site) && site.Scheme is "http" or "https" &&
                request.Website.Length <= 2048), "website", "An http or https URL.")
            .Check(regions.Count <= 20 && regions.All(r => r.Length is > 0 and <= 100), "regions", "At most 20, each 1 to 100 characters.")
            .Check(request.Message is null || request.Message.Length <= 4000, "message", "At most 4000 characters.");
        errors.Add("suites", request.Suites is { Count: > 0 } suites ? InstanceRules.SuiteErrors(suites) : []);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var application = new PartnerApplication
        {
            Id = Guid.CreateVersion7(now), OrganisationName = request.OrganisationName!.Trim(), ContactName = request.ContactName!.Trim(),
            ContactEmail = UserAccount.NormalizeEmail(request.ContactEmail!), Website = request.Website, Regions = regions, Suites = [.. request.Suites ?? []],
            Message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(), CreatedAt = now,
        };
        database.Applications.Add(application);
        database.Publish(new PartnerApplicationReceived(application.Id, application.OrganisationName, application.ContactName, application.ContactEmail, now));
        database.Record(new Actor(null, application.ContactEmail, null).Audit(null, "application", application.Id, "submitted", null,
            new { application.OrganisationName, application.ContactEmail }, now));
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "APPLICATION_PENDING",
                "An application from this email is waiting for review already: you will hear from us by email.");
        }

        return TypedResults.Accepted((string?)null, new ApplicationReceived(application.Id, application.Status.ToString()));
    }

    private static async Task<Results<Ok<PagedList<ApplicationResponse>>, ValidationProblem>> ListAsync(
        PartnerDbContext database, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        var wanted = ListFilters.Status<ApplicationStatus>(status, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var applications = database.Applications.AsNoTracking();
        if (wanted is not null)
        {
            applications = applications.Where(a => a.Status == wanted);
        }

        return TypedResults.Ok(await paging.ApplyAsync(database, applications.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id),
            ApplicationResponse.From, cancellationToken));
    }

    private static async Task<Ok<ApplicationResponse>> GetAsync(Guid applicationId, PartnerDbContext database, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApplicationResponse.From(await database.ApplicationAsync(applicationId, cancellationToken)));

    private static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        Guid applicationId, ApproveRequest? request, Actor actor, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var application = await database.ApplicationAsync(applicationId, cancellationToken);
        var slug = request?.Slug ?? Slug.From(application.OrganisationName);
        var errors = new ValidationErrors().Check(Slug.IsValid(slug), "slug", Slug.Rule);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await database.Partners.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            return AdminPartnersApi.SlugTaken(slug!);
        }

        var now = clock.GetUtcNow();
        var partner = database.AddPartner(application.OrganisationName, slug!, application.ContactEmail, listed: false,
            new Domain.AdminInvitee(application.ContactEmail, application.ContactName), actor, now);
        partner.Website = application.Website;
        partner.Regions = application.Regions;
        partner.SuitesDelivered = application.Suites;
        if (!application.TryApprove(partner.Id, actor.Email, now))
        {
            return AlreadyReviewed(application);
        }

        database.Publish(new PartnerApplicationApproved(application.Id, partner.Id, now));
        database.Record(actor.Audit(null, "application", application.Id, "approved", new { status = "Pending" },
            new { status = "Approved", partnerId = partner.Id }, now));
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another request took the slug between our check and our insert.
            return AdminPartnersApi.SlugTaken(slug!);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another operator reviewed it meanwhile.
            database.ChangeTracker.Clear();
            return AlreadyReviewed(await database.ApplicationAsync(applicationId, cancellationToken));
        }

        return TypedResults.Ok(ApplicationResponse.From(application));
    }

    private static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid applicationId, RejectRequest request, Actor actor, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors().Required("reason", request.Reason, maxLength: 2000);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var application = await database.ApplicationAsync(applicationId, cancellationToken);
        var now = clock.GetUtcNow();
        if (!application.TryReject(request.Reason!.Trim(), actor.Email, now))
        {
            return AlreadyReviewed(application);
        }

        database.Publish(new PartnerApplicationRejected(application.Id, application.OrganisationName, application.ContactName, application.ContactEmail,
            application.RejectionReason!, now));
        database.Record(actor.Audit(null, "application", application.Id, "rejected", new { status = "Pending" },
            new { status = "Rejected", reason = application.RejectionReason }, now));
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            database.ChangeTracker.Clear();
            return AlreadyReviewed(await database.ApplicationAsync(applicationId, cancellationToken));
        }

        return TypedResults.Ok(ApplicationResponse.From(application));
    }

    private static async Task<PartnerApplication> ApplicationAsync(this PartnerDbContext database, Guid id, CancellationToken cancellationToken) =>
        await database.Applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw ProblemException.NotFound("application");

    private static ProblemHttpResult AlreadyReviewed(PartnerApplication application) =>
        ApiProblems.Of(StatusCodes.Status409Conflict, "APPLICATION_ALREADY_REVIEWED", $"The application was {application.Status} already.");
}
