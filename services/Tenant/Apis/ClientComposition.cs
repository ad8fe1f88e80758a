using System.Text.Json;
using WebWaka.Contracts;
using WebWaka.Identity;

namespace WebWaka.Tenant.Apis;

/// <summary>A domain of an instance: Pending until its TXT record is found, then Verified; one of them primary.</summary>
public sealed record ClientDomain(string Hostname, string Status, bool Primary);

/// <summary>An instance, as a client's detail shows it.</summary>
public sealed record ClientInstance(Guid Id, string Name, IReadOnlyList<string> Suites, Branding? Branding, IReadOnlyList<ClientDomain> Domains,
    DateTimeOffset CreatedAt);

/// <summary>An invitation to administer the client, as its detail shows it.</summary>
public sealed record ClientInvitation(Guid Id, string Email, string Name, string Role, string Status, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);

/// <summary>
/// A client's detail shows what other services own: its instances (Instance service) and its invitations
/// (Invitation service), asked over HTTP through service discovery. A service that does not answer leaves its
/// part null: the partner still sees the client.
/// </summary>
public sealed class ClientComposition(IHttpClientFactory httpClients, ILogger<ClientComposition> logger)
{
    public async Task<(IReadOnlyList<ClientInstance>? Instances, IReadOnlyList<ClientInvitation>? Invitations)> InstancesAndInvitationsAsync(
        Guid tenantId, CancellationToken cancellationToken)
    {
        var instances = GetAsync<ClientInstance>(ServiceNames.Instance, $"/internal/tenants/{tenantId}/instances", cancellationToken);
        var invitations = GetAsync<ClientInvitation>(ServiceNames.Invitation, $"/internal/tenants/{tenantId}/invitations", cancellationToken);
        return (await instances, await invitations);
    }

    private async Task<IReadOnlyList<T>?> GetAsync<T>(string service, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClients.CreateClient(service).GetFromJsonAsync<List<T>>(path, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{Service} did not answer {Path}: {Error}", service, path, ex.Message);
            return null;
        }
    }
}
