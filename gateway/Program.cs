using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.ServiceDiscovery;
using WebWaka.Gateway;
using WebWaka.ServiceDefaults;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

// The public door's well-known address, unless told otherwise (ASPNETCORE_URLS, --urls).
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:8080");
}

builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();

// The gateway's /health is healthy only when every service behind it is.
foreach (var service in builder.Configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => c.Key))
{
    builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
        service,
        services => ActivatorUtilities.CreateInstance<DownstreamHealthCheck>(services, service),
        HealthStatus.Unhealthy,
        ["ready"]));
}

var app = builder.Build();

app.UseProblemResponses();
app.MapDefaultEndpoints();
// An /api path that no service owns is the gateway's own 404, not the web's HTML page.
app.Map("/api/{**rest}", () => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API."));
app.MapReverseProxy();

app.Run();
