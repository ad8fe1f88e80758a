using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WebWaka.Contracts.PartnerFirst;

namespace WebWaka.Api;

/// <summary>Partner-first rule 2's answer to public signup, the same wherever it is given.</summary>
public static class PartnerFirstProblems
{
    public const string FindPartnerUrl = "/find-a-partner";
    public const string BecomePartnerUrl = "/become-a-partner";

    public static ProblemHttpResult SignupRefused() => ApiProblems.Of(
        StatusCodes.Status403Forbidden,
        PartnerFirstGuard.TenantCreationRequiresPartner,
        "Client platforms are created by partners.",
        "WebWaka works through its partners: find a partner to create your platform, or become one.",
        new Dictionary<string, object?> { ["findPartnerUrl"] = FindPartnerUrl, ["becomePartnerUrl"] = BecomePartnerUrl });
}
