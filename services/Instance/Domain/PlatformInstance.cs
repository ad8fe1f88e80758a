namespace WebWaka.Instance.Domain;

/// <summary>A running platform of a tenant: the suites it offers, how it looks, where it is reached.</summary>
public sealed class PlatformInstance
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public Guid PartnerId { get; init; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
