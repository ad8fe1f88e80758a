using System.Net;
using System.Text.Json;

namespace WebWaka.Invitation.Apis;

/// <summary>What partner-api's POST /internal/accounts takes.</summary>
public sealed record NewAccount(string Email, string Name, string Password, string Role, Guid PartnerId, Guid? TenantId);

/// <summary>What became of an account asked for.</summary>
public abstract record AccountCreation
{
    public sealed record Created(Guid UserId) : AccountCreation;

    /// <summary>partner-api refused it (409 ACCOUNT_EXISTS, 400 VALIDATION_FAILED): its answer, to pass on to the invitee.</summary>
    public sealed record Refused(int Status, string Code, string Title, JsonElement? Errors) : AccountCreation;

    /// <summary>partner-api could not be reached or failed; asking again later may succeed.</summary>
    public sealed record Unavailable : AccountCreation;
}

/// <summary>
/// Creates the accounts of accepted invitations in the Partner service, which owns every account. A typed client on
/// http://partner-api: service discovery finds it and ServiceDefaults' resilience handler retries transient failures.
/// </summary>
public sealed class PartnerAccounts(HttpClient http, ILogger<PartnerAccounts> logger)
{
    private sealed record CreatedAccount(Guid Id);

    public async Task<AccountCreation> CreateAsync(NewAccount account)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/internal/accounts", account);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var created = await response.Content.ReadFromJsonAsync<CreatedAccount>();
                return new AccountCreation.Created(created!.Id);
            }

            if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                return new AccountCreation.Refused((int)response.StatusCode,
                    problem.TryGetProperty("code", out var code) ? code.GetString() ?? "REQUEST_FAILED" : "REQUEST_FAILED",
                    problem.TryGetProperty("title", out var title) ? title.GetString() ?? "The account was refused." : "The account was refused.",
                    problem.TryGetProperty("errors", out var errors) ? errors.Clone() : null);
            }

            logger.LogWarning("partner-api answered {Status} to an account creation", (int)response.StatusCode);
            return new AccountCreation.Unavailable();
        }
        catch (Exception ex)
        {
            // Unreachable, timed out after the resilience handler's retries, or an answer that is not JSON.
            logger.LogWarning(ex, "partner-api could not create an account");
            return new AccountCreation.Unavailable();
        }
    }
}
