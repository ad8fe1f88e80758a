namespace WebWaka.Instance.Domain;

/// <summary>A running platform of a tenant: the suites it offers, how it looks, where it is reached.</summary>
public sealed class PlatformInstance
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public Guid PartnerId { get; init; }

    public required string Name { get; set; }

    public List<string> Suites { get; set; } = [];

    public string? DisplayName { get; set; }

    public string? LogoUrl { get; set; }

    public string? PrimaryColor { get; set; }

    public string? AccentColor { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A hostname mapped to an instance; a hostname maps to one instance anywhere on the platform.</summary>
public sealed class DomainMapping
{
    /// <summary>Lower-cased.</summary>
    public required string Hostname { get; init; }

    public Guid InstanceId { get; init; }

    public Guid TenantId { get; init; }

    public Guid PartnerId { get; init; }

    /// <summary>The value the partner publishes in a TXT record to prove it controls the hostname.</summary>
    public required string VerificationToken { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
