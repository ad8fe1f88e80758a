using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Invitation.Data;
using WebWaka.Invitation.Domain;
using WebWaka.Messaging;

namespace WebWaka.Invitation.Apis;

public sealed record AcceptInvitationRequest(string? Name, string? Password);

public sealed record InvitationResponse(string Email, string Name, string Role, Guid PartnerId, Guid? TenantId, string? OrganisationName,
    DateTimeOffset ExpiresAt);

public sealed record AcceptedInvitationResponse(string Email, string Role, Guid PartnerId, Guid? TenantId);

/// <summary>
/// The invitee's side, anonymous (the token is the credential): what an invitation is for, and accepting it,
/// which creates the account. Reached through the gateway, which rate-limits it.
/// </summary>
public static class InvitationsApi
{
    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        var invitations = app.MapGroup("/api/invitations").AllowAnonymous();
        invitations.MapGet("/{token}", GetAsync);
        invitations.MapPost("/{token}/accept", AcceptAsync);
        return app;
    }

    private static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> GetAsync(string token, InvitationDbContext database, TimeProvider clock)
    {
        var hash = InvitationToken.HashOf(token);
        var invitation = await database.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash);
        if (invitation is null)
        {
            return NotFound();
        }

        var check = invitation.CheckToken(clock.GetUtcNow());
        return check == TokenCheck.Usable
            ? TypedResults.Ok(new InvitationResponse(invitation.Email, invitation.Name, invitation.Role, invitation.PartnerId, invitation.TenantId,
                invitation.OrganisationName, invitation.ExpiresAt))
            : Refusal(check);
    }

    // No CancellationToken on purpose: once the account is asked for, the accept finishes even if the caller hangs up,
    // so an account never exists while its invitation still looks pending.
    private static async Task<Results<Ok<AcceptedInvitationResponse>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        string token, AcceptInvitationRequest request, InvitationDbContext database, PartnerAccounts accounts, TimeProvider clock)
    {
        var errors = new ValidationErrors()
            .Required("name", request.Name)
            .Password("password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var hash = InvitationToken.HashOf(token);
        var now = clock.GetUtcNow();

        // The claim: an UPDATE of the pending, unexpired invitation, in a transaction. The updated row stays locked until
        // commit, so a concurrent accept waits and then finds it no longer pending (409). If the account cannot be
        // made, the rollback leaves the invitation pending again, as does this process dying half-way.
        await using var transaction = await database.Database.BeginTransactionAsync();
        var claimed = await database.Invitations
            .Where(i => i.TokenHash == hash && i.Status == InvitationStatus.Pending && i.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set
                .SetProperty(i => i.Status, InvitationStatus.Accepted)
                .SetProperty(i => i.AcceptedAt, now));
        var invitation = await database.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash);
        if (invitation is null)
        {
            return NotFound();
        }

        if (claimed == 0)
        {
            return Refusal(invitation.CheckToken(now));
        }

        var account = await accounts.CreateAsync(new NewAccount(invitation.Email, request.Name!.Trim(), request.Password!, invitation.Role,
            invitation.PartnerId, invitation.TenantId));
        if (account is not AccountCreation.Created created)
        {
            return AccountRefusal(account);
        }

        database.Publish(new InvitationAccepted(invitation.Id, created.UserId, invitation.Email, invitation.Role, invitation.PartnerId,
            invitation.TenantId, now));
        await database.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(new AcceptedInvitationResponse(invitation.Email, invitation.Role, invitation.PartnerId, invitation.TenantId));
    }

    private static ProblemHttpResult NotFound() =>
        ApiProblems.Of(StatusCodes.Status404NotFound, "INVITATION_NOT_FOUND", "No invitation has this token.");

    private static ProblemHttpResult Refusal(TokenCheck check) => check switch
    {
        TokenCheck.Expired => ApiProblems.Of(StatusCodes.Status410Gone, "INVITATION_EXPIRED", "The invitation has expired: ask for a new one."),
        TokenCheck.Revoked => ApiProblems.Of(StatusCodes.Status410Gone, "INVITATION_REVOKED", "The invitation was withdrawn."),
        // Already used. A usable one never comes here: GET answers it, and a lost claim finds it used, expired or revoked.
        _ => ApiProblems.Of(StatusCodes.Status409Conflict, "INVITATION_ALREADY_USED", "The invitation has been accepted already."),
    };

    private static ProblemHttpResult AccountRefusal(AccountCreation account) => account switch
    {
        AccountCreation.Refused { Code: "ACCOUNT_EXISTS" } => ApiProblems.Of(StatusCodes.Status409Conflict, "ACCOUNT_EXISTS",
            "An account with this email exists already: sign in with it."),
        AccountCreation.Refused refused => ApiProblems.Of(refused.Status, refused.Code, refused.Title,
            extensions: refused.Errors is { } fieldErrors ? new Dictionary<string, object?> { ["errors"] = fieldErrors } : null),
        _ => ApiProblems.Of(StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE",
            "The account cannot be created right now: try again shortly."),
    };
}
