using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Identity;
using WebWaka.Messaging;
using WebWaka.Partner.Audit;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Team;

public sealed record TeamMember(Guid Id, string Email, string Name, string Role, DateTimeOffset CreatedAt)
{
    public static TeamMember From(UserAccount user) => new(user.Id, user.Email, user.Name, user.Role, user.CreatedAt);
}

/// <summary>
/// A partner's own team: its admins, and removing one (never the last). A removed admin cannot sign in, and the tokens
/// they hold are refused everywhere within seconds (<see cref="RevokedAccess"/>). Inviting a new admin is the Invitation
/// service's <c>/api/partner/users/invitations</c>.
/// </summary>
public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/partner/users").RequireAuthorization(Policies.PartnerOperator).WithTags("Team");
        users.MapGet("/", ListAsync).WithSummary("The partner's admins.");
        users.MapDelete("/{userId:guid}", RemoveAsync).WithSummary("Removes an admin of the partner (never the last); their tokens stop working.");
        return app;
    }

    private static IQueryable<UserAccount> AdminsOf(this PartnerDbContext database, ActingPartner partner) =>
        database.Users.Where(u => u.PartnerId == partner.Id && u.Role == Roles.PartnerAdmin);

    private static async Task<Results<Ok<PagedList<TeamMember>>, ValidationProblem>> ListAsync(
        ActingPartner partner, PartnerDbContext database, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var admins = database.AdminsOf(partner).AsNoTracking().OrderBy(u => u.CreatedAt).ThenBy(u => u.Id);
        return TypedResults.Ok(await paging.ApplyAsync(database, admins, TeamMember.From, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid userId, ActingPartner partner, Actor actor, PartnerDbContext database, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The partner's admins are locked while one is removed: two removals at once never leave it with none.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        var admins = await database.Users
            .FromSqlInterpolated($"SELECT * FROM users WHERE partner_id = {partner.Id} AND role = {Roles.PartnerAdmin} FOR UPDATE")
            .ToListAsync(cancellationToken);
        var user = admins.SingleOrDefault(u => u.Id == userId) ?? throw ProblemException.NotFound("user");
        if (admins.Count == 1)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "LAST_ADMIN", "A partner keeps at least one admin: this is its last.");
        }

        var now = clock.GetUtcNow();
        database.Users.Remove(user);
        database.Revocations.Add(new UserRevocation { UserId = user.Id, PartnerId = partner.Id, RevokedAt = now });
        database.Publish(new UserRemoved(user.Id, partner.Id, user.Email, user.Role, now));
        database.Record(actor.Audit(partner.Id, "user", user.Id, "removed", TeamMember.From(user), null, now));
        await database.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
