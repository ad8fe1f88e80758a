using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WebWaka.ServiceDefaults;

/// <summary>Writes a health report as JSON, so an operator (and the gateway) sees which check failed and why.</summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            Status = report.Status.ToString(),
            Checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { Status = entry.Value.Status.ToString(), entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
