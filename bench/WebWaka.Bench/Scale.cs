namespace WebWaka.Bench;

/// <summary>
/// How long and how much each measurement runs. '--smoke' shrinks them all, to check in a minute or two that the bench
/// still runs end to end after a change; its numbers mean nothing and are not written to bench/results.
/// </summary>
internal static class Scale
{
    public static bool Smoke { get; set; }

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Smoke ? Math.Min(seconds, 2) : seconds);

    public static int Count(int count) => Smoke ? Math.Min(count, 5) : count;
}
