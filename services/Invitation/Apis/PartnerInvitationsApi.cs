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

public sealed record InviteRequest(string? Email, string? Name, string? Role);

/// <summary>An invitation as its partner sees it; never its token.</summary>
public sealed record InvitationSummary(Guid Id, string Email, string Name, string Role, string Status, DateTimeOffset ExpiresAt,
    DateTimeOffset? EmailSentAt, DateTimeOffset? AcceptedAt, DateTimeOffset CreatedAt)
{
    public static InvitationSummary From(Domain.Invitation invitation, DateTimeOffset now) => new(invitation.Id, invitation.Email, invitation.Name,
        invitation.Role, invitation.StatusAt(now), invitation.ExpiresAt, invitation.EmailSentAt, invitation.AcceptedAt, invitation.CreatedAt);
}

/// <summary>
/// Who a partner's invitations are to: the admins of one of its clients (<c>TENANT_ADMIN</c>), or its own team
/// (<c>PARTNER_ADMIN</c>). <see cref="Client"/> is the client, whose status decides whether it takes new invitations.
/// </summary>
internal sealed record InvitationScope(Guid PartnerId, Guid? TenantId, string Role, string? OrganisationName, KnownClient? Client)
{
    public IQueryable<Domain.Invitation> Of(InvitationDbContext database) =>
        database.Invitations.Where(i => i.PartnerId == PartnerId && i.TenantId == TenantId && i.Role == Role);

    public void EnsureAcceptsChanges() => Client?.EnsureAcceptsChanges();

    public string PathOf(Guid invitationId) => TenantId is { } tenantId
        ? $"/api/partner/clients/{tenantId}/invitations/{invitationId}"
        : $"/api/partner/users/invitations/{invitationId}";
}

/// <summary>
/// A partner's invitations: to administer one of its clients (<c>/api/partner/clients/{tenantId}/invitations</c>) and
/// to join its own team (<c>/api/partner/users/invitations</c>). List, invite, send again with a new token (the old one
/// dies), revoke. Another partner's client is 404 (partner-first rule 7); a suspended or archived client gets no new
/// invitation.
/// </summary>
public static class PartnerInvitationsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapPartnerInvitationsApi(this IEndpointRouteBuilder app)
    {
        var client = app.MapGroup("/api/partner/clients/{tenantId:guid}/invitations")
            .RequireAuthorization(Policies.PartnerOperator)
            .WithTags("Client invitations");
        client.MapGet("/", (Guid tenantId, ActingPartner partner, InvitationDbContext database, TimeProvider clock, int? page, int? pageSize,
                CancellationToken cancellationToken) =>
                ListAsync(() => database.ClientScopeAsync(tenantId, partner, cancellationToken), database, clock, page, pageSize, cancellationToken))
            .WithSummary("The invitations to administer a client, newest first.");
        client.MapPost("/", (Guid tenantId, InviteRequest request, HttpRequest http, ActingPartner partner, Actor actor, InvitationDbContext database,
                InvitationSettings settings, TimeProvider clock, CancellationToken cancellationToken) =>
                InviteAsync(() => database.ClientScopeAsync(tenantId, partner, cancellationToken), request, http, actor, database, settings, clock, cancellationToken))
            .WithSummary("Invites another admin of the client by email.");
        client.MapPost("/{invitationId:guid}/resend", (Guid tenantId, Guid invitationId, ActingPartner partner, Actor actor, InvitationDbContext database,
                InvitationSettings settings, TimeProvider clock, CancellationToken cancellationToken) =>
                ResendAsync(() => database.ClientScopeAsync(tenantId, partner, cancellationToken), invitationId, actor, database, settings, clock, cancellationToken))
            .WithSummary("Emails a pending invitation again with a new token; the old token stops working.");
        client.MapDelete("/{invitationId:guid}", (Guid tenantId, Guid invitationId, ActingPartner partner, Actor actor, InvitationDbContext database,
                TimeProvider clock, CancellationToken cancellationToken) =>
                RevokeAsync(() => database.ClientScopeAsync(tenantId, partner, cancellationToken), invitationId, actor, database, clock, cancellationToken))
            .WithSummary("Revokes a pending invitation.");

        var team = app.MapGroup("/api/partner/users/invitations")
            .RequireAuthorization(Policies.PartnerOperator)
            .WithTags("Team");
        team.MapGet("/", (ActingPartner partner, InvitationDbContext database, TimeProvider clock, int? page, int? pageSize, CancellationToken cancellationToken) =>
                ListAsync(() => database.TeamScopeAsync(partner, cancellationToken), database, clock, page, pageSize, cancellationToken))
            .WithSummary("The invitations to join the partner's team as admins, newest first.");
        team.MapPost("/", (InviteRequest request, HttpRequest http, ActingPartner partner, Actor actor, InvitationDbContext database,
                InvitationSettings settings, TimeProvider clock, CancellationToken cancellationToken) =>
                InviteAsync(() => database.TeamScopeAsync(partner, cancellationToken), request, http, actor, database, settings, clock, cancellationToken))
            .WithSummary("Invites another admin of the partner by email.");
        team.MapPost("/{invitationId:guid}/resend", (Guid invitationId, ActingPartner partner, Actor actor, InvitationDbContext database,
                InvitationSettings settings, TimeProvider clock, CancellationToken cancellationToken) =>
                ResendAsync(() => database.TeamScopeAsync(partner, cancellationToken), invitationId, actor, database, settings, clock, cancellationToken))
            .WithSummary("Emails a pending invitation again with a new token; the old token stops working.");
        team.MapDelete("/{invitationId:guid}", (Guid invitationId, ActingPartner partner, Actor actor, InvitationDbContext database, TimeProvider clock,
                CancellationToken cancellationToken) =>
                RevokeAsync(() => database.TeamScopeAsync(partner, cancellationToken), invitationId, actor, database, clock, cancellationToken))
            .WithSummary("Revokes a pending invitation.");
        return app;
    }

    private static async Task<InvitationScope> ClientScopeAsync(this InvitationDbContext database, Guid tenantId, ActingPartner partner,
        CancellationToken cancellationToken)
    {
        var client = await database.ClientOfAsync(tenantId, partner, database.Invitations.Where(i => i.TenantId == tenantId).Select(i => i.PartnerId),
            cancellationToken);
        return new InvitationScope(partner.Id, tenantId, Roles.TenantAdmin, client.Name, client);
    }

    private static async Task<InvitationScope> TeamScopeAsync(this InvitationDbContext database, ActingPartner partner, CancellationToken cancellationToken)
    {
        // The partner's name, as its first admin's invitation gave it.
        var name = await database.Invitations.Where(i => i.PartnerId == partner.Id && i.TenantId == null && i.OrganisationName != null)
            .OrderBy(i => i.CreatedAt).Select(i => i.OrganisationName).FirstOrDefaultAsync(cancellationToken);
        return new InvitationScope(partner.Id, null, Roles.PartnerAdmin, name, null);
    }

    private static async Task<Domain.Invitation> InvitationOfAsync(this InvitationDbContext database, InvitationScope scope, Guid invitationId,
        CancellationToken cancellationToken) =>
        await scope.Of(database).SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken) ?? throw ProblemException.NotFound("invitation");

    private static async Task<Results<Ok<PagedList<InvitationSummary>>, ValidationProblem>> ListAsync(
        Func<Task<InvitationScope>> scoping, InvitationDbContext database, TimeProvider clock, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var scope = await scoping();
        var now = clock.GetUtcNow();
        var invitations = scope.Of(database).AsNoTracking().OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id);
        return TypedResults.Ok(await paging.ApplyAsync(database, invitations, i => InvitationSummary.From(i, now), cancellationToken));
    }

    private static async Task<Results<Created<InvitationSummary>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        Func<Task<InvitationScope>> scoping, InviteRequest request, HttpRequest http, Actor actor, InvitationDbContext database,
        InvitationSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = await scoping();
        var errors = new ValidationErrors()
            .Email("email", request.Email)
            .Check(request.Name is null || (request.Name.Trim().Length is > 0 and <= 200), "name", "At most 200 characters, not blank.")
            .Check(request.Role is null || request.Role == scope.Role, "role", $"{scope.Role}: the only role these invitations grant.");
        var key = IdempotencyKey.From(http, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var fingerprint = IdempotencyKey.Fingerprint($"{scope.TenantId}:{scope.Role}:{JsonSerializer.Serialize(request, Json)}");
        if (key is not null && await database.InvitedEarlierAsync(scope, key, fingerprint, clock, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        scope.EnsureAcceptsChanges();
        var now = clock.GetUtcNow();
        var email = request.Email!.Trim().ToLowerInvariant();
        if (await scope.Of(database).AnyAsync(i => i.Email == email && i.Status == InvitationStatus.Pending && i.ExpiresAt > now, cancellationToken))
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "INVITATION_PENDING",
                $"{email} has a pending invitation already: send that one again instead.");
        }

        var invitation = Domain.Invitation.Unsent(Guid.CreateVersion7(now), email, request.Name ?? email, scope.Role, scope.PartnerId, scope.TenantId,
            scope.OrganisationName, now, settings.Lifetime, idempotencyKey: key, requestHash: key is null ? null : fingerprint);
        database.Invitations.Add(invitation);
        database.Publish(SendOf(invitation));
        database.Publish(actor.Audit(scope.PartnerId, "invitation", invitation.Id, "created", null,
            new { invitation.Email, invitation.Name, invitation.Role, scope.TenantId }, now, client: scope.TenantId));
        try
        {
            await database.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() && key is not null)
        {
            // The same key arrived twice at once, and the other request won.
            database.ChangeTracker.Clear();
            return (await database.InvitedEarlierAsync(scope, key, fingerprint, clock, cancellationToken))!;
        }

        return Created(scope, invitation, now);
    }

    private static async Task<Results<Ok<InvitationSummary>, ProblemHttpResult>> ResendAsync(
        Func<Task<InvitationScope>> scoping, Guid invitationId, Actor actor, InvitationDbContext database, InvitationSettings settings,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = await scoping();
        var invitation = await database.InvitationOfAsync(scope, invitationId, cancellationToken);
        scope.EnsureAcceptsChanges();
        var now = clock.GetUtcNow();
        var expired = invitation.ExpiresAt;
        if (!invitation.TryResend(now, settings.Lifetime))
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "INVITATION_NOT_PENDING",
                $"The invitation is {invitation.Status}: only a pending invitation can be sent again.");
        }

        database.Publish(SendOf(invitation));
        database.Publish(actor.Audit(scope.PartnerId, "invitation", invitation.Id, "resent", new { expiresAt = expired }, new { expiresAt = invitation.ExpiresAt }, now, client: scope.TenantId));
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(InvitationSummary.From(invitation, now));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Func<Task<InvitationScope>> scoping, Guid invitationId, Actor actor, InvitationDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = await scoping();
        var invitation = await database.InvitationOfAsync(scope, invitationId, cancellationToken);
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
        database.Publish(actor.Audit(scope.PartnerId, "invitation", invitation.Id, "revoked", new { status = "Pending" }, new { status = "Revoked" }, now, client: scope.TenantId));
        // An accept that claimed the invitation meanwhile makes this fail on the status check (a concurrency token).
        await database.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static SendInvitation SendOf(Domain.Invitation invitation) => new(invitation.Id, invitation.Email, invitation.Name, invitation.Role,
        invitation.PartnerId, invitation.TenantId, ProvisioningId: null, invitation.OrganisationName);

    private static Created<InvitationSummary> Created(InvitationScope scope, Domain.Invitation invitation, DateTimeOffset now) =>
        TypedResults.Created(scope.PathOf(invitation.Id), InvitationSummary.From(invitation, now));

    /// <summary>The first answer to a repeated key with the same request; a key used for another request is 422.</summary>
    private static async Task<Created<InvitationSummary>?> InvitedEarlierAsync(this InvitationDbContext database, InvitationScope scope, string key,
        string fingerprint, TimeProvider clock, CancellationToken cancellationToken)
    {
        var earlier = await database.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.PartnerId == scope.PartnerId && i.IdempotencyKey == key, cancellationToken);
        return earlier switch
        {
            null => null,
            _ when earlier.RequestHash == fingerprint => Created(scope, earlier, clock.GetUtcNow()),
            _ => throw IdempotencyKey.Reused(),
        };
    }
}
