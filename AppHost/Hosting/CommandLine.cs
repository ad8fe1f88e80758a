using System.Diagnostics;

namespace WebWaka.AppHost.Hosting;

/// <summary>Runs a short command to its end, its output going to a resource's log.</summary>
internal static class CommandLine
{
    public static async Task RunAsync(string command, IReadOnlyList<string> arguments, Action<string> log,
        CancellationToken cancellationToken, string? runAsUser = null)
    {
        var exitCode = await ExecuteAsync(command, arguments, new Dictionary<string, string>(), log, cancellationToken, runAsUser);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with code {exitCode}.");
        }
    }

    /// <summary>Runs a command whose failure is no error, such as stopping something that may not be running.</summary>
    public static async Task TryRunAsync(string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, Action<string> log)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await ExecuteAsync(command, arguments, environment, log, timeout.Token, runAsUser: null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            log($"{command}: {ex.Message}");
        }
    }

    private static async Task<int> ExecuteAsync(string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment,
        Action<string> log, CancellationToken cancellationToken, string? runAsUser)
    {
        var startInfo = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (runAsUser is null)
        {
            startInfo.FileName = command;
        }
        else
        {
            startInfo.FileName = "setpriv";
            startInfo.ArgumentList.Add($"--reuid={runAsUser}");
            startInfo.ArgumentList.Add($"--regid={runAsUser}");
            startInfo.ArgumentList.Add("--init-groups");
            startInfo.ArgumentList.Add(command);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }
}
