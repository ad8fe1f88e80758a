using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Identity;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;
using WebWaka.Partner.Provisioning;

namespace WebWaka.Partner.Apis;

/// <summary>A limit and, where the Partner service counts it, how much of it is in use now.</summary>
public sealed record LimitInUse(int Limit, int? Used);

public sealed record LimitsResponse(LimitInUse CreatesPerMinute, LimitInUse ProvisioningsInFlight, LimitInUse RequestsPerMinute);

/// <summary>What a partner operator asks of its own partner.</summary>
public static class PartnerApi
{
    public static IEndpointRouteBuilder MapPartnerApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/api/partner").RequireAuthorization(Policies.PartnerOperator);
        partner.MapGet("/me", GetMyPartnerAsync);
        partner.MapGet("/limits", GetLimitsAsync).WithSummary("What the partner may ask at once, and how much of it is in use.");
        return app;
    }

    private static async Task<Results<Ok<LimitsResponse>, ProblemHttpResult>> GetLimitsAsync(ActingPartner acting, PartnerDbContext database,
        PartnerLimits defaults, TimeProvider clock, CancellationToken cancellationToken)
    {
        var partner = await database.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == acting.Id, cancellationToken);
        if (partner is null)
        {
            return ApiProblems.NotFound("partner");
        }

        var limits = defaults.Of(partner);
        var usage = await database.UsageAsync(partner.Id, clock.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new LimitsResponse(new LimitInUse(limits.CreatesPerMinute, usage.StartedLastMinute),
            new LimitInUse(limits.ProvisioningsInFlight, usage.InFlight), new LimitInUse(limits.RequestsPerMinute, null)));
    }

    private static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> GetMyPartnerAsync(ActingPartner acting, PartnerDbContext database)
    {
        var partner = await database.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == acting.Id);
        return partner is null ? ApiProblems.NotFound("partner") : TypedResults.Ok(PartnerResponse.From(partner));
    }
}
