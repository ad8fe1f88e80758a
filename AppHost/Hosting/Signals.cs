using System.Runtime.InteropServices;

namespace WebWaka.AppHost.Hosting;

/// <summary>POSIX signals. Each resource runs in a session of its own, so most go to a whole process group.</summary>
public static class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    public static void Send(int pid, int signal) => kill(pid, signal);

    /// <summary>Signals every process of a group; false when there is no such group (yet, or any more).</summary>
    public static bool SendToGroup(int processGroup, int signal) => kill(-processGroup, signal) == 0;

    public static bool IsGroupAlive(int processGroup) => kill(-processGroup, 0) == 0;

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

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
