using System.Globalization;

namespace WebWaka.AppHost.Resources;

/// <summary>
/// How much telemetry each project sends the dashboard: <c>Telemetry:TraceRatio</c>, the share of traces kept (0 to 1),
/// and <c>Telemetry:MetricSeconds</c>, how often metrics go. Unset, Aspire's development defaults stand: every trace,
/// metrics each second, which a developer following one request wants. Under load they cost a sixth of the CPU a
/// platform takes (README, Benchmark), so a system at work keeps a share of its traces and sends metrics less often.
/// </summary>
public sealed record Telemetry(double? TraceRatio, int? MetricSeconds)
{
    public static Telemetry From(IConfiguration configuration)
    {
        var telemetry = new Telemetry(configuration.GetValue<double?>("Telemetry:TraceRatio"), configuration.GetValue<int?>("Telemetry:MetricSeconds"));
        if (telemetry.TraceRatio is < 0 or > 1)
        {
            throw new InvalidOperationException($"Telemetry:TraceRatio is {telemetry.TraceRatio}: a share from 0 to 1.");
        }

        if (telemetry.MetricSeconds is < 1)
        {
            throw new InvalidOperationException($"Telemetry:MetricSeconds is {telemetry.MetricSeconds}: 1 or more.");
        }

        return telemetry;
    }

    /// <summary>
    /// The standard OpenTelemetry settings, which Aspire's own (given first) yield to. Traces are kept or dropped whole:
    /// the span that starts one decides (<c>parentbased_traceidratio</c>), and every span after follows it, across the
    /// gateway, the services and the bus.
    /// </summary>
    public void ApplyTo(IResourceBuilder<ProjectResource> project)
    {
        if (TraceRatio is { } ratio)
        {
            project.WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
                .WithEnvironment("OTEL_TRACES_SAMPLER_ARG", ratio.ToString(CultureInfo.InvariantCulture));
        }

        if (MetricSeconds is { } seconds)
        {
            project.WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", (seconds * 1000).ToString(CultureInfo.InvariantCulture));
        }
    }
}
