using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WebWaka.Api;

/// <summary>
/// The <c>Idempotency-Key</c> of a creating <c>POST</c> (README, API conventions): the same key with the same request
/// answers the first answer again; with another request it is <c>422 IDEMPOTENCY_KEY_REUSED</c>. Keys are scoped to
/// the caller's partner, so each store keys them by partner.
/// </summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 200;

    /// <summary>The request's key, or null when it sent none; a key too long is a validation error.</summary>
    public static string? From(HttpRequest request, ValidationErrors errors)
    {
        var key = request.Headers[Header].ToString();
        errors.Check(key.Length <= MaxLength, Header, $"At most {MaxLength} characters.");
        return key.Length > 0 ? key : null;
    }

    /// <summary>A fingerprint of the request, to tell a repeat from another request under the same key.</summary>
    public static string Fingerprint(string request) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(request)));

    public static ProblemException Reused() =>
        new(StatusCodes.Status422UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with another request.");
}
