using System.Net;
using System.Net.Sockets;

namespace WebWaka.AppHost.Resources;

/// <summary>
/// Ports for the local servers. They listen on their endpoint's port themselves, with no proxy in front of them
/// (a database and a broker gain nothing from one), and Aspire needs such an endpoint's port to be known up front.
/// </summary>
public static class LocalPorts
{
    /// <summary>A loopback port that is free now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server itself listens on <paramref name="port"/>: no proxy in front of it.</summary>
    public static void ServeDirectly(this EndpointAnnotation endpoint, string scheme, int port)
    {
        endpoint.UriScheme = scheme;
        endpoint.Port = port;
        endpoint.TargetPort = port;
        endpoint.IsProxied = false;
    }
}
