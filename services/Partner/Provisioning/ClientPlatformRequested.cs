using WebWaka.Contracts;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// What a partner asked for, as accepted: kept as the request's record (<c>provisioning_requests.body</c>), and what its
/// flow starts from (<see cref="ProvisioningTables"/>).
/// </summary>
public sealed record ClientPlatformRequested(
    Guid ProvisioningId, Guid PartnerId, string Creator, string Name, string Slug,
    string InstanceName, IReadOnlyList<string> Suites, Branding? Branding, string? Domain,
    string AdminEmail, string AdminName, DateTimeOffset OccurredAt);
