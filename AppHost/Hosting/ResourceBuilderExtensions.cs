namespace WebWaka.AppHost.Hosting;

/// <summary>The Aspire-shaped vocabulary of AppHost's Program.cs.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new PostgresServerResource(name)).WithEndpoint("tcp", "tcp");

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name)
    {
        var database = new PostgresDatabaseResource(name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RabbitMQServerResource(name))
            .WithEndpoint("amqp", "amqp")
            .WithEndpoint("dist", "tcp")
            .WithEndpoint("epmd", "tcp");

    public static IResourceBuilder<MailDevResource> AddMailDev(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new MailDevResource(name))
            .WithEndpoint("smtp", "smtp")
            .WithEndpoint("http", "http");

    /// <summary>A project of this repository, by its path from the repository root.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath) =>
        builder.AddResource(new ProjectResource(name, projectPath)).WithEndpoint("http", "http");

    public static IResourceBuilder<ExecutableResource> AddExecutable(this DistributedApplicationBuilder builder, string name,
        string command, string workingDirectory, params string[] arguments) =>
        builder.AddResource(new ExecutableResource(name, command, workingDirectory, arguments));

    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, bool secret = false) =>
        builder.AddResource(new ParameterResource(name, secret, builder.Configuration[$"Parameters:{name}"]));

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter)
        where T : Resource
    {
        builder.Resource.EnvironmentCallbacks.Add((context, environment) => environment[name] = parameter.Resource.GetValue(context));
        return builder;
    }

    public static IResourceBuilder<ExecutableResource> WithHealthCheck(this IResourceBuilder<ExecutableResource> builder,
        Func<ResourceContext, CancellationToken, Task<HealthResult>> check)
    {
        builder.Resource.HealthCheck = check;
        return builder;
    }

    public static IResourceBuilder<T> WithEndpoint<T>(this IResourceBuilder<T> builder, string name, string scheme, int? port = null)
        where T : Resource
    {
        builder.Resource.Endpoints.RemoveAll(e => e.Name == name);
        builder.Resource.Endpoints.Add(new EndpointAnnotation(name, scheme, port));
        return builder;
    }

    /// <summary>Gives the resource's HTTP endpoint a fixed port (ignored when the app runs isolated).</summary>
    public static IResourceBuilder<T> WithHttpEndpoint<T>(this IResourceBuilder<T> builder, int port) where T : Resource =>
        builder.WithEndpoint("http", "http", port);

    /// <summary>Marks the HTTP endpoints as reachable from outside the machine's loopback (the gateway's).</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        var endpoints = builder.Resource.Endpoints;
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i].Scheme == "http")
            {
                endpoints[i] = endpoints[i] with { IsExternal = true };
            }
        }

        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) where T : Resource
    {
        builder.Resource.EnvironmentCallbacks.Add((_, environment) => environment[name] = value);
        return builder;
    }

    /// <summary>Hands over a connection string as <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : Resource
    {
        var resource = source.Resource;
        builder.Resource.References.Add(resource);
        builder.Resource.EnvironmentCallbacks.Add((context, environment) =>
            environment[$"ConnectionStrings__{resource.Name}"] = resource.GetConnectionString(context));
        return builder;
    }

    /// <summary>Hands over every replica's address as <c>services__{name}__{endpoint}__{i}</c>, read by service discovery.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> source)
        where T : Resource
    {
        var project = source.Resource;
        builder.Resource.References.Add(project);
        builder.Resource.EnvironmentCallbacks.Add((context, environment) =>
        {
            foreach (var endpoint in project.Endpoints)
            {
                for (var replica = 0; replica < project.Replicas; replica++)
                {
                    environment[$"services__{project.Name}__{endpoint.Name}__{replica}"] = context.GetUrl(project, endpoint.Name, replica);
                }
            }
        });
        return builder;
    }

    /// <summary>Starts this resource only once the other one is healthy; if that one fails, this one never starts.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : Resource
    {
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : ProcessResource
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }
}
