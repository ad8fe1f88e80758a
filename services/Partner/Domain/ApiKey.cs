namespace WebWaka.Partner.Domain;

/// <summary>
/// A partner's key for its own automation: it acts for that partner with a partner admin's rights until it expires or is
/// revoked. Shown once, when it is made (<c>wwk_…</c>), and kept only as a hash (<see cref="Secret"/>).
/// </summary>
public sealed class ApiKey
{
    /// <summary>What every key starts with, so a key is recognised as one (by the gateway, and by secret scanners).</summary>
    public const string Prefix = "wwk_";

    public Guid Id { get; init; }

    public Guid PartnerId { get; init; }

    public required string Name { get; init; }

    public required byte[] SecretHash { get; init; }

    public Guid? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>A new key, and the whole key to show its maker once.</summary>
    public static (ApiKey Key, string Presented) Create(Guid partnerId, string name, DateTimeOffset? expiresAt, Guid? createdBy, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var (hash, presented) = Secret.New(Prefix, id);
        return (new ApiKey
        {
            Id = id, PartnerId = partnerId, Name = name, SecretHash = hash, CreatedBy = createdBy, CreatedAt = now, ExpiresAt = expiresAt,
        }, presented);
    }

    /// <summary>Who acts when the key does, as its tokens and the audit trail name it.</summary>
    public string ActorName => $"{Name} (API key)";

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    public string StatusAt(DateTimeOffset now) => this switch
    {
        { RevokedAt: not null } => "Revoked",
        { ExpiresAt: { } expiry } when now >= expiry => "Expired",
        _ => "Active",
    };
}
