using System.Runtime.InteropServices;

namespace WebWaka.Testing;

/// <summary>The processes of this machine, as an operator sees them with ps and kill.</summary>
public static class Processes
{
    public const int Kill = 9;
    public const int Terminate = 15;

    public static void Signal(int pid, int signal) => kill(pid, signal);

    /// <summary>Whether the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A living process: its parent, its command line, and the CPU time it has used so far in clock ticks.</summary>
    public sealed record RunningProcess(int Pid, int ParentPid, string CommandLine, long CpuTicks);

    /// <summary>Linux counts a process's CPU time in ticks of 1/100 s on every platform .NET runs on.</summary>
    public const double CpuTicksPerSecond = 100;

    /// <summary>Every living process.</summary>
    public static IReadOnlyList<RunningProcess> All()
    {
        var found = new List<RunningProcess>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z")
                {
                    // The fields after the command's closing parenthesis: state, parent, ..., utime and stime 12th and 13th.
                    found.Add(new RunningProcess(pid, int.Parse(fields[1]), File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim(),
                        long.Parse(fields[11]) + long.Parse(fields[12])));
                }
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
        }

        return found;
    }

    /// <summary>The processes under the given ones, their children's children included.</summary>
    public static IReadOnlyList<(int Pid, string CommandLine)> Descendants(IEnumerable<int> roots)
    {
        var all = All();
        var tree = new HashSet<int>(roots);
        bool grew;
        do
        {
            grew = false;
            foreach (var process in all.Where(p => !tree.Contains(p.Pid) && tree.Contains(p.ParentPid)))
            {
                grew |= tree.Add(process.Pid);
            }
        }
        while (grew);

        return [.. all.Where(p => tree.Contains(p.Pid)).Select(p => (p.Pid, p.CommandLine))];
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
