using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Identity;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Apis;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record SessionRequest(string? RefreshToken);

/// <summary>
/// Signing in: an email and password give a short-lived access token and the refresh token of a session, which renews the
/// access token until the session ends (signed out, its lifetime over, the account removed); a suspended partner's
/// people get neither.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").AllowAnonymous().WithTags("Signing in");
        auth.MapPost("/token", IssueTokenAsync).WithSummary("Signs in: an access token, and the refresh token of a new session.");
        auth.MapPost("/refresh", RefreshAsync).WithSummary("A new access token for an open session.");
        auth.MapPost("/sign-out", SignOutAsync).WithSummary("Ends the session: its refresh token renews nothing any more.");
        return app;
    }

    // Verifying against this when the email is unknown takes as long as a real check, so the answer's
    // timing does not tell whether an account exists.
    private static readonly string UnknownUserHash = new PasswordHasher<UserAccount>().HashPassword(null!, Guid.NewGuid().ToString());

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, HttpResponse response, PartnerDbContext database, IPasswordHasher<UserAccount> hasher, TokenIssuer issuer,
        TokenSettings settings, TimeProvider clock)
    {
        var errors = new ValidationErrors()
            .Required("email", request.Email, maxLength: 320)
            .Required("password", request.Password, maxLength: 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var email = UserAccount.NormalizeEmail(request.Email!);
        var now = clock.GetUtcNow();
        // Locked: the password is not even looked at, right or wrong.
        if (await database.SignInLockouts.Where(l => l.Email == email && l.LockedUntil > now).Select(l => l.LockedUntil).SingleOrDefaultAsync() is { } lockedUntil)
        {
            return Locked(response, lockedUntil - now);
        }

        var user = await database.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
        var verified = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? UnknownUserHash, request.Password!);
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            return await database.RecordWrongPasswordAsync(email, now) is { } lockFor
                ? Locked(response, lockFor)
                : ApiProblems.Of(StatusCodes.Status401Unauthorized, "INVALID_CREDENTIALS", "The email or the password is wrong.");
        }

        await database.SignInLockouts.Where(l => l.Email == email).ExecuteDeleteAsync();

        // Told only to the one who knows the password: a suspended partner's people get no new token.
        if (await database.SuspendedPartnerRefusalAsync(user) is { } suspended)
        {
            return suspended;
        }

        var (session, refreshToken) = SignInSession.Start(user.Id, settings.SessionLifetime, now);
        database.Sessions.Add(session);
        await database.SaveChangesAsync();
        return TypedResults.Ok(issuer.Issue(user) with { RefreshToken = refreshToken, RefreshExpiresIn = (int)settings.SessionLifetime.TotalSeconds });
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        SessionRequest request, PartnerDbContext database, TokenIssuer issuer, TimeProvider clock)
    {
        var errors = new ValidationErrors().Required("refreshToken", request.RefreshToken, maxLength: 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var found = await database.OpenSessionAsync(request.RefreshToken!, now);
        var user = found is null ? null : await database.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == found.UserId);
        if (found is null || user is null)
        {
            return ApiProblems.Of(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "The session has ended: sign in again.");
        }

        if (await database.SuspendedPartnerRefusalAsync(user) is { } suspended)
        {
            return suspended;
        }

        found.LastRefreshedAt = now;
        await database.SaveChangesAsync();
        return TypedResults.Ok(issuer.Issue(user) with { RefreshToken = request.RefreshToken, RefreshExpiresIn = (int)(found.ExpiresAt - now).TotalSeconds });
    }

    /// <summary>Ends the session the refresh token opens; one that opens none is already as good as ended (204 either way).</summary>
    private static async Task<NoContent> SignOutAsync(SessionRequest request, PartnerDbContext database, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (await database.OpenSessionAsync(request.RefreshToken, now) is { } session)
        {
            session.EndedAt = now;
            await database.SaveChangesAsync();
        }

        return TypedResults.NoContent();
    }

    /// <summary>403 PARTNER_NOT_ACTIVE for a suspended partner's people, who get no token, new or renewed; null for anyone else.</summary>
    private static async Task<ProblemHttpResult?> SuspendedPartnerRefusalAsync(this PartnerDbContext database, UserAccount user) =>
        user.PartnerId is { } partnerId && await database.Partners.AnyAsync(p => p.Id == partnerId && p.Status == PartnerStatus.Suspended)
            ? ApiProblems.Of(StatusCodes.Status403Forbidden, "PARTNER_NOT_ACTIVE", "The partner is suspended: its people cannot sign in.")
            : null;

    private static async Task<SignInSession?> OpenSessionAsync(this PartnerDbContext database, string? refreshToken, DateTimeOffset now) =>
        Secret.TryParse(SignInSession.Prefix, refreshToken, out var id, out var secret) &&
        await database.Sessions.SingleOrDefaultAsync(s => s.Id == id) is { } session && Secret.Opens(session.SecretHash, secret) && session.IsOpenAt(now)
            ? session
            : null;

    /// <summary>Counts a wrong password for the email (each of many at once, in the database) and locks it if that was one too many.</summary>
    private static async Task<TimeSpan?> RecordWrongPasswordAsync(this PartnerDbContext database, string email, DateTimeOffset now)
    {
        // Not composed into a larger query (as SingleAsync would): PostgreSQL takes no INSERT in a subquery.
        var failures = (await database.Database.SqlQuery<int>($"""
            INSERT INTO sign_in_lockouts (email, failures) VALUES ({email}, 1)
            ON CONFLICT (email) DO UPDATE SET failures = sign_in_lockouts.failures + 1
            RETURNING failures AS "Value"
            """).ToListAsync()).Single();
        if (SignInLockout.LockAfter(failures) is not { } lockFor)
        {
            return null;
        }

        await database.SignInLockouts.Where(l => l.Email == email).ExecuteUpdateAsync(set => set.SetProperty(l => l.LockedUntil, now + lockFor));
        return lockFor;
    }

    private static ProblemHttpResult Locked(HttpResponse response, TimeSpan lockFor) =>
        ApiProblems.TooManyRequests(response, lockFor, "SIGN_IN_LOCKED", "Too many wrong passwords for this email: try again after Retry-After seconds.");
}
