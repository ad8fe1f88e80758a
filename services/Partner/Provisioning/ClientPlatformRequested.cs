using WebWaka.Contracts;

namespace WebWaka.Partner.Provisioning;

/// <summary>
/// A partner asked for a client platform: written to the outbox with the request itself, in one transaction,
/// so an accepted request always starts its flow exactly once. Internal to the Partner service.
/// </summary>
public sealed record ClientPlatformRequested(
    Guid ProvisioningId, Guid PartnerId, string Creator, string Name, string Slug,
    string InstanceName, IReadOnlyList<string> Suites, Branding? Branding, string? Domain,
    string AdminEmail, string AdminName, DateTimeOffset OccurredAt);
