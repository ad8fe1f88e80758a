using System.Reflection;
using System.Security.Cryptography;

namespace WebWaka.AppHost.Resources;

/// <summary>
/// The folder where the local servers keep their data between runs (<c>.webwaka/data</c>, or the
/// <c>DataDirectory</c> setting), and the secrets made once for it: the same data always meets the same passwords.
/// </summary>
public sealed class LocalData
{
    private LocalData(string path) => Path = path;

    public string Path { get; }

    /// <summary>The repository the projects are built in.</summary>
    public static string RepositoryRoot { get; } =
        typeof(LocalData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!.TrimEnd('/');

    public static LocalData From(IConfiguration configuration)
    {
        var path = System.IO.Path.GetFullPath(configuration["DataDirectory"] is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(RepositoryRoot, ".webwaka", "data"));
        Directory.CreateDirectory(path);
        return new LocalData(path);
    }

    /// <summary>A resource's own folder, created on first use.</summary>
    public string FolderOf(string resourceName) => Directory.CreateDirectory(System.IO.Path.Combine(Path, resourceName)).FullName;

    /// <summary>A random secret kept in the data folder, readable by its owner only: made on first use, then read.</summary>
    public string Secret(string name, int bytes = 16)
    {
        var file = System.IO.Path.Combine(FolderOf("secrets"), name);
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant());
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return File.ReadAllText(file).Trim();
    }

    /// <summary>
    /// Takes the data folder for this run. A second run on the same folder would fight the first for its servers'
    /// files, so it is refused before it starts anything: null, and <paramref name="holder"/> says who has it.
    /// </summary>
    public DataFolderLock? TryLock(out string holder)
    {
        var pidFile = System.IO.Path.Combine(Path, "apphost.pid");
        try
        {
            // On Linux, FileShare.None takes an exclusive advisory lock, released by the kernel when the process ends.
            var lockFile = new FileStream(System.IO.Path.Combine(Path, "apphost.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(pidFile, Environment.ProcessId.ToString());
            holder = "";
            return new DataFolderLock(lockFile);
        }
        catch (IOException)
        {
            holder = File.Exists(pidFile) ? $"AppHost process {File.ReadAllText(pidFile).Trim()}" : "another AppHost";
            return null;
        }
    }
}

/// <summary>The data folder, held until the application stops.</summary>
public sealed class DataFolderLock(FileStream lockFile) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => lockFile.Dispose();
}
