using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;
using WebWaka.Api;
using WebWaka.Contracts.PartnerFirst;
using WebWaka.Gateway;
using WebWaka.Identity;
using Yarp.ReverseProxy.Transforms;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiConventions();
builder.AddTokenAuthentication();

// The public door's well-known address, unless told otherwise (ASPNETCORE_URLS, --urls).
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:8080");
}

builder.Services.AddGatewayRateLimits(builder.Configuration);
builder.Services.AddApiKeys();
builder.Services.AddSingleton<PublicApiDocument>();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(transforms => transforms.AddRequestTransform(context =>
    {
        IdentityHeaders.RemoveFrom(context.ProxyRequest.Headers);
        return ValueTask.CompletedTask;
    }))
    // A destination such as http://partner-api is every address service discovery knows for it.
    .AddServiceDiscoveryDestinationResolver();

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

app.UseTrustedProxies();
app.UseSecurityHeaders();
app.UseProblemResponses();
app.UseApiKeys();
app.UseTokenAuthentication();
app.UseRateLimiter();

app.MapDefaultEndpoints();

// Partner-first rule 2, answered at the door (the Tenant service refuses it too).
app.MapPost("/api/signup", PartnerFirstProblems.SignupRefused).AllowAnonymous().RequireRateLimiting(RateLimits.Public);

// The public API in one document, and a reference to browse it at /docs.
app.MapGet("/openapi/v1.json", async (PublicApiDocument document, CancellationToken cancellationToken) =>
    Results.Json(await document.GetAsync(cancellationToken))).AllowAnonymous();
app.MapScalarApiReference("/docs", options => options.WithTitle("WebWaka API")).AllowAnonymous();

// An /api path that no service owns is the gateway's own 404, not the web's HTML page.
app.Map("/api/{**rest}", () => ApiProblems.NotFound("API"));

app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
{
    // Partner-first rule 3 at the door: a partner operator who acts for no partner goes no further.
    if (context.Request.Path.StartsWithSegments("/api/partner") && context.User.Identity?.IsAuthenticated == true &&
        ActingPartner.Resolve(context.User) is PartnerAttribution.Refused refused)
    {
        await ApiProblems.Of(StatusCodes.Status403Forbidden, refused.Code, refused.Message).ExecuteAsync(context);
        return;
    }

    await next();
}));

app.Run();
