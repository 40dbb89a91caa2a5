namespace ConfigAdmin.Data;

/// <summary>
/// The folder ConfigAdmin keeps its own files in (the SQLite database, <c>master.key</c>): created readable by its owner
/// only, since it holds the configuration and the key that unlocks its secrets.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) owner-only; an existing folder is left as it is.</summary>
    public static void Create(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnly);
    }
}
