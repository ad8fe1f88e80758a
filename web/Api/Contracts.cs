namespace WebWaka.Web.Api;

/// <summary>A client of the partner, as the client list shows it.</summary>
public sealed record ClientSummary(Guid Id, string Name, string Slug, string Status, Guid CreatedByPartnerId, DateTimeOffset CreatedAt);

/// <summary>The signed-in user's partner.</summary>
public sealed record PartnerSummary(Guid Id, string Name, string Slug, string Status);

public sealed record Branding(string DisplayName, string? LogoUrl, string? PrimaryColor, string? AccentColor);

public sealed record ClientDomain(string Hostname, string Status, bool Primary);

public sealed record ClientInstance(Guid Id, string Name, IReadOnlyList<string> Suites, Branding? Branding, IReadOnlyList<ClientDomain> Domains,
    DateTimeOffset CreatedAt);

public sealed record Invitation(Guid Id, string Email, string Name, string Role, string Status, DateTimeOffset ExpiresAt, DateTimeOffset? EmailSentAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset CreatedAt);

/// <summary>A client with its instances; they are null while their service does not answer.</summary>
public sealed record ClientDetail(Guid Id, string Name, string Slug, string Status, Guid CreatedByPartnerId, DateTimeOffset CreatedAt,
    IReadOnlyList<ClientInstance>? Instances);

public sealed record VerificationRecord(string Type, string Name, string Value);

public sealed record DomainDetail(string Hostname, string Status, bool Primary, VerificationRecord Verification, string? LastCheckResult);

public sealed record Capability(string Key, string Name);

/// <summary>A suite of the catalogue: what an instance can be given.</summary>
public sealed record Suite(string Key, string Name, string Description, IReadOnlyList<Capability> Capabilities);

public sealed record ProvisioningAccepted(Guid ProvisioningId, string Status);

public sealed record ProvisioningStep(string Name, string Status);

public sealed record ProvisioningFailure(string Code, string Message);

public sealed record ProvisioningStatus(Guid ProvisioningId, string Status, IReadOnlyList<ProvisioningStep> Steps, Guid? TenantId,
    ProvisioningFailure? Failure);

/// <summary>What an invitation is for, as its invitee sees it before accepting.</summary>
public sealed record InvitationView(string Email, string Name, string Role, Guid PartnerId, Guid? TenantId, string? OrganisationName, DateTimeOffset ExpiresAt);

/// <summary>A partner as the public directory shows it.</summary>
public sealed record PublicPartner(string Name, string Slug, string? Description, string? Website, IReadOnlyList<string> Regions, IReadOnlyList<string> Suites);

public sealed record LinkPartner(string Name, string Slug);

/// <summary>A signup link as a visitor sees it: whose it is and which suites it offers.</summary>
public sealed record PublicSignupLink(LinkPartner Partner, IReadOnlyList<Suite> Suites, bool SuitesPreset, DateTimeOffset? ExpiresAt);

/// <summary>A partner as the platform operator manages it.</summary>
public sealed record PartnerRecord(Guid Id, string Name, string Slug, string ContactEmail, bool ListedInDirectory, string Status, DateTimeOffset CreatedAt,
    int? CreatesPerMinute, int? ProvisioningsInFlight);

/// <summary>Someone's application to become a partner, and how it was reviewed.</summary>
public sealed record PartnerApplication(Guid Id, string OrganisationName, string ContactName, string ContactEmail, string? Website,
    IReadOnlyList<string> Regions, IReadOnlyList<string> Suites, string? Message, string Status, string? ReviewedBy, DateTimeOffset? ReviewedAt,
    string? RejectionReason, Guid? PartnerId, DateTimeOffset CreatedAt);

public sealed record AuditActor(Guid? Id, string? Email, string? Role);

/// <summary>One change in the audit trail: who did what to which thing, with the values it touched before and after.</summary>
public sealed record AuditEntry(Guid Id, Guid? PartnerId, AuditActor Actor, string Entity, string EntityId, string Action,
    System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement? After, DateTimeOffset OccurredAt);

/// <summary>An admin of the partner.</summary>
public sealed record TeamMember(Guid Id, string Email, string Name, string Role, DateTimeOffset CreatedAt);

/// <summary>A partner's signup link: the address to hand out, and how much of it is left.</summary>
public sealed record SignupLink(Guid Id, string Name, string Token, string Url, string Status, DateTimeOffset? ExpiresAt, int? MaxUses, int Uses,
    IReadOnlyList<string> Suites, DateTimeOffset CreatedAt);

/// <summary>What the public directory shows of the partner, and whether it shows it at all.</summary>
public sealed record PartnerProfile(string Name, string Slug, string? Description, string? Website, IReadOnlyList<string> Regions,
    IReadOnlyList<string> Suites, bool ListedInDirectory);

/// <summary>A partner's API key as listed: never its secret.</summary>
public sealed record ApiKey(Guid Id, string Name, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A key just made, with the key itself: the one time it is shown.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Key, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>One of the partner's limits, and how much of it is in use now (null where it is not counted here).</summary>
public sealed record LimitInUse(int Limit, int? Used);

/// <summary>The partner's limits (<c>GET /api/partner/limits</c>).</summary>
public sealed record PartnerLimits(LimitInUse CreatesPerMinute, LimitInUse ProvisioningsInFlight, LimitInUse RequestsPerMinute);
