using System.Reflection;

namespace WebWaka.AppHost.Hosting;

/// <summary>A .NET project of this repository, run from its build output (AppHost builds it first).</summary>
public sealed class ProjectResource(string name, string projectPath) : ProcessResource(name)
{
    private static readonly string BuildConfiguration =
        typeof(ProjectResource).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public override string Kind => "Project";

    /// <summary>The .csproj, relative to the repository root.</summary>
    public string ProjectPath { get; } = projectPath;

    public override ProcessSpec GetProcessSpec(ResourceContext context, int replica)
    {
        var projectDirectory = Path.Combine(context.Options.RepositoryRoot, Path.GetDirectoryName(ProjectPath)!);
        var assemblyName = Path.GetFileNameWithoutExtension(ProjectPath);
        var executable = Path.Combine(projectDirectory, "bin", BuildConfiguration, "net10.0", assemblyName);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"'{executable}' is missing: build the solution first ('./webwaka up' does).");
        }

        var defaults = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = context.GetUrl(this, "http", replica),
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica}",
            // One line per log entry reads well behind the console's resource prefix and on the dashboard.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss ",
        };
        return new ProcessSpec(executable, [], projectDirectory, context.BuildEnvironment(this, replica, defaults));
    }

    public override async Task<HealthResult> CheckHealthAsync(ResourceContext context, int replica, CancellationToken cancellationToken)
    {
        return await HealthProbe.GetAsync($"{context.GetUrl(this, "http", replica)}/health", cancellationToken);
    }
}

/// <summary>Asks an HTTP health endpoint whether it is healthy.</summary>
internal static class HealthProbe
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static async Task<HealthResult> GetAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(url, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return HealthResult.Healthy;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return HealthResult.Unhealthy($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthResult.Unhealthy(ex.Message);
        }
    }
}
