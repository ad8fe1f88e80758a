using WebWaka.Contracts;
using WebWaka.Contracts.Platform;

namespace WebWaka.Partner.Domain;

public sealed record AdminInvitee(string? Email, string? Name);

public sealed record InstanceRequest(string? Name, IReadOnlyList<string>? Suites, Branding? Branding);

/// <summary>The "Create Client Platform" request: a tenant, its default instance, an optional domain, its admin.</summary>
public sealed record ClientPlatformRequest(string? Name, string? Slug, InstanceRequest? Instance, string? Domain, AdminInvitee? Admin)
{
    /// <summary>Every problem with the request, by field, as the API reports them.</summary>
    public IEnumerable<(string Field, string Message)> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            yield return ("name", "Required, at most 200 characters.");
        }

        if (!Contracts.Slug.IsValid(Slug))
        {
            yield return ("slug", Contracts.Slug.Rule);
        }

        if (Instance is null)
        {
            yield return ("instance", "Required: the client's default instance.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(Instance.Name) || Instance.Name.Length > 200)
            {
                yield return ("instance.name", "Required, at most 200 characters.");
            }

            foreach (var problem in InstanceRules.SuiteErrors(Instance.Suites))
            {
                yield return ("instance.suites", problem);
            }

            if (Instance.Branding is { } branding)
            {
                foreach (var problem in InstanceRules.BrandingProblems(branding, "instance.branding"))
                {
                    yield return problem;
                }
            }
        }

        if (Domain is not null && !InstanceRules.IsHostname(Domain))
        {
            yield return ("domain", "A hostname such as shop.example.com.");
        }

        if (Admin is null)
        {
            yield return ("admin", "Required: the client's first admin.");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(Admin.Email) || !System.Net.Mail.MailAddress.TryCreate(Admin.Email, out var address) ||
                address.Address != Admin.Email.Trim() || Admin.Email.Length > 320)
            {
                yield return ("admin.email", "An email address.");
            }

            if (string.IsNullOrWhiteSpace(Admin.Name) || Admin.Name.Length > 200)
            {
                yield return ("admin.name", "Required, at most 200 characters.");
            }
        }
    }
}
