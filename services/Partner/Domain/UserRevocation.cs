namespace WebWaka.Partner.Domain;

/// <summary>A removed user: the tokens issued to them up to <see cref="RevokedAt"/> open nothing any more.</summary>
public sealed class UserRevocation
{
    public Guid UserId { get; init; }

    public Guid? PartnerId { get; init; }

    public DateTimeOffset RevokedAt { get; init; }
}
