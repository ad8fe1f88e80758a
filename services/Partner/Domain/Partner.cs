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

    /// <summary>What the partner does, for the directory.</summary>
    public string? Description { get; set; }

    public string? Website { get; set; }

    /// <summary>Where it works (countries, states, cities), as it names them.</summary>
    public List<string> Regions { get; set; } = [];

    /// <summary>The suites it delivers to its clients (catalogue keys).</summary>
    public List<string> SuitesDelivered { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Its own limit of client platforms started a minute, if WebWaka set one (<see cref="PartnerLimits"/>).</summary>
    public int? CreatesPerMinute { get; set; }

    /// <summary>Its own limit of provisionings not yet ended, if WebWaka set one.</summary>
    public int? ProvisioningsInFlight { get; set; }
}

public enum PartnerStatus { Active, Suspended }
