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

    /// <summary>Every living process with its parent and command line.</summary>
    public static IReadOnlyList<(int Pid, int ParentPid, string CommandLine)> All()
    {
        var found = new List<(int, int, string)>();
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
                    found.Add((pid, int.Parse(fields[1]), File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ').Trim()));
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
