using System.Text.Json;

namespace WebWaka.Tenant.Apis;

/// <summary>
/// A client's detail shows what other services own: its instances (Instance service) and its invitations
/// (Invitation service), asked over HTTP through service discovery. A service that does not answer leaves its
/// part null: the partner still sees the client.
/// </summary>
public sealed class ClientComposition(IHttpClientFactory httpClients, ILogger<ClientComposition> logger)
{
    public const string InstanceService = "instance-api";
    public const string InvitationService = "invitation-api";

    public async Task<(JsonElement? Instances, JsonElement? Invitations)> InstancesAndInvitationsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var instances = GetAsync(InstanceService, $"/internal/tenants/{tenantId}/instances", cancellationToken);
        var invitations = GetAsync(InvitationService, $"/internal/tenants/{tenantId}/invitations", cancellationToken);
        return (await instances, await invitations);
    }

    private async Task<JsonElement?> GetAsync(string service, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClients.CreateClient(service).GetFromJsonAsync<JsonElement>(path, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{Service} did not answer {Path}: {Error}", service, path, ex.Message);
            return null;
        }
    }
}
