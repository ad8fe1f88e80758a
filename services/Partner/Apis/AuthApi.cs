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
        TokenRequest request, PartnerDbContext database, IPasswordHasher<UserAccount> hasher, TokenIssuer issuer)
    {
        var errors = new ValidationErrors()
            .Required("email", request.Email, maxLength: 320)
            .Required("password", request.Password, maxLength: 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var email = UserAccount.NormalizeEmail(request.Email!);
        var user = await database.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email);
        var verified = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? UnknownUserHash, request.Password!);
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            return ApiProblems.Of(StatusCodes.Status401Unauthorized, "INVALID_CREDENTIALS", "The email or the password is wrong.");
        }

        // Told only to the one who knows the password: a suspended partner's people get no new token.
        if (user.PartnerId is { } partnerId && await database.Partners.AnyAsync(p => p.Id == partnerId && p.Status == PartnerStatus.Suspended))
        {
            return ApiProblems.Of(StatusCodes.Status403Forbidden, "PARTNER_NOT_ACTIVE", "The partner is suspended: its people cannot sign in.");
        }

        return TypedResults.Ok(issuer.Issue(user));
    }
}
