namespace WebWaka.AppHost.Tests;

public sealed class ReplicaTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    [Fact]
    public async Task WithReplicas_starts_that_many_copies_of_a_project_and_tells_dependants_every_address()
    {
        var builder = _scratch.CreateBuilder();
        var web = builder.AddProject("web", "web/WebWaka.Web.csproj").WithReplicas(2);
        var environment = _scratch.File("environment");
        builder.AddExecutable("client", "bash", _scratch.Path, "-c", $"env > {environment}.tmp && mv {environment}.tmp {environment}; exec sleep 600")
            .WithHealthCheck((_, _) => Task.FromResult(File.Exists(environment) ? HealthResult.Healthy : HealthResult.Unhealthy("starting")))
            .WithReference(web).WaitFor(web);
        await using var app = builder.Build();

        await app.StartAsync();
        await app.WaitForHealthyAsync("client", TimeSpan.FromSeconds(60));

        var replicas = app.Orchestrator.Instances.Where(i => i.Resource.Name == "web").ToList();
        Assert.Equal(["web-1", "web-2"], replicas.Select(r => r.Name));
        Assert.All(replicas, r => Assert.Equal(ResourceState.Healthy, r.State));
        Assert.NotEqual(replicas[0].ProcessId, replicas[1].ProcessId);

        var variables = File.ReadAllLines(environment);
        var first = app.GetEndpoint("web", replica: 0);
        var second = app.GetEndpoint("web", replica: 1);
        Assert.NotEqual(first, second);
        Assert.Contains($"services__web__http__0={first}", variables);
        Assert.Contains($"services__web__http__1={second}", variables);
        using var http = new HttpClient();
        Assert.True((await http.GetAsync($"{first}/health")).IsSuccessStatusCode);
        Assert.True((await http.GetAsync($"{second}/health")).IsSuccessStatusCode);
    }

    public void Dispose() => _scratch.Dispose();
}
