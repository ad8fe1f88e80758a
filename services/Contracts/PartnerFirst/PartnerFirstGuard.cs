namespace WebWaka.Contracts.PartnerFirst;

/// <summary>Who is asking for a tenant.</summary>
public enum TenantCreator
{
    /// <summary>A partner admin, for one of the partner's clients.</summary>
    Partner,

    /// <summary>A client signing up through a partner's signup link, inside that partner's context.</summary>
    PartnerSignupLink,

    /// <summary>A platform operator: only ever for WebWaka Digital Services.</summary>
    SuperAdmin,

    /// <summary>Anyone on the public website, with no partner.</summary>
    PublicSignup,
}

/// <summary>The answer of the guard: the partner a new tenant belongs to, or why there can be no tenant.</summary>
public abstract record PartnerAttribution
{
    public sealed record Attributed(Guid PartnerId) : PartnerAttribution;

    public sealed record Refused(string Code, string Message) : PartnerAttribution;
}

/// <summary>
/// The partner-first rule, in one place: WebWaka never sells to end users, so every tenant is created by a
/// partner and carries that partner forever. Every path that creates a tenant asks this guard first.
/// </summary>
public static class PartnerFirstGuard
{
    public const string TenantCreationRequiresPartner = "TENANT_CREATION_REQUIRES_PARTNER";
    public const string PartnerIdRequired = "PARTNER_ID_REQUIRED";
    public const string SuperAdminCreatesForWebWakaOnly = "SUPER_ADMIN_CREATES_FOR_WEBWAKA_ONLY";

    /// <param name="creator">Who asks.</param>
    /// <param name="partnerId">The partner taken from the caller's token (or signup link), never from what a client sent.</param>
    public static PartnerAttribution Attribute(TenantCreator creator, Guid? partnerId) => creator switch
    {
        TenantCreator.PublicSignup => new PartnerAttribution.Refused(TenantCreationRequiresPartner,
            "Client platforms are created by partners: find a partner, or become one."),

        TenantCreator.Partner or TenantCreator.PartnerSignupLink when partnerId is not { } id || id == Guid.Empty =>
            new PartnerAttribution.Refused(PartnerIdRequired, "A partner caller must carry a partner id."),

        TenantCreator.Partner or TenantCreator.PartnerSignupLink => new PartnerAttribution.Attributed(partnerId!.Value),

        TenantCreator.SuperAdmin when partnerId is null || partnerId == WellKnownPartners.WebWakaDigitalServicesId =>
            new PartnerAttribution.Attributed(WellKnownPartners.WebWakaDigitalServicesId),

        TenantCreator.SuperAdmin => new PartnerAttribution.Refused(SuperAdminCreatesForWebWakaOnly,
            $"A super admin creates client platforms for {WellKnownPartners.WebWakaDigitalServicesName} only."),

        _ => throw new ArgumentOutOfRangeException(nameof(creator), creator, "Unknown tenant creator."),
    };

    /// <summary>The creator a token's role stands for; null for a role that never creates tenants.</summary>
    public static TenantCreator? CreatorForRole(string? role) => role switch
    {
        Roles.PartnerAdmin => TenantCreator.Partner,
        Roles.SuperAdmin => TenantCreator.SuperAdmin,
        _ => null,
    };
}
