using WebWaka.Contracts.Platform;
using WebWaka.Identity;

namespace WebWaka.Instance.Apis;

public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/catalog/suites", () => TypedResults.Ok(SuiteCatalog.All)).RequireAuthorization(Policies.PartnerOperator);
        return app;
    }
}
