using System.Net;
using System.Net.Sockets;

namespace WebWaka.Testing;

public static class FreePort
{
    /// <summary>A loopback port that is free now, for a fixed port a test hands to a program of its own.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
