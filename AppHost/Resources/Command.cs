using System.Diagnostics;

namespace WebWaka.AppHost.Resources;

/// <summary>A short command run to completion while a resource is being prepared (initdb, chown).</summary>
internal static class Command
{
    public static async Task RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken, string? asUser = null)
    {
        var startInfo = asUser is null
            ? new ProcessStartInfo(file)
            : new ProcessStartInfo("setpriv") { ArgumentList = { $"--reuid={asUser}", $"--regid={asUser}", "--init-groups", file } };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' exited with code {process.ExitCode}: {await error}{await output}");
        }
    }
}
