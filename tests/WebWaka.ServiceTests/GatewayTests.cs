using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebWaka.Gateway;
using WebWaka.Testing;

namespace WebWaka.ServiceTests;

/// <summary>
/// The gateway alone, in front of small real HTTP servers standing in for the services, each saying who it is:
/// which path reaches which service, and what /health says.
/// </summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private static readonly string[] Services = ["partner-api", "tenant-api", "instance-api", "invitation-api", "web"];
    private readonly Dictionary<string, IdentifyingServer> _servers = [];
    private WebApplicationFactory<DownstreamHealthCheck> _gateway = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        foreach (var service in Services)
        {
            _servers[service] = await IdentifyingServer.StartAsync(service);
        }

        _gateway = new WebApplicationFactory<DownstreamHealthCheck>().WithWebHostBuilder(host =>
        {
            foreach (var (service, server) in _servers)
            {
                host.UseSetting($"services:{service}:http:0", server.Url);
            }
        });
        _client = _gateway.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("POST", "/api/auth/token", "partner-api")]
    [InlineData("GET", "/api/partner/me", "partner-api")]
    [InlineData("GET", "/api/partner/clients/7d1c/instances", "partner-api")]
    [InlineData("GET", "/api/public/partners?search=lagos", "partner-api")]
    [InlineData("POST", "/api/admin/partners", "partner-api")]
    [InlineData("GET", "/api/invitations/some-token", "invitation-api")]
    [InlineData("GET", "/api/catalog/suites", "instance-api")]
    [InlineData("POST", "/api/signup", "tenant-api")]
    [InlineData("GET", "/", "web")]
    [InlineData("GET", "/find-a-partner", "web")]
    [InlineData("GET", "/dashboard/clients/new", "web")]
    public async Task Each_path_reaches_the_service_that_owns_it(string method, string path, string owner)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(owner, answer.GetProperty("service").GetString());
        Assert.Equal(path, answer.GetProperty("pathAndQuery").GetString());
    }

    [Theory]
    [InlineData("/api/unknown")]
    [InlineData("/api/internal/tenants")]
    [InlineData("/api/signup/extra")]
    public async Task An_api_path_no_service_owns_is_the_gateways_own_404_problem(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("NOT_FOUND", problem.GetProperty("code").GetString());
        Assert.All(_servers.Values, server => Assert.DoesNotContain(path, server.Requests));
    }

    [Fact]
    public async Task Health_is_200_only_when_every_service_is_healthy_and_names_the_one_that_is_not()
    {
        using var healthy = await _client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var report = await healthy.Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(Services, service => Assert.Equal("Healthy", report.GetProperty("checks").GetProperty(service).GetProperty("status").GetString()));

        _servers["tenant-api"].Healthy = false;

        using var unhealthy = await _client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        var checks = (await unhealthy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("tenant-api").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("partner-api").GetProperty("status").GetString());
    }

    /// <summary>A real HTTP server on a free loopback port that answers every request with its own name.</summary>
    private sealed class IdentifyingServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private IdentifyingServer(WebApplication app, string url)
        {
            _app = app;
            Url = url;
        }

        public string Url { get; }

        public bool Healthy { get; set; } = true;

        public List<string> Requests { get; } = [];

        public static async Task<IdentifyingServer> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            IdentifyingServer? server = null;
            app.MapGet("/health", () => server!.Healthy ? Results.Ok() : Results.StatusCode(503));
            app.Map("{**path}", (HttpContext context) =>
            {
                var pathAndQuery = context.Request.Path + context.Request.QueryString;
                lock (server!.Requests)
                {
                    server.Requests.Add(pathAndQuery);
                }

                return Results.Json(new { service = name, pathAndQuery });
            });
            await app.StartAsync();
            server = new IdentifyingServer(app, app.Urls.Single());
            return server;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
