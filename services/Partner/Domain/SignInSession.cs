namespace WebWaka.Partner.Domain;

/// <summary>
/// A person's signed-in session. Its refresh token (<c>wwr_…</c>, handed out once, at sign-in, and kept only as a hash:
/// <see cref="Secret"/>) gets new short-lived access tokens until the session ends: its lifetime is over, the person signs
/// out, or their account is removed. While their partner is suspended it gets none.
/// </summary>
public sealed class SignInSession
{
    public const string Prefix = "wwr_";

    public Guid Id { get; init; }

    public Guid UserId { get; init; }

    public required byte[] SecretHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? LastRefreshedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>A session for the user who just signed in, and its refresh token to hand them.</summary>
    public static (SignInSession Session, string RefreshToken) Start(Guid userId, TimeSpan lifetime, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var (hash, presented) = Secret.New(Prefix, id);
        return (new SignInSession { Id = id, UserId = userId, SecretHash = hash, CreatedAt = now, ExpiresAt = now + lifetime }, presented);
    }

    public bool IsOpenAt(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;
}
