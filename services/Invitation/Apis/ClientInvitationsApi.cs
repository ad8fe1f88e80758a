using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Invitation.Data;
using WebWaka.Invitation.Domain;
using WebWaka.Invitation.Messaging;
using WebWaka.Messaging;

namespace WebWaka.Invitation.Apis;

public sealed record InviteClientAdminRequest(string? Email, string? Name, string? Role);

/// <summary>An invitation as its partner sees it; never its token.</summary>
public sealed record InvitationSummary(Guid Id, string Email, string Name, string Role, string Status, DateTimeOffset ExpiresAt,
    DateTimeOffset? EmailSentAt, DateTimeOffset? AcceptedAt, DateTimeOffset CreatedAt)
{
    public static InvitationSummary From(Domain.Invitation invitation, DateTimeOffset now) => new(invitation.Id, invitation.Email, invitation.Name,
        invitation.Role, invitation.StatusAt(now), invitation.ExpiresAt, invitation.EmailSentAt, invitation.AcceptedAt, invitation.CreatedAt);
}

/// <summary>
/// A partner invites its client's admins: lists the invitations, invites another <c>TENANT_ADMIN</c>, sends one again
/// with a new token (the old one dies), revokes one. Another partner's client is 404 (partner-first rule 7); a
/// suspended or archived client gets no new invitation.
/// </summary>
public static class ClientInvitationsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapClientInvitationsApi(this IEndpointRouteBuilder app)
    {
        var invitations = app.MapGroup("/api/partner/clients/{tenantId:guid}/invitations")
            .RequireAuthorization(Policies.PartnerOperator)
            .WithTags("Client invitations");
        invitations.MapGet("/", ListAsync).WithSummary("The invitations to administer a client, newest first.");
        invitations.MapPost("/", InviteAsync).WithSummary("Invites another admin of the client by email.");
        invitations.MapPost("/{invitationId:guid}/resend", ResendAsync).WithSummary("Emails a pending invitation again with a new token; the old token stops working.");
        invitations.MapDelete("/{invitationId:guid}", RevokeAsync).WithSummary("Revokes a pending invitation.");
        return app;
    }

    private static Task<KnownClient> ClientOfAsync(this InvitationDbContext database, Guid tenantId, ActingPartner partner, CancellationToken cancellationToken) =>
        database.ClientOfAsync(tenantId, partner, database.Invitations.Where(i => i.TenantId == tenantId).Select(i => i.PartnerId), cancellationToken);

    private static async Task<Domain.Invitation> InvitationOfAsync(this InvitationDbContext database, Guid tenantId, Guid invitationId,
        CancellationToken cancellationToken) =>
        await database.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.TenantId == tenantId, cancellationToken)
            ?? throw ProblemException.NotFound("invitation");

    private static async Task<Results<Ok<PagedList<InvitationSummary>>, ValidationProblem>> ListAsync(
        Guid tenantId, ActingPartner partner, InvitationDbContext database, TimeProvider clock, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var now = clock.GetUtcNow();
        var invitations = database.Invitations.AsNoTracking().Where(i => i.TenantId == tenantId).OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id);
        return TypedResults.Ok(await paging.ApplyAsync(invitations, i => InvitationSummary.From(i, now), cancellationToken));
    }

    private static async Task<Results<Created<InvitationSummary>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        Guid tenantId, InviteClientAdminRequest request, HttpRequest http, ActingPartner partner, Actor actor, InvitationDbContext database,
        InvitationSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Email("email", request.Email)
            .Check(request.Name is null || (request.Name.Trim().Length is > 0 and <= 200), "name", "At most 200 characters, not blank.")
            .Check(request.Role is null or Roles.TenantAdmin, "role", $"{Roles.TenantAdmin}: a client's invitations make client admins.");
        var key = IdempotencyKey.From(http, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var fingerprint = IdempotencyKey.Fingerprint($"{tenantId}:{JsonSerializer.Serialize(request, Json)}");
        if (key is not null && await database.InvitedEarlierAsync(partner, key, fingerprint, clock, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        client.EnsureAcceptsChanges();
        var now = clock.GetUtcNow();
        var email = request.Email!.Trim().ToLowerInvariant();
        if (await database.Invitations.AnyAsync(i => i.TenantId == tenantId && i.Email == email && i.Status == InvitationStatus.Pending && i.ExpiresAt > now,
                cancellationToken))
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "INVITATION_PENDING",
                $"{email} has a pending invitation to this client already: send that one again instead.");
        }

        var invitation = Domain.Invitation.Unsent(Guid.CreateVersion7(now), email, request.Name ?? email, Roles.TenantAdmin, partner.Id, tenantId,
            client.Name, now, settings.Lifetime, idempotencyKey: key, requestHash: key is null ? null : fingerprint);
        database.Invitations.Add(invitation);
        database.Publish(SendOf(invitation));
        database.Publish(actor.Audit(partner.Id, "invitation", invitation.Id, "created", null,
            new { invitation.Email, invitation.Name, invitation.Role, tenantId }, now));
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && key is not null)
        {
            // The same key arrived twice at once, and the other request won.
            database.ChangeTracker.Clear();
            return (await database.InvitedEarlierAsync(partner, key, fingerprint, clock, cancellationToken))!;
        }

        return Created(invitation, now);
    }

    private static async Task<Results<Ok<InvitationSummary>, ProblemHttpResult>> ResendAsync(
        Guid tenantId, Guid invitationId, ActingPartner partner, Actor actor, InvitationDbContext database, InvitationSettings settings,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var invitation = await database.InvitationOfAsync(tenantId, invitationId, cancellationToken);
        client.EnsureAcceptsChanges();
        var now = clock.GetUtcNow();
        var expired = invitation.ExpiresAt;
        if (!invitation.TryResend(now, settings.Lifetime))
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "INVITATION_NOT_PENDING",
                $"The invitation is {invitation.Status}: only a pending invitation can be sent again.");
        }

        database.Publish(SendOf(invitation));
        database.Publish(actor.Audit(partner.Id, "invitation", invitation.Id, "resent", new { expiresAt = expired }, new { expiresAt = invitation.ExpiresAt }, now));
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(InvitationSummary.From(invitation, now));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid tenantId, Guid invitationId, ActingPartner partner, Actor actor, InvitationDbContext database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await database.ClientOfAsync(tenantId, partner, cancellationToken);
        var invitation = await database.InvitationOfAsync(tenantId, invitationId, cancellationToken);
        if (invitation.Status == InvitationStatus.Revoked)
        {
            return TypedResults.NoContent();
        }

        if (!invitation.TryRevoke())
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "INVITATION_ALREADY_USED", "The invitation has been accepted: remove the user instead.");
        }

        var now = clock.GetUtcNow();
        database.Publish(new InvitationRevoked(invitation.Id, invitation.PartnerId, invitation.TenantId, invitation.ProvisioningId, now));
        database.Publish(actor.Audit(partner.Id, "invitation", invitation.Id, "revoked", new { status = "Pending" }, new { status = "Revoked" }, now));
        // An accept that claimed the invitation meanwhile makes this fail on the status check (a concurrency token).
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static SendInvitation SendOf(Domain.Invitation invitation) => new(invitation.Id, invitation.Email, invitation.Name, invitation.Role,
        invitation.PartnerId, invitation.TenantId, ProvisioningId: null, invitation.OrganisationName);

    private static Created<InvitationSummary> Created(Domain.Invitation invitation, DateTimeOffset now) =>
        TypedResults.Created($"/api/partner/clients/{invitation.TenantId}/invitations/{invitation.Id}", InvitationSummary.From(invitation, now));

    /// <summary>The first answer to a repeated key with the same request; a key used for another request is 422.</summary>
    private static async Task<Created<InvitationSummary>?> InvitedEarlierAsync(this InvitationDbContext database, ActingPartner partner, string key,
        string fingerprint, TimeProvider clock, CancellationToken cancellationToken)
    {
        var earlier = await database.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.PartnerId == partner.Id && i.IdempotencyKey == key, cancellationToken);
        return earlier switch
        {
            null => null,
            _ when earlier.RequestHash == fingerprint => Created(earlier, clock.GetUtcNow()),
            _ => throw IdempotencyKey.Reused(),
        };
    }
}
