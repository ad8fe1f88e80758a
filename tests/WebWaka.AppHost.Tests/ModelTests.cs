using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebWaka.AppHost.Tests;

/// <summary>What AppHost declares, read from its model without starting it.</summary>
public sealed class ModelTests : IDisposable
{
    private static readonly string[] Services = ["partner-api", "tenant-api", "instance-api", "invitation-api"];
    private readonly ScratchFolder _scratch = new();

    private async Task<IReadOnlyList<IResource>> ModelAsync(params string[] settings)
    {
        // A folder each: AppHost holds its data folder until it stops, and a model that never starts never stops.
        var data = Directory.CreateDirectory(Path.Combine(_scratch.Path, Guid.NewGuid().ToString("N"))).FullName;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"DataDirectory={data}", .. settings]);
        return [.. builder.Resources];
    }

    /// <summary>The environment a project is given, its values as a published model has them (no server started).</summary>
    private static async Task<Dictionary<string, string>> EnvironmentOfAsync(IResource project)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(project).WithEnvironmentVariablesConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), NullLogger.Instance, CancellationToken.None);
        return configuration.EnvironmentVariables.ToDictionary(variable => variable.Key, variable => variable.Value);
    }

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name);

    [Fact]
    public async Task Every_service_waits_for_its_own_database_and_the_broker_and_the_gateway_for_every_service()
    {
        var resources = await ModelAsync();

        Assert.Equal(
            ["postgres", "partnerdb", "tenantdb", "instancedb", "invitationdb", "rabbitmq-epmd", "rabbitmq", "mail",
             "dns", "tenant-api", "instance-api", "partner-api", "invitation-api", "web", "gateway"],
            resources.Where(ResourceStates.RunsWithTheApp).Select(r => r.Name));
        foreach (var service in Services)
        {
            var database = service.Replace("-api", "db");
            Assert.Contains(database, WaitsFor(resources.Single(r => r.Name == service)));
            Assert.Contains("rabbitmq", WaitsFor(resources.Single(r => r.Name == service)));
        }

        Assert.Contains("mail", WaitsFor(resources.Single(r => r.Name == "invitation-api")));
        Assert.Contains("dns", WaitsFor(resources.Single(r => r.Name == "instance-api")));
        Assert.Equal(Services.Append("web").Order(), WaitsFor(resources.Single(r => r.Name == "gateway")).Order());
        Assert.All(resources.OfType<ParameterResource>(), parameter => Assert.True(parameter.Secret, $"{parameter.Name} is not secret"));
    }

    [Fact]
    public async Task Replicas_and_the_gateway_port_are_settings()
    {
        var resources = await ModelAsync("Replicas:tenant-api=2", "Gateway:Port=9090");

        Assert.Equal(2, resources.Single(r => r.Name == "tenant-api").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        Assert.Equal(1, resources.Single(r => r.Name == "partner-api").Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
        var gateway = resources.Single(r => r.Name == "gateway").Annotations.OfType<EndpointAnnotation>().Single();
        Assert.Equal((9090, true), (gateway.Port, gateway.IsExternal));
    }

    [Fact]
    public async Task Telemetry_settings_reach_every_project_as_OpenTelemetry_settings()
    {
        var projects = (await ModelAsync("Telemetry:TraceRatio=0.1", "Telemetry:MetricSeconds=10")).OfType<ProjectResource>().ToList();
        var defaults = (await ModelAsync()).OfType<ProjectResource>().ToList();

        Assert.Equal(Services.Append("web").Append("gateway").Order(), projects.Select(p => p.Name).Order());
        foreach (var project in projects)
        {
            var environment = await EnvironmentOfAsync(project);
            Assert.Equal("parentbased_traceidratio", environment["OTEL_TRACES_SAMPLER"]);
            Assert.Equal("0.1", environment["OTEL_TRACES_SAMPLER_ARG"]);
            Assert.Equal("10000", environment["OTEL_METRIC_EXPORT_INTERVAL"]);
        }

        foreach (var project in defaults)
        {
            var environment = await EnvironmentOfAsync(project);
            Assert.False(environment.ContainsKey("OTEL_TRACES_SAMPLER_ARG"), project.Name);
            Assert.NotEqual("10000", environment.GetValueOrDefault("OTEL_METRIC_EXPORT_INTERVAL"));
        }
    }

    [Theory]
    [InlineData("Telemetry:TraceRatio=1.5", "Telemetry:TraceRatio is 1.5")]
    [InlineData("Telemetry:MetricSeconds=0", "Telemetry:MetricSeconds is 0")]
    public async Task A_telemetry_setting_out_of_range_is_refused_with_its_name(string setting, string message)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ModelAsync(setting));

        Assert.Contains(message, refused.ToString());
    }

    [Fact]
    public void Secrets_are_made_once_per_data_folder_and_kept_from_everyone_else()
    {
        static LocalData On(string folder) =>
            LocalData.From(new ConfigurationBuilder().AddInMemoryCollection([new("DataDirectory", folder)]).Build());

        var key = On(_scratch.Path).Secret("identity-signing-key", bytes: 32);

        Assert.Equal(64, key.Length);
        Assert.Equal(key, On(_scratch.Path).Secret("identity-signing-key", bytes: 32));
        Assert.NotEqual(key, On(Path.Combine(_scratch.Path, "other")).Secret("identity-signing-key", bytes: 32));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_scratch.Path, "secrets", "identity-signing-key")));
    }

    public void Dispose() => _scratch.Dispose();
}
