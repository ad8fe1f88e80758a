using System.Diagnostics;

namespace WebWaka.AppHost.Orchestration;

/// <summary>
/// A child process in a session (and process group) of its own, so that a terminal's Ctrl+C reaches AppHost
/// alone, AppHost stops the children in order, and a stop reaches every process the child started.
/// </summary>
internal sealed class ManagedProcess
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    public static ManagedProcess Start(ProcessSpec spec, Action<string> onLine)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory,
        };
        if (spec.RunAsUser is { } user)
        {
            foreach (var argument in new[] { "setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups" })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        startInfo.ArgumentList.Add(spec.Command);
        foreach (var argument in spec.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        // Not WaitForExitAsync: it also waits for the output pipes to close, which a daemonized grandchild can hold open.
        process.Exited += (_, _) => managed._exited.TrySetResult(process.ExitCode);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            managed._exited.TrySetResult(process.ExitCode);
        }

        return managed;
    }

    /// <summary>
    /// Asks the group to stop with the given signal, kills it when the grace period runs out, and returns once
    /// no process of the group is left.
    /// </summary>
    public async Task StopAsync(int signal, TimeSpan gracePeriod)
    {
        Signal(signal);
        if (await Task.WhenAny(Exited, Task.Delay(gracePeriod)) != Exited)
        {
            Signal(Signals.Kill);
            await Exited.WaitAsync(TimeSpan.FromSeconds(5));
        }

        // Whatever of the group outlived its leader.
        Signals.SendToGroup(Id, Signals.Kill);
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (Signals.IsGroupAlive(Id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    // Just after the spawn, setsid may not have made the group yet: then the process itself is signalled,
    // but only while it is still our running child, never a process that reused its id.
    private void Signal(int signal)
    {
        if (!Signals.SendToGroup(Id, signal) && !_process.HasExited)
        {
            Signals.Send(Id, signal);
        }
    }
}
