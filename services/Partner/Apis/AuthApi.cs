using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebWaka.Api;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Apis;

public sealed record TokenRequest(string? Email, string? Password);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync).AllowAnonymous();
        return app;
    }

    // Verifying against this when the email is unknown takes as long as a real check, so the answer's
    // timing does not tell whether an account exists.
    private static readonly string UnknownUserHash = new PasswordHasher<UserAccount>().HashPassword(null!, Guid.NewGuid().ToString());

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, HttpResponse response, PartnerDbContext database, IPasswordHasher<UserAccount> hasher, TokenIssuer issuer,
        TimeProvider clock)
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
        if (user.PartnerId is { } partnerId && await database.Partners.AnyAsync(p => p.Id == partnerId && p.Status == PartnerStatus.Suspended))
        {
            return ApiProblems.Of(StatusCodes.Status403Forbidden, "PARTNER_NOT_ACTIVE", "The partner is suspended: its people cannot sign in.");
        }

        return TypedResults.Ok(issuer.Issue(user));
    }

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
