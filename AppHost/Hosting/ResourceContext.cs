using System.Security.Cryptography;

namespace WebWaka.AppHost.Hosting;

/// <summary>What a resource needs to know at run time: its ports, its data folder, its secrets.</summary>
public sealed class ResourceContext(DistributedApplicationOptions options, PortMap ports)
{
    private readonly Dictionary<string, string> _secrets = [];

    public DistributedApplicationOptions Options { get; } = options;

    public string DataDirectoryOf(IResource resource) => Path.Combine(Options.DataDirectory, resource.Name);

    public int GetPort(IResource resource, string endpoint, int replica = 0) => ports.Get(resource.Name, endpoint, replica);

    /// <summary>The address a replica's endpoint is reached at.</summary>
    public string GetUrl(Resource resource, string endpoint, int replica = 0)
    {
        var annotation = resource.Endpoints.Single(e => e.Name == endpoint);
        var host = annotation.IsExternal ? "localhost" : "127.0.0.1";
        return $"{annotation.Scheme}://{host}:{GetPort(resource, endpoint, replica)}";
    }

    /// <summary>
    /// A random secret made on first use and kept in the data folder, so data from an earlier run stays usable.
    /// Resources start in parallel, so making it is serialized: every process must get the same value.
    /// </summary>
    public string GetOrCreateSecret(string name, int bytes = 16)
    {
        lock (_secrets)
        {
            if (_secrets.TryGetValue(name, out var known))
            {
                return known;
            }

            var path = Path.Combine(Options.DataDirectory, "secrets", name);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant());
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            return _secrets[name] = File.ReadAllText(path).Trim();
        }
    }

    /// <summary>
    /// The variables a replica gets on top of AppHost's own environment: the resource's own defaults first, then
    /// what its references and WithEnvironment add.
    /// </summary>
    public Dictionary<string, string> BuildEnvironment(Resource resource, int replica, IReadOnlyDictionary<string, string>? defaults = null)
    {
        var environment = new Dictionary<string, string>(defaults ?? new Dictionary<string, string>());
        foreach (var callback in resource.EnvironmentCallbacks)
        {
            callback(this, environment);
        }

        return environment;
    }
}

/// <summary>The port of every endpoint of every replica, fixed when the application is built.</summary>
public sealed class PortMap
{
    private readonly Dictionary<(string Resource, string Endpoint, int Replica), int> _ports = [];

    public int Get(string resource, string endpoint, int replica) =>
        _ports.TryGetValue((resource, endpoint, replica), out var port)
            ? port
            : throw new InvalidOperationException($"Resource '{resource}' has no endpoint '{endpoint}' for replica {replica}.");

    internal void Assign(string resource, string endpoint, int replica, int port) => _ports[(resource, endpoint, replica)] = port;

    internal bool Contains(int port) => _ports.ContainsValue(port);
}
