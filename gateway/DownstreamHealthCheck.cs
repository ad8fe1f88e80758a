using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;

namespace WebWaka.Gateway;

/// <summary>
/// The health of one service behind the gateway: every endpoint (replica) of it must answer its own
/// <c>/health</c> with success. The gateway's <c>/health</c> lists one such check per service.
/// </summary>
internal sealed class DownstreamHealthCheck(string service, ServiceEndpointResolver resolver) : IHealthCheck
{
    // A plain client: a retrying one would hide a failing service and answer slowly.
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(3) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoints = await resolver.GetEndpointsAsync($"http://{service}", cancellationToken);
        if (endpoints.Endpoints.Count == 0)
        {
            return HealthCheckResult.Unhealthy($"No endpoint of {service} is known.");
        }

        var answers = await Task.WhenAll(endpoints.Endpoints.Select(async endpoint =>
        {
            var address = endpoint.ToString()!;
            var baseAddress = address.Contains("://") ? address : $"http://{address}";
            try
            {
                using var response = await Client.GetAsync($"{baseAddress.TrimEnd('/')}/health", cancellationToken);
                return (address, healthy: response.IsSuccessStatusCode, detail: $"{(int)response.StatusCode}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return (address, healthy: false, detail: ex.Message);
            }
        }));

        var data = answers.ToDictionary(a => a.address, a => (object)(a.healthy ? "Healthy" : $"Unhealthy: {a.detail}"));
        var unhealthy = answers.Count(a => !a.healthy);
        return unhealthy == 0
            ? HealthCheckResult.Healthy($"{answers.Length} of {answers.Length} endpoints healthy", data)
            : HealthCheckResult.Unhealthy($"{unhealthy} of {answers.Length} endpoints unhealthy", data: data);
    }
}
