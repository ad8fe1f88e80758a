using System.Text;
using System.Text.Json.Nodes;
using WebWaka.Api;

namespace WebWaka.Gateway;

/// <summary>
/// The public API as one OpenAPI document: every service describes its own routes (<c>/openapi/v1.json</c>), and the
/// gateway serves the public ones (<c>/api/**</c>, never <c>/internal/**</c>) together, with the problem codes, under
/// one title. Asked again at most every half minute; a service that does not answer is named in
/// <c>x-missing-services</c> and its routes are left out until it does.
/// </summary>
public sealed class PublicApiDocument(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider clock,
    ILogger<PublicApiDocument> logger)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _building = new(1, 1);
    private (JsonObject Document, DateTimeOffset BuiltAt)? _cached;

    public async Task<JsonObject> GetAsync(CancellationToken cancellationToken)
    {
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_cached is not { } cached || clock.GetUtcNow() - cached.BuiltAt > Freshness || cached.Document["x-missing-services"] is not null)
            {
                _cached = cached = (await BuildAsync(cancellationToken), clock.GetUtcNow());
            }

            return cached.Document;
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<JsonObject> BuildAsync(CancellationToken cancellationToken)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        var missing = new JsonArray();
        var services = configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => c.Key).Where(s => s != "web");
        foreach (var service in services)
        {
            JsonObject? own;
            try
            {
                own = JsonNode.Parse(await httpClients.CreateClient().GetStringAsync($"http://{service}/openapi/v1.json", cancellationToken))?.AsObject();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("{Service} did not give its API document: {Error}", service, ex.Message);
                missing.Add(service);
                continue;
            }

            foreach (var (path, item) in own?["paths"]?.AsObject() ?? [])
            {
                if (!path.StartsWith("/api/", StringComparison.Ordinal) || item is not JsonObject operations)
                {
                    continue;
                }

                // Two services may answer one path with different methods (POST /api/partner/clients starts the flow).
                var merged = paths[path]?.AsObject() ?? (JsonObject)(paths[path] = new JsonObject());
                foreach (var (method, operation) in operations)
                {
                    merged[method] = operation?.DeepClone();
                }
            }

            foreach (var (name, schema) in own?["components"]?["schemas"]?.AsObject() ?? [])
            {
                if (schemas[name] is { } known && !JsonNode.DeepEquals(known, schema))
                {
                    logger.LogWarning("Schema {Schema} differs between services; {Service}'s is left out.", name, service);
                    continue;
                }

                schemas[name] = schema?.DeepClone();
            }
        }

        schemas["ProblemCode"] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "The `code` of every problem answer.",
            ["enum"] = new JsonArray([.. ProblemCodes.All.Select(c => (JsonNode)c.Code)]),
        };
        var document = new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject { ["title"] = "WebWaka API", ["version"] = "v1", ["description"] = Description() },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" } },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
        if (missing.Count > 0)
        {
            document["x-missing-services"] = missing;
        }

        return document;
    }

    private static string Description()
    {
        var text = new StringBuilder("""
            WebWaka's partner-first control plane. Partners create and run their clients' platforms; sign in with
            `POST /api/auth/token` and send the token as `Authorization: Bearer`. Every error is `application/problem+json`
            with a `code`:

            | code | status | meaning |
            |---|---|---|

            """);
        foreach (var code in ProblemCodes.All)
        {
            text.AppendLine($"| `{code.Code}` | {code.Status?.ToString() ?? "(provisioning)"} | {code.Meaning} |");
        }

        return text.ToString();
    }
}
