using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace WebWaka.Tenant.Apis;

/// <summary>Public signup cannot create a tenant (partner-first rule 2): it points the visitor to a partner instead.</summary>
public static class SignupApi
{
    public const string FindPartnerUrl = "/find-a-partner";
    public const string BecomePartnerUrl = "/become-a-partner";

    public static IEndpointRouteBuilder MapSignupApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/signup", RefuseSignup).AllowAnonymous();
        return app;
    }

    private static ProblemHttpResult RefuseSignup() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Client platforms are created by partners.",
        Detail = "WebWaka works through its partners: find a partner to create your platform, or become one.",
        Extensions =
        {
            ["code"] = "TENANT_CREATION_REQUIRES_PARTNER",
            ["findPartnerUrl"] = FindPartnerUrl,
            ["becomePartnerUrl"] = BecomePartnerUrl,
        },
    });
}
