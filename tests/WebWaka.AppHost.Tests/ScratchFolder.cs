namespace WebWaka.AppHost.Tests;

/// <summary>A throwaway folder for one test: the app's data and the marker files its processes write.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = TestFolders.Create("webwaka-apphost-");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public DistributedApplicationBuilder CreateBuilder() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            DataDirectory = System.IO.Path.Combine(Path, "data"),
            Isolated = true,
            DashboardPort = -1,
        });

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
