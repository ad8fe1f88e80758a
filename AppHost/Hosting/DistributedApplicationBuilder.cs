using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace WebWaka.AppHost.Hosting;

/// <summary>Collects the resources of the application, then builds it with every port assigned.</summary>
public sealed class DistributedApplicationBuilder(DistributedApplicationOptions options, IConfiguration configuration)
{
    private readonly List<IResource> _resources = [];

    public DistributedApplicationOptions Options { get; } = options;

    /// <summary>Environment variables and <c>--Key=value</c> arguments, as in any .NET host.</summary>
    public IConfiguration Configuration { get; } = configuration;

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (_resources.Any(r => r.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        var ports = new PortMap();
        foreach (var resource in _resources.OfType<ProcessResource>())
        {
            foreach (var endpoint in resource.Endpoints)
            {
                for (var replica = 0; replica < resource.Replicas; replica++)
                {
                    var fixedPort = Options.Isolated || replica > 0 ? null : endpoint.Port;
                    ports.Assign(resource.Name, endpoint.Name, replica, fixedPort ?? FreePort.Next(ports));
                }
            }
        }

        return new DistributedApplication(_resources, new ResourceContext(Options, ports));
    }
}

/// <summary>
/// Finds loopback ports that nobody listens on, below the kernel's ephemeral range: a port from that range can
/// be taken by an outgoing connection between the moment it is chosen and the moment its server binds it.
/// </summary>
public static class FreePort
{
    private static readonly (int Low, int High) EphemeralRange = ReadEphemeralRange();

    /// <summary>A port nobody listens on now, and none of the already <paramref name="taken"/> ones.</summary>
    public static int Next(PortMap? taken = null)
    {
        var high = Math.Min(EphemeralRange.Low, 65536);
        var low = Math.Max(10000, high - 20000);
        while (true)
        {
            var port = Random.Shared.Next(low, high);
            if ((taken is null || !taken.Contains(port)) && CanBind(port))
            {
                return port;
            }
        }
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int Low, int High) ReadEphemeralRange()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(range[0]), int.Parse(range[1]));
        }
        catch (IOException)
        {
            return (32768, 60999);
        }
    }
}
