namespace MedZen.Server.Security;

/// <summary>
/// The data folder holds patient data and the service key: only the owner may enter it (0700) or read its files (0600).
/// SQLite gives a database's -wal and -shm files the database file's mode, so restricting the files once they exist holds.
/// </summary>
public static class DataFolderPermissions
{
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder if needed and restricts it and every file directly in it.</summary>
    public static void Restrict(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        System.IO.File.SetUnixFileMode(dataFolder, Folder);
        foreach (var path in Directory.EnumerateFiles(dataFolder))
        {
            try
            {
                System.IO.File.SetUnixFileMode(path, File);
            }
            catch (FileNotFoundException)
            {
                // A journal SQLite removed between listing and chmod.
            }
        }
    }
}
