using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Identity;
using WebWaka.Partner.Data;

namespace WebWaka.Partner.Apis;

/// <summary>What a partner operator asks of its own partner.</summary>
public static class PartnerApi
{
    public static IEndpointRouteBuilder MapPartnerApi(this IEndpointRouteBuilder app)
    {
        var partner = app.MapGroup("/api/partner").RequireAuthorization(Policies.PartnerOperator);
        partner.MapGet("/me", GetMyPartnerAsync);
        return app;
    }

    private static async Task<Results<Ok<PartnerResponse>, ProblemHttpResult>> GetMyPartnerAsync(ActingPartner acting, PartnerDbContext database)
    {
        var partner = await database.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == acting.Id);
        return partner is null ? ApiProblems.NotFound("partner") : TypedResults.Ok(PartnerResponse.From(partner));
    }
}
