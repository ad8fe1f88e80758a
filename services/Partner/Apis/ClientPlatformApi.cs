using System.Text.Json.Serialization;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts.PartnerFirst;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Messaging;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;
using WebWaka.Partner.Messaging;

namespace WebWaka.Partner.Apis;

public sealed record ProvisioningAccepted(Guid ProvisioningId, string Status);

public sealed record ProvisioningFailure(string Code, string Message);

public sealed record ProvisioningStatus(
    Guid ProvisioningId,
    string Status,
    IReadOnlyList<ProvisioningStep> Steps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? TenantId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProvisioningFailure? Failure);

/// <summary>
/// "Create Client Platform": accepted at once (202) and provisioned across the services by the saga.
/// The client belongs to the caller's partner, from the token: never from the body, the query or a header.
/// </summary>
public static class ClientPlatformApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapClientPlatformApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/partner/clients").RequireAuthorization(Policies.PartnerOperator);
        clients.MapPost("/", CreateAsync);
        clients.MapGet("/provisioning/{provisioningId:guid}", GetStatusAsync);
        return app;
    }

    private static async Task<Results<Accepted<ProvisioningAccepted>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ActingPartner partner, Actor actor, PartnerDbContext database, TimeProvider clock)
    {
        if (!http.Request.HasJsonContentType())
        {
            return ApiProblems.Of(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Send the request as application/json.");
        }

        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync(http.RequestAborted);
        ClientPlatformRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ClientPlatformRequest>(body, Json);
        }
        catch (JsonException ex)
        {
            return ApiProblems.Of(StatusCodes.Status400BadRequest, "MALFORMED_REQUEST", "The request is malformed.", ex.Message);
        }

        var errors = new ValidationErrors().Check(request is not null, "body", "Required.");
        errors.Add(request?.Problems() ?? []);

        var idempotencyKey = IdempotencyKey.From(http.Request, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var hash = IdempotencyKey.Fingerprint(body);
        if (idempotencyKey is not null && await AnswerAgainAsync(database, partner, idempotencyKey, hash) is { } earlier)
        {
            return earlier;
        }

        var message = Requested(request!, partner, (PartnerFirstGuard.CreatorForRole(WebWakaClaims.RoleOf(http.User)) ?? TenantCreator.Partner).ToString(), clock);
        database.ProvisioningRequests.Add(ProvisioningRequest.From(message, idempotencyKey, hash));
        database.Publish(message);
        database.Publish(actor.Audit(partner.Id, "provisioning", message.ProvisioningId, "requested", null,
            new { message.Name, message.Slug, message.InstanceName, message.Suites, message.Domain, message.AdminEmail }, message.OccurredAt));
        try
        {
            await database.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && idempotencyKey is not null)
        {
            // The same key arrived twice at once, and the other request won.
            database.ChangeTracker.Clear();
            return (await AnswerAgainAsync(database, partner, idempotencyKey, hash))!;
        }

        return Accepted(message.ProvisioningId);
    }

    /// <summary>The first answer to a repeated key with the same body; 422 for the same key with another body.</summary>
    private static async Task<Accepted<ProvisioningAccepted>?> AnswerAgainAsync(
        PartnerDbContext database, ActingPartner partner, string key, string hash)
    {
        var earlier = await database.ProvisioningRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.PartnerId == partner.Id && r.IdempotencyKey == key);
        return earlier switch
        {
            null => null,
            _ when earlier.RequestHash == hash => Accepted(earlier.Id),
            _ => throw IdempotencyKey.Reused(),
        };
    }

    private static Accepted<ProvisioningAccepted> Accepted(Guid provisioningId) =>
        TypedResults.Accepted($"/api/partner/clients/provisioning/{provisioningId}", new ProvisioningAccepted(provisioningId, "Pending"));

    private static ClientPlatformRequested Requested(ClientPlatformRequest request, ActingPartner partner, string creator, TimeProvider clock) => new(
        ProvisioningId: Guid.NewGuid(),
        PartnerId: partner.Id,
        Creator: creator,
        Name: request.Name!.Trim(),
        Slug: request.Slug!,
        InstanceName: request.Instance!.Name!.Trim(),
        Suites: request.Instance.Suites!,
        Branding: request.Instance.Branding,
        Domain: request.Domain?.Trim().ToLowerInvariant(),
        AdminEmail: request.Admin!.Email!.Trim().ToLowerInvariant(),
        AdminName: request.Admin.Name!.Trim(),
        OccurredAt: clock.GetUtcNow());

    private static async Task<Results<Ok<ProvisioningStatus>, ProblemHttpResult>> GetStatusAsync(
        Guid provisioningId, ActingPartner partner, PartnerDbContext database)
    {
        if (!await database.ProvisioningRequests.AnyAsync(r => r.Id == provisioningId && r.PartnerId == partner.Id))
        {
            return ApiProblems.NotFound("provisioning");
        }

        return TypedResults.Ok(await database.ProvisioningStatusAsync(provisioningId));
    }

    /// <summary>Where a Create Client Platform flow stands: its status, each step, the tenant once it exists, the failure.</summary>
    public static async Task<ProvisioningStatus> ProvisioningStatusAsync(this PartnerDbContext database, Guid provisioningId)
    {
        var flow = await database.ClientPlatforms.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == provisioningId);
        var state = flow?.CurrentState;
        var tenantExists = flow is not null && state != ProvisioningProgress.CreatingTenant && flow.FailedIn != ProvisioningProgress.CreatingTenant;
        return new ProvisioningStatus(
            provisioningId,
            ProvisioningProgress.StatusOf(state),
            ProvisioningProgress.Describe(state, flow?.FailedIn),
            tenantExists ? flow!.TenantId : null,
            flow?.FailureCode is { } code ? new ProvisioningFailure(code, flow.FailureMessage ?? "") : null);
    }
}
