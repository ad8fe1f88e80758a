using WebWaka.Api;
using WebWaka.Contracts.PartnerFirst;

namespace WebWaka.Tenant.Apis;

/// <summary>Public signup cannot create a tenant (partner-first rule 2): it points the visitor to a partner instead.</summary>
public static class SignupApi
{
    public static IEndpointRouteBuilder MapSignupApi(this IEndpointRouteBuilder app)
    {
        // The guard decides, as on every path that could create a tenant; for public signup it always refuses.
        app.MapPost("/api/signup", () => PartnerFirstGuard.Attribute(TenantCreator.PublicSignup, partnerId: null) switch
        {
            PartnerAttribution.Refused => PartnerFirstProblems.SignupRefused(),
            _ => throw new InvalidOperationException("Public signup must never create a tenant."),
        }).AllowAnonymous();
        return app;
    }
}
