using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using WebWaka.Api;
using WebWaka.Contracts.PartnerFirst;

namespace WebWaka.Identity;

/// <summary>
/// The partner a signed-in operator acts for, taken from the token alone (never from the body, the query or
/// a header): a partner admin acts for its own partner, a super admin for WebWaka Digital Services.
/// Declare it as an endpoint parameter; a caller who acts for no partner gets 403 with the guard's code.
/// </summary>
public readonly record struct ActingPartner(Guid Id)
{
    public static PartnerAttribution Resolve(ClaimsPrincipal user) =>
        PartnerFirstGuard.CreatorForRole(WebWakaClaims.RoleOf(user)) is { } creator
            ? PartnerFirstGuard.Attribute(creator, WebWakaClaims.PartnerIdOf(user))
            : new PartnerAttribution.Refused("FORBIDDEN", "This role does not act for a partner.");

    public static ValueTask<ActingPartner> BindAsync(HttpContext context, ParameterInfo parameter) =>
        Resolve(context.User) switch
        {
            PartnerAttribution.Attributed attributed => ValueTask.FromResult(new ActingPartner(attributed.PartnerId)),
            PartnerAttribution.Refused refused => throw new ProblemException(StatusCodes.Status403Forbidden, refused.Code, refused.Message),
            _ => throw new InvalidOperationException("Unknown attribution."),
        };
}
