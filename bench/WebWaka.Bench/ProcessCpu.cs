using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>
/// CPU time every process on the machine has used so far, by what it is in the system (a service, PostgreSQL, the
/// broker, the dashboard...), read from Linux's /proc: two readings apart tell where a stretch of work spent the cores.
/// </summary>
internal sealed class ProcessCpu
{
    private readonly Dictionary<int, (string Part, long Ticks)> _processes;

    private ProcessCpu(Dictionary<int, (string Part, long Ticks)> processes) => _processes = processes;

    public static ProcessCpu Read() =>
        new(Processes.All().ToDictionary(p => p.Pid, p => (PartOf(p.Pid, p.CommandLine), p.CpuTicks)));

    /// <summary>CPU seconds each part used between <paramref name="before"/> and this reading, the largest first.</summary>
    public IReadOnlyList<(string Part, double Seconds)> Since(ProcessCpu before) =>
        [.. _processes
            .GroupBy(p => p.Value.Part, p => p.Value.Ticks - (before._processes.TryGetValue(p.Key, out var then) && then.Part == p.Value.Part ? then.Ticks : 0))
            .Select(g => (Part: g.Key, Seconds: g.Sum() / Processes.CpuTicksPerSecond))
            .Where(p => p.Seconds > 0)
            .OrderByDescending(p => p.Seconds)];

    /// <summary>Whether the process is one of the system's own .NET projects (a service, the gateway, the dashboard).</summary>
    public static bool IsOurs(Processes.RunningProcess process) => ServiceOf(process.CommandLine) is not null;

    /// <summary>The project a command line runs ("Partner" for WebWaka.Partner), or null.</summary>
    private static string? ServiceOf(string commandLine) =>
        Path.GetFileName(commandLine.Split(' ')[0]) is var program && program.StartsWith("WebWaka.", StringComparison.Ordinal) ? program["WebWaka.".Length..] : null;

    private static string PartOf(int pid, string commandLine)
    {
        if (pid == Environment.ProcessId)
        {
            return "the bench (load client and AppHost)";
        }

        var program = Path.GetFileName(commandLine.Split(' ')[0]);
        return program switch
        {
            "" => "the kernel's threads",
            _ when ServiceOf(commandLine) is { } service => service,
            // A PostgreSQL backend writes what it does over its command line ("postgres: user database host idle").
            _ when program.StartsWith("postgres", StringComparison.Ordinal) => "PostgreSQL",
            "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" => "RabbitMQ",
            "Aspire.Dashboard" => "the Aspire dashboard",
            "dcp" or "dcpctrl" or "dcpproc" => "DCP",
            // nginx too writes over its command line ("nginx: worker process").
            _ when program.StartsWith("nginx", StringComparison.Ordinal) => "nginx",
            "node" when commandLine.Contains("maildev", StringComparison.Ordinal) => "the mail catcher",
            _ => "everything else",
        };
    }
}
