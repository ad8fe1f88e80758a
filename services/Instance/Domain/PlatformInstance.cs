using WebWaka.Contracts;

namespace WebWaka.Instance.Domain;

/// <summary>A running platform of a client: the suites it offers, how it looks, where it is reached.</summary>
public sealed class PlatformInstance
{
    public Guid Id { get; init; }

    public Guid TenantId { get; init; }

    public Guid PartnerId { get; init; }

    public required string Name { get; set; }

    public List<string> Suites { get; set; } = [];

    public string? DisplayName { get; private set; }

    public string? LogoUrl { get; private set; }

    public string? PrimaryColor { get; private set; }

    public string? AccentColor { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Idempotency-Key of the request that created it through the API, scoped to its partner.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>SHA-256 of that request, to tell a repeat from another request under the same key.</summary>
    public string? RequestHash { get; init; }

    /// <summary>The branding it has, or null while it has none.</summary>
    public Branding? Branding => DisplayName is null ? null : new Branding(DisplayName, LogoUrl, PrimaryColor, AccentColor);

    public void Rebrand(Branding? branding)
    {
        DisplayName = branding?.DisplayName;
        LogoUrl = branding?.LogoUrl;
        PrimaryColor = branding?.PrimaryColor;
        AccentColor = branding?.AccentColor;
    }
}
