using System.Text.Json;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// An accepted Create Client Platform request, kept as it was asked: it answers a repeated Idempotency-Key, and
/// tells whose provisioning an id is.
/// </summary>
public sealed class ProvisioningRequest
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 of the request body, to tell a repeated request from another one under the same key.</summary>
    public required string RequestHash { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The signup link a client came through, when the client signed up rather than the partner asking.</summary>
    public Guid? SignupLinkId { get; init; }

    public static ProvisioningRequest From(ClientPlatformRequested message, string? idempotencyKey, string requestHash, Guid? signupLinkId = null) => new()
    {
        SignupLinkId = signupLinkId,
        Id = message.ProvisioningId,
        PartnerId = message.PartnerId,
        IdempotencyKey = idempotencyKey,
        RequestHash = requestHash,
        Body = JsonSerializer.Serialize(message, Json),
        CreatedAt = message.OccurredAt,
    };
}
