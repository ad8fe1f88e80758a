namespace WebWaka.AppHost.Tests;

/// <summary>A throwaway data folder for one test.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = TestFolders.Create("webwaka-apphost-");

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
