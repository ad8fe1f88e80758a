namespace WebWaka.Partner.Domain;

/// <summary>Someone who signs in: a super admin, a partner admin, or a tenant admin.</summary>
public sealed class UserAccount
{
    public Guid Id { get; init; }

    /// <summary>Lower-cased, so sign-in does not depend on how it was typed.</summary>
    public required string Email { get; init; }

    public required string Name { get; set; }

    public required string PasswordHash { get; set; }

    public required string Role { get; init; }

    public Guid? PartnerId { get; init; }

    public Guid? TenantId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
