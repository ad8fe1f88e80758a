namespace WebWaka.Testing;

public static class TestFolders
{
    /// <summary>
    /// A new temporary folder that the 'postgres' user may pass through (a plain temporary folder is
    /// closed to everyone but its owner, and PostgreSQL runs as 'postgres' under root).
    /// </summary>
    public static string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return folder;
    }
}
