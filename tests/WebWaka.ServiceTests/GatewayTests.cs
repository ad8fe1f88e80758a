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
    private const string SigningKey = "a-signing-key-for-the-gateway-tests-only-0123456789";
    private static readonly string[] Services = ["partner-api", "tenant-api", "instance-api", "invitation-api", "web"];
    private static readonly Guid Agency = Guid.NewGuid();
    private readonly TestTokens _tokens = new(SigningKey);
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
            host.UseSetting("Identity:SigningKey", SigningKey);
            host.UseSetting("RateLimits:SignInPerMinute", "3");
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
    [InlineData("POST", "/api/auth/token", "partner-api", null)]
    [InlineData("GET", "/api/partner/me", "partner-api", "PARTNER_ADMIN")]
    [InlineData("POST", "/api/partner/clients", "partner-api", "PARTNER_ADMIN")]
    [InlineData("GET", "/api/partner/clients/provisioning/7d1c", "partner-api", "PARTNER_ADMIN")]
    [InlineData("GET", "/api/partner/clients?status=Active", "tenant-api", "PARTNER_ADMIN")]
    [InlineData("GET", "/api/partner/clients/7d1c", "tenant-api", "PARTNER_ADMIN")]
    [InlineData("POST", "/api/partner/clients/7d1c/suspend", "tenant-api", "SUPER_ADMIN")]
    [InlineData("GET", "/api/partner/signup-links", "partner-api", "PARTNER_ADMIN")]
    [InlineData("GET", "/api/public/partners?search=lagos", "partner-api", null)]
    [InlineData("POST", "/api/admin/partners", "partner-api", "SUPER_ADMIN")]
    [InlineData("GET", "/api/invitations/some-token", "invitation-api", null)]
    [InlineData("GET", "/api/catalog/suites", "instance-api", "PARTNER_ADMIN")]
    [InlineData("GET", "/", "web", null)]
    [InlineData("GET", "/find-a-partner", "web", null)]
    [InlineData("GET", "/dashboard/clients/new", "web", null)]
    [InlineData("GET", "/internal/tenants", "web", null)]
    public async Task Each_path_reaches_the_service_that_owns_it(string method, string path, string owner, string? role)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (role is not null)
        {
            request.Headers.Authorization = new("Bearer", _tokens.Mint(role, role == "PARTNER_ADMIN" ? Agency : null));
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(owner, answer.GetProperty("service").GetString());
        Assert.Equal(path, answer.GetProperty("pathAndQuery").GetString());
    }

    [Theory]
    [InlineData("/api/partner/me", null, HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData("/api/partner/me", "TENANT_ADMIN", HttpStatusCode.Forbidden, "FORBIDDEN")]
    [InlineData("/api/admin/partners", "PARTNER_ADMIN", HttpStatusCode.Forbidden, "FORBIDDEN")]
    [InlineData("/api/admin/partners", null, HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    [InlineData("/api/catalog/suites", null, HttpStatusCode.Unauthorized, "UNAUTHORIZED")]
    public async Task A_protected_route_is_refused_at_the_door_without_the_right_token(string path, string? role, HttpStatusCode status, string code)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (role is not null)
        {
            request.Headers.Authorization = new("Bearer", _tokens.Mint(role, tenantId: Guid.NewGuid(), partnerId: Agency));
        }

        await ProblemAssert.IsProblemAsync(await _client.SendAsync(request), status, code);
        Assert.All(_servers.Values, server => Assert.DoesNotContain(path, server.Requests));
    }

    [Fact]
    public async Task Forged_and_expired_tokens_are_401()
    {
        foreach (var token in new[] { TestTokens.Forger.Mint("PARTNER_ADMIN", Agency), _tokens.Mint("PARTNER_ADMIN", Agency, validFor: TimeSpan.FromMinutes(-5)), "not-a-jwt" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/partner/me") { Headers = { Authorization = new("Bearer", token) } };
            await ProblemAssert.IsProblemAsync(await _client.SendAsync(request), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }

    [Fact]
    public async Task A_partner_admin_without_a_partner_id_is_refused_at_the_door()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/partner/me") { Headers = { Authorization = new("Bearer", _tokens.Mint("PARTNER_ADMIN")) } };

        await ProblemAssert.IsProblemAsync(await _client.SendAsync(request), HttpStatusCode.Forbidden, "PARTNER_ID_REQUIRED");
    }

    [Fact]
    public async Task Public_signup_is_refused_by_the_gateway_itself()
    {
        using var response = await _client.PostAsJsonAsync("/api/signup", new { clientName = "Ada Stores" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "TENANT_CREATION_REQUIRES_PARTNER");
        Assert.Equal("/find-a-partner", problem.GetProperty("findPartnerUrl").GetString());
        Assert.Equal("/become-a-partner", problem.GetProperty("becomePartnerUrl").GetString());
        // The gateway's own polling for revoked users is not a request of the caller's.
        Assert.All(_servers.Values, server => Assert.DoesNotContain(server.Requests, path => !path.StartsWith("/internal/revocations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Identity_headers_a_client_sends_never_reach_a_service()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/partner/me");
        request.Headers.Authorization = new("Bearer", _tokens.Mint("PARTNER_ADMIN", Agency));
        foreach (var (name, value) in new[] { ("X-Partner-Id", Guid.NewGuid().ToString()), ("X-Tenant-Id", Guid.NewGuid().ToString()),
                     ("X-User-Id", "admin"), ("X-Role", "SUPER_ADMIN"), ("X-WebWaka-Partner", "other"), ("X-Request-Note", "kept") })
        {
            request.Headers.Add(name, value);
        }

        using var response = await _client.SendAsync(request);

        var headers = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("headers");
        Assert.All(["X-Partner-Id", "X-Tenant-Id", "X-User-Id", "X-Role", "X-WebWaka-Partner"], name => Assert.False(headers.TryGetProperty(name, out _), $"{name} reached the service"));
        Assert.Equal("kept", headers.GetProperty("X-Request-Note").GetString());
        Assert.StartsWith("Bearer ", headers.GetProperty("Authorization").GetString());
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_client_address()
    {
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await _client.PostAsJsonAsync("/api/auth/token", new { email = "a@example.com", password = "guess" });
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Each_partners_requests_are_limited_a_minute_apart_from_every_other_partners()
    {
        await using var limited = _gateway.WithWebHostBuilder(host => host.UseSetting("Limits:RequestsPerMinute", "3"));
        var (busy, other) = (limited.CreateClient(), limited.CreateClient());
        busy.DefaultRequestHeaders.Authorization = new("Bearer", _tokens.Mint("PARTNER_ADMIN", Agency));
        other.DefaultRequestHeaders.Authorization = new("Bearer", _tokens.Mint("PARTNER_ADMIN", Guid.NewGuid()));

        var answers = new List<HttpStatusCode>();
        for (var request = 0; request < 4; request++)
        {
            using var response = await busy.GetAsync("/api/partner/me");
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(int.Parse(Assert.Single(response.Headers.GetValues("Retry-After"))), 1, 60);
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/partner/me")).StatusCode);
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

                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString());
                return Results.Json(new { service = name, pathAndQuery, headers });
            });
            await app.StartAsync();
            server = new IdentifyingServer(app, app.Urls.Single());
            return server;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
