namespace WebWaka.Contracts;

/// <summary>Partners every service knows by id.</summary>
public static class WellKnownPartners
{
    /// <summary>
    /// WebWaka Digital Services: WebWaka's own partner, for demos, pilots and government projects.
    /// An ordinary partner; the only thing special about it is that a super admin's clients belong to it.
    /// </summary>
    public static readonly Guid WebWakaDigitalServicesId = Guid.Parse("0b3d2e00-5eed-4000-8000-000000000001");

    public const string WebWakaDigitalServicesSlug = "webwaka-digital-services";

    public const string WebWakaDigitalServicesName = "WebWaka Digital Services";
}

/// <summary>The roles a token can carry.</summary>
public static class Roles
{
    public const string SuperAdmin = "SUPER_ADMIN";
    public const string PartnerAdmin = "PARTNER_ADMIN";
    public const string TenantAdmin = "TENANT_ADMIN";
}
