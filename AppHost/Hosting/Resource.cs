namespace WebWaka.AppHost.Hosting;

/// <summary>Something the application is made of: a server, a database, a project.</summary>
public interface IResource
{
    string Name { get; }

    /// <summary>What the dashboard calls it: Project, PostgreSQL, Database, RabbitMQ...</summary>
    string Kind { get; }
}

/// <summary>A resource others reach through a connection string, handed over as <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    string GetConnectionString(ResourceContext context);
}

/// <summary>A resource that lives inside another and is ready once its parent has made it (a database in its server).</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

/// <summary>A network endpoint of a resource. A fixed <see cref="Port"/> is honoured unless the app runs isolated.</summary>
public sealed record EndpointAnnotation(string Name, string Scheme, int? Port = null, bool IsExternal = false);

/// <summary>The common part of every resource: what it waits for, what it depends on, its endpoints and environment.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    public abstract string Kind { get; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<IResource> WaitsFor { get; } = [];

    /// <summary>Resources this one uses (it is told their addresses); they may refer back to it.</summary>
    public List<IResource> References { get; } = [];

    public List<EndpointAnnotation> Endpoints { get; } = [];

    /// <summary>Adds variables to a replica's environment once every port is known.</summary>
    public List<Action<ResourceContext, IDictionary<string, string>>> EnvironmentCallbacks { get; } = [];

    public override string ToString() => Name;
}

/// <summary>The fluent handle that the AppHost's Program.cs holds for each resource, as in Aspire.</summary>
public interface IResourceBuilder<out T> where T : IResource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder applicationBuilder) : IResourceBuilder<T>
    where T : IResource
{
    public T Resource { get; } = resource;

    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}
