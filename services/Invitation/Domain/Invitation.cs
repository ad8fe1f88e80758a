namespace WebWaka.Invitation.Domain;

/// <summary>An invitation to become an admin; its token is sent by email and kept only as a hash.</summary>
public sealed class Invitation
{
    public Guid Id { get; init; }

    public required string Email { get; init; }

    public required string Role { get; init; }

    public required string TokenHash { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
