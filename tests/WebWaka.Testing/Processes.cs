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
                var stat = Stat.Read(folder);
                if (stat.State != "Z")
                {
                    found.Add(new RunningProcess(pid, stat.ParentPid, File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim(), stat.CpuTicks));
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

    /// <summary>The threads of a process: the name each was given (as Linux keeps it, 15 characters) and its CPU ticks so far.</summary>
    public static IReadOnlyList<(string Name, long CpuTicks)> ThreadsOf(int pid)
    {
        var threads = new List<(string, long)>();
        string[] folders;
        try
        {
            folders = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return threads; // The process ended.
        }

        foreach (var folder in folders)
        {
            try
            {
                var stat = Stat.Read(folder);
                threads.Add((stat.Name, stat.CpuTicks));
            }
            catch (IOException)
            {
                // This thread ended while we looked; the others still count.
            }
        }

        return threads;
    }

    /// <summary>A process's or a thread's <c>stat</c> file: its name in parentheses, then its state, its parent, ... its CPU ticks.</summary>
    private sealed record Stat(string Name, string State, int ParentPid, long CpuTicks)
    {
        public static Stat Read(string folder)
        {
            var stat = File.ReadAllText(Path.Combine(folder, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state, parent, ..., user and system time 12th and 13th.
            return new(stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')], fields[0], int.Parse(fields[1]), long.Parse(fields[11]) + long.Parse(fields[12]));
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
