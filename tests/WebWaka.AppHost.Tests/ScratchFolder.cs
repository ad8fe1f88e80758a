namespace WebWaka.AppHost.Tests;

/// <summary>A throwaway data folder for one test.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = TestFolders.Create("webwaka-apphost-");

    public void Dispose()
    {
        // A server the test built may still be writing its files as the test ends: try again for a moment.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }
}
