namespace WebWaka.Partner.Domain;

/// <summary>
/// One change a person made: who, for which partner, to what, and the values before and after. Entries are only
/// ever added; the database refuses to change or delete one.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; }

    /// <summary>The partner whose data changed; null for the platform's own (a partner application, say).</summary>
    public Guid? PartnerId { get; init; }

    public Guid? ActorId { get; init; }

    public string? ActorEmail { get; init; }

    public string? ActorRole { get; init; }

    /// <summary>What changed: partner, client, instance, domain, invitation, signup-link, application, user.</summary>
    public required string Entity { get; init; }

    public required string EntityId { get; init; }

    public required string Action { get; init; }

    /// <summary>The changed values before, as a JSON object; null when the thing did not exist.</summary>
    public string? Before { get; init; }

    /// <summary>The changed values after, as a JSON object; null when the thing is gone.</summary>
    public string? After { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The client the change belongs to (its own, or its instances', domains' and invitations'); null for none.</summary>
    public Guid? ClientId { get; init; }
}
