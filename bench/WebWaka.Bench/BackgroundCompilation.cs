using System.Diagnostics;
using WebWaka.Testing;

namespace WebWaka.Bench;

/// <summary>
/// The runtime's background compiler in the system's services. After a burst of new work .NET recompiles the methods that
/// ran most into faster forms (tiered compilation with profile-guided optimization: up to three compilations a method),
/// and it holds that back while new methods still appear, so the backlog comes when the burst ends; and a method's last
/// compilation waits for calls to the one before. Measured on two cores: after 1a's warm-up of 320 platforms the
/// services' compiler threads used 1 to 1.4 cores for about half a minute, just while the idle requests ran; and waiting
/// for them to be quiet once was not enough, the idle requests' own calls set off another 10 s of it.
/// </summary>
internal static class BackgroundCompilation
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    // Quiet: under a twentieth of a core over the window, all services together.
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(0.1);

    // The name the runtime gives its tiered-compilation thread, as Linux keeps it (15 characters).
    private const string CompilerThread = ".NET Tiered Com";

    /// <summary>Waits until the services' compiler threads are quiet, or <paramref name="most"/> passed.</summary>
    public static async Task WaitUntilQuietAsync(TimeSpan most)
    {
        var clock = Stopwatch.StartNew();
        var before = CpuSoFar();
        while (clock.Elapsed < most)
        {
            await Task.Delay(Window);
            var now = CpuSoFar();
            if (now - before <= Quiet)
            {
                return;
            }

            before = now;
        }
    }

    /// <summary>CPU time the compiler threads of the system's services have used so far.</summary>
    public static TimeSpan CpuSoFar() => TimeSpan.FromSeconds(Processes.All().Where(ProcessCpu.IsOurs)
        .SelectMany(service => Processes.ThreadsOf(service.Pid))
        .Where(thread => thread.Name == CompilerThread)
        .Sum(thread => thread.CpuTicks) / Processes.CpuTicksPerSecond);
}
