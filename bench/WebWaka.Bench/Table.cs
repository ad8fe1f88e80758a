using System.Diagnostics;
using System.Text;

namespace WebWaka.Bench;

/// <summary>
/// The one table the bench prints: rows in the order of their numbers (1a, 1b, ... 4d) whatever order they were
/// measured in, under the run's date, machine and commit.
/// </summary>
internal sealed class Table
{
    private readonly SortedDictionary<string, (string Measured, string Result)> _rows = new(StringComparer.Ordinal);

    public void Add(string row, string measured, string result)
    {
        // A pipe inside a cell would end it.
        (measured, result) = (measured.Replace("|", "\\|"), result.Replace("|", "\\|"));
        _rows[row] = (measured, result);
        Console.WriteLine($"    {row}  {measured}: {result}");
    }

    public string ToMarkdown(string repository, string system, TimeSpan took)
    {
        var text = new StringBuilder();
        text.AppendLine($"WebWaka bench, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Commit(repository)}, run took {took.TotalMinutes:0.0} min");
        text.AppendLine($"Machine: {Machine()}");
        text.AppendLine($"System: {system}");
        text.AppendLine();
        text.AppendLine("| # | measured | result |");
        text.AppendLine("|---|---|---|");
        foreach (var (row, (measured, result)) in _rows)
        {
            text.AppendLine($"| {row} | {measured} | {result} |");
        }

        return text.ToString();
    }

    public static string Ms(double milliseconds) => Math.Abs(milliseconds) switch
    {
        double.NaN => "n/a",
        < 10 => $"{milliseconds:0.00} ms",
        < 100 => $"{milliseconds:0.0} ms",
        _ => $"{milliseconds:N0} ms",
    };

    public static string PerSecond(double rate, string unit) => rate < 100 ? $"{rate:0.0} {unit}/s" : $"{rate:N0} {unit}/s";

    /// <summary>Cores as nproc counts them, the processor's model name and the memory, as /proc tells them.</summary>
    private static string Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown processor";
        var memoryKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"{Environment.ProcessorCount} cores ({model}), {long.Parse(memoryKb) / 1024.0 / 1024:0.0} GiB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    /// <summary>The commit measured; '+ uncommitted changes' when the work tree differs from it (results aside).</summary>
    private static string Commit(string repository)
    {
        var commit = Git(repository, "rev-parse --short HEAD");
        var changes = Git(repository, "status --porcelain -- . :!bench/results");
        return changes is "" or "unknown" ? commit : $"{commit} + uncommitted changes";
    }

    private static string Git(string repository, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", $"-C \"{repository}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }
}
