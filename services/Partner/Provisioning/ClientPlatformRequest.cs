using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Contracts.Platform;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Provisioning;

public sealed record InstanceRequest(string? Name, IReadOnlyList<string>? Suites, Branding? Branding);

/// <summary>The "Create Client Platform" request: a tenant, its default instance, an optional domain, its admin.</summary>
public sealed record ClientPlatformRequest(string? Name, string? Slug, InstanceRequest? Instance, string? Domain, AdminInvitee? Admin)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The request and its body as sent, or why it cannot be read (not JSON, or malformed).</summary>
    public static async Task<(ClientPlatformRequest? Request, string Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest http)
    {
        if (!http.HasJsonContentType())
        {
            return (null, "", ApiProblems.Of(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Send the request as application/json."));
        }

        var body = await new StreamReader(http.Body, Encoding.UTF8).ReadToEndAsync(http.HttpContext.RequestAborted);
        try
        {
            return (JsonSerializer.Deserialize<ClientPlatformRequest>(body, Json), body, null);
        }
        catch (JsonException ex)
        {
            return (null, body, ApiProblems.Of(StatusCodes.Status400BadRequest, "MALFORMED_REQUEST", "The request is malformed.", ex.Message));
        }
    }

    /// <summary>The flow's first message, once the request is valid: names trimmed, the domain and email lower-cased.</summary>
    public ClientPlatformRequested Accepted(Guid provisioningId, Guid partnerId, string creator, DateTimeOffset now) => new(
        ProvisioningId: provisioningId,
        PartnerId: partnerId,
        Creator: creator,
        Name: Name!.Trim(),
        Slug: Slug!,
        InstanceName: Instance!.Name!.Trim(),
        Suites: Instance.Suites!,
        Branding: Instance.Branding,
        Domain: Domain?.Trim().ToLowerInvariant(),
        AdminEmail: Admin!.Email!.Trim().ToLowerInvariant(),
        AdminName: Admin.Name!.Trim(),
        OccurredAt: now);

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
