using Aspire.Hosting.ApplicationModel;

namespace WebWaka.Testing;

public static class ResourceSnapshots
{
    /// <summary>The process id of an executable, a project or one of its replicas, while it runs.</summary>
    public static int? ProcessId(this ResourceEvent resource) =>
        resource.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, out var pid) => pid,
            _ => null,
        };

    public static string? State(this ResourceEvent resource) => resource.Snapshot.State?.Text;
}
