using System.Diagnostics;

namespace WebWaka.Bench;

/// <summary>Programs the bench runs (wrk, nginx) as its own child processes, each ended by its own id.</summary>
internal static class Child
{
    public static Process Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
    }

    /// <summary>Runs a program to its end and answers what it printed; one that fails, or outlives the timeout, is an error.</summary>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = Start(program, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} ran longer than {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}");
        }

        return await output;
    }
}
