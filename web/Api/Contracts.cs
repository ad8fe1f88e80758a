namespace WebWaka.Web.Api;

/// <summary>A client of the partner, as the client list shows it.</summary>
public sealed record ClientSummary(Guid Id, string Name, string Slug, string Status, Guid CreatedByPartnerId, DateTimeOffset CreatedAt);

/// <summary>The signed-in user's partner.</summary>
public sealed record PartnerSummary(Guid Id, string Name, string Slug, string Status);

public sealed record Branding(string DisplayName, string? LogoUrl, string? PrimaryColor, string? AccentColor);

public sealed record ClientDomain(string Hostname, string Status, bool Primary);

public sealed record ClientInstance(Guid Id, string Name, IReadOnlyList<string> Suites, Branding? Branding, IReadOnlyList<ClientDomain> Domains,
    DateTimeOffset CreatedAt);

public sealed record ClientInvitation(Guid Id, string Email, string Name, string Role, string Status, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);

/// <summary>A client with its instances and invitations; either part is null while its service does not answer.</summary>
public sealed record ClientDetail(Guid Id, string Name, string Slug, string Status, Guid CreatedByPartnerId, DateTimeOffset CreatedAt,
    IReadOnlyList<ClientInstance>? Instances, IReadOnlyList<ClientInvitation>? Invitations);

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
