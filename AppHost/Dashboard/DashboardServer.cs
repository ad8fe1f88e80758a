using WebWaka.AppHost.Orchestration;

namespace WebWaka.AppHost.Dashboard;

/// <summary>The developer dashboard: every resource's state, endpoints, health and live log.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<DashboardServer> StartAsync(Orchestrator orchestrator, ResourceContext context, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var url = $"http://localhost:{(port == 0 ? FreePort.Next() : port)}";
        builder.WebHost.UseUrls(url);
        var app = builder.Build();

        var page = ReadPage();
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", () => orchestrator.Instances.Select(instance => new
        {
            instance.Name,
            Resource = instance.Resource.Name,
            instance.Resource.Kind,
            State = instance.State.ToString(),
            Health = instance.Health.ToString(),
            instance.Message,
            Pid = instance.ProcessId,
            instance.ExitCode,
            instance.StartedAt,
            Endpoints = orchestrator.EndpointsOf(instance),
            ConnectionString = orchestrator.ConnectionStringOf(instance.Resource),
        }));
        app.MapGet("/api/resources/{name}/logs", (string name, long? after) =>
            orchestrator.Instances.FirstOrDefault(i => i.Name == name) is { } instance
                ? Results.Ok(new { Lines = instance.Log.After(after ?? 0) })
                : Results.Problem(statusCode: 404, title: $"No resource named '{name}'."));

        await app.StartAsync();
        return new DashboardServer(app, url);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string ReadPage()
    {
        using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("dashboard.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
