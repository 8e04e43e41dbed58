namespace Iom.Adapters.Sqlite;

/// <summary>
/// The local data folder holds OFFICIAL-SENSITIVE personal data: on Unix it is the owner's alone (0700) and so are the
/// store's files in it (0600), whatever the umask, so no other local user can read them.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;

    /// <summary>Creates the folder 0700; an existing one that others can enter is narrowed to 0700 where we may.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderMode);
            return;
        }

        Narrow(path, FolderMode);
    }

    /// <summary>Creates the (empty) file 0600 if missing, and narrows an existing one to 0600.</summary>
    public static void CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode }))
            {
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made by an earlier run or another host at the same moment.
        }

        NarrowIfExists(path);
    }

    /// <summary>Narrows an existing file to 0600; nothing if it does not exist.</summary>
    public static void NarrowIfExists(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            Narrow(path, FileMode);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Narrow(string path, UnixFileMode mode)
    {
        if ((File.GetUnixFileMode(path) & GroupOrOther) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours (a folder someone else made and pointed us at): left as it is.
        }
    }
}
