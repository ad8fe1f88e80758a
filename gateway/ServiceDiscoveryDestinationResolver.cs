using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace WebWaka.Gateway;

/// <summary>
/// Expands a destination such as <c>http://partner-api</c> into one destination per endpoint that service
/// discovery knows for it (every replica), and reloads when those endpoints change.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var service = new Uri(destination.Address);
            var endpoints = await resolver.GetEndpointsAsync(service.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(endpoints.ChangeToken);
            foreach (var endpoint in endpoints.Endpoints)
            {
                var address = endpoint.ToString()!;
                var uri = new Uri(address.Contains("://") ? address : $"{service.Scheme}://{address}");
                var target = new UriBuilder(service) { Scheme = uri.Scheme, Host = uri.Host, Port = uri.Port };
                resolved[$"{name}[{address}]"] = destination with { Address = target.Uri.ToString() };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }
}
