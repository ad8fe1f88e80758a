using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>
/// The tests' system with the telemetry of a system at work rather than of a developer's: one trace in ten kept, whole,
/// and metrics sent every 10 seconds (AppHost's Telemetry settings). Aspire's development defaults, every trace and
/// metrics each second, cost a sixth of the CPU a platform takes here (README, Benchmark).
/// </summary>
internal sealed class SystemAtWork : DistributedAppFixture
{
    public SystemAtWork()
    {
        Settings["Telemetry:TraceRatio"] = "0.1";
        Settings["Telemetry:MetricSeconds"] = "10";
    }
}
