using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using WebWaka.Api;
using WebWaka.Contracts;
using WebWaka.Data;
using WebWaka.Identity;
using WebWaka.Partner.Data;
using WebWaka.Partner.Domain;

namespace WebWaka.Partner.Apis;

public sealed record CreateAccountRequest(string? Email, string? Name, string? Password, string? Role, Guid? PartnerId, Guid? TenantId);

public sealed record AccountResponse(Guid Id, string Email, string Name, string Role, Guid? PartnerId, Guid? TenantId);

/// <summary>
/// Service-to-service: the Invitation service creates the account of someone who accepted an invitation.
/// Under /internal, which the gateway never routes.
/// </summary>
public static class InternalAccountsApi
{
    public static IEndpointRouteBuilder MapInternalAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/accounts", CreateAsync).RequireCaller(ServiceNames.Invitation);
        return app;
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateAccountRequest request, PartnerDbContext database, IPasswordHasher<UserAccount> hasher, TimeProvider clock)
    {
        var errors = new ValidationErrors()
            .Email("email", request.Email)
            .Required("name", request.Name)
            .Password("password", request.Password)
            .Check(request.Role is Roles.PartnerAdmin or Roles.TenantAdmin, "role", "PARTNER_ADMIN or TENANT_ADMIN.")
            .Check(request.PartnerId is not null, "partnerId", "Required.")
            .Check(request.Role != Roles.TenantAdmin || request.TenantId is not null, "tenantId", "Required for a tenant admin.");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var account = new UserAccount
        {
            Id = Guid.NewGuid(),
            Email = UserAccount.NormalizeEmail(request.Email!),
            Name = request.Name!.Trim(),
            Role = request.Role!,
            PartnerId = request.PartnerId,
            TenantId = request.Role == Roles.TenantAdmin ? request.TenantId : null,
            PasswordHash = "",
            CreatedAt = clock.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, request.Password!);
        database.Users.Add(account);
        try
        {
            await database.SaveChangesAsync();
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, "ACCOUNT_EXISTS", "An account with this email exists.");
        }

        return TypedResults.Created($"/internal/accounts/{account.Id}",
            new AccountResponse(account.Id, account.Email, account.Name, account.Role, account.PartnerId, account.TenantId));
    }
}
