namespace WebWaka.Partner.Domain;

/// <summary>
/// How much a partner may ask of the platform at once: client platforms started a minute, provisionings not yet ended,
/// and requests a minute to any authenticated route (the gateway counts those). The platform's defaults, unless WebWaka
/// gave the partner its own.
/// </summary>
public sealed record PartnerLimits(int CreatesPerMinute, int ProvisioningsInFlight, int RequestsPerMinute)
{
    public PartnerLimits Of(Partner partner) => this with
    {
        CreatesPerMinute = partner.CreatesPerMinute ?? CreatesPerMinute,
        ProvisioningsInFlight = partner.ProvisioningsInFlight ?? ProvisioningsInFlight,
    };

    /// <summary>Which limit one more provisioning would break, given what the partner started in the last minute and has in flight.</summary>
    public string? BrokenBy(int startedLastMinute, int inFlight) =>
        startedLastMinute >= CreatesPerMinute ? $"{CreatesPerMinute} client platforms a minute"
        : inFlight >= ProvisioningsInFlight ? $"{ProvisioningsInFlight} provisionings in flight"
        : null;
}
