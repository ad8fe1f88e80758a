using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts.Platform;
using WebWaka.Identity;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Directory;

public sealed record ProfileRequest(string? Description, string? Website, IReadOnlyList<string>? Regions, IReadOnlyList<string>? Suites, bool? ListedInDirectory);

/// <summary>A partner's public face: only what a prospective client should see, never its contact email or status.</summary>
public sealed record PublicPartner(string Name, string Slug, string? Description, string? Website, IReadOnlyList<string> Regions, IReadOnlyList<string> Suites)
{
    public static PublicPartner From(Domain.Partner partner) =>
        new(partner.Name, partner.Slug, partner.Description, partner.Website, partner.Regions, partner.SuitesDelivered);
}

public sealed record ProfileResponse(string Name, string Slug, string? Description, string? Website, IReadOnlyList<string> Regions,
    IReadOnlyList<string> Suites, bool ListedInDirectory)
{
    public static ProfileResponse From(Domain.Partner partner) => new(partner.Name, partner.Slug, partner.Description, partner.Website, partner.Regions,
        partner.SuitesDelivered, partner.ListedInDirectory);
}

/// <summary>
/// "Find a Partner": the directory of active partners that chose to be listed, and each partner's profile in it. WebWaka
/// appears there only as the ordinary partner WebWaka Digital Services is, if it lists itself.
/// </summary>
public static class DirectoryApi
{
    private const int MaxRegions = 20;

    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/partners", ListAsync).AllowAnonymous().WithTags("Public")
            .WithSummary("Find a Partner: listed, active partners, by name, suite or region.");
        var profile = app.MapGroup("/api/partner/profile").RequireAuthorization(Policies.PartnerOperator).WithTags("Profile");
        profile.MapGet("/", GetAsync).WithSummary("The partner's directory profile.");
        profile.MapPut("/", UpdateAsync).WithSummary("Replaces the partner's directory profile, and whether it is listed.");
        return app;
    }

    private static async Task<Results<Ok<PagedList<PublicPartner>>, ValidationProblem>> ListAsync(
        PartnerDbContext database, string? search, string? suite, string? region, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Check(suite is null || SuiteCatalog.Contains(suite), "suite", "A suite of GET /api/catalog/suites.")
            .Check(region is null || region.Length <= 100, "region", "At most 100 characters.");
        var paging = Paging.From(page, pageSize, errors);
        var pattern = ListFilters.SearchPattern(search, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var partners = database.Partners.AsNoTracking().Where(p => p.ListedInDirectory && p.Status == PartnerStatus.Active);
        if (pattern is not null)
        {
            partners = partners.Where(p => EF.Functions.ILike(p.Name, pattern) || EF.Functions.ILike(p.Description ?? "", pattern));
        }

        if (suite is not null)
        {
            partners = partners.Where(p => p.SuitesDelivered.Contains(suite));
        }

        if (region is not null)
        {
            partners = partners.Where(p => p.Regions.Any(r => EF.Functions.ILike(r, region.Trim())));
        }

        return TypedResults.Ok(await paging.ApplyAsync(database, partners.OrderBy(p => p.Name).ThenBy(p => p.Id), PublicPartner.From, cancellationToken));
    }

    private static async Task<Ok<ProfileResponse>> GetAsync(ActingPartner acting, PartnerDbContext database, CancellationToken cancellationToken) =>
        TypedResults.Ok(ProfileResponse.From(await database.Partners.AsNoTracking().SingleAsync(p => p.Id == acting.Id, cancellationToken)));

    private static async Task<Results<Ok<ProfileResponse>, ValidationProblem>> UpdateAsync(
        ProfileRequest request, ActingPartner acting, Actor actor, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var regions = (request.Regions ?? []).Select(r => r?.Trim() ?? "").ToList();
        var errors = new ValidationErrors()
            .Check(request.Description is null || request.Description.Length <= 2000, "description", "At most 2000 characters.")
            .Check(request.Website is null || IsWebsite(request.Website), "website", "An http or https URL.")
            .Check(regions.Count <= MaxRegions && regions.All(r => r.Length is > 0 and <= 100), "regions", $"At most {MaxRegions}, each 1 to 100 characters.")
            .Check(request.ListedInDirectory is not null, "listedInDirectory", "Required: true to be found in the directory.");
        errors.Add("suites", request.Suites is { Count: > 0 } suites ? InstanceRules.SuiteErrors(suites) : []);

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var partner = await database.Partners.SingleAsync(p => p.Id == acting.Id, cancellationToken);
        var before = ProfileResponse.From(partner);
        partner.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        partner.Website = request.Website;
        partner.Regions = regions.Distinct().ToList();
        partner.SuitesDelivered = [.. request.Suites ?? []];
        partner.ListedInDirectory = request.ListedInDirectory!.Value;
        var after = ProfileResponse.From(partner);
        database.Record(actor.Audit(partner.Id, "partner", partner.Id, "profile-changed", before, after, clock.GetUtcNow()));
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    private static bool IsWebsite(string value) =>
        value.Length <= 2048 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
