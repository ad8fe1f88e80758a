namespace WebWaka.Partner.Domain;

/// <summary>An agency, reseller or integrator that creates and operates its clients' platforms.</summary>
public sealed class Partner
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    public required string Slug { get; init; }

    public required string ContactEmail { get; set; }

    public bool ListedInDirectory { get; set; }

    public PartnerStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

public enum PartnerStatus { Active, Suspended }
