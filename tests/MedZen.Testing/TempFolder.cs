using Microsoft.Data.Sqlite;

namespace MedZen.Testing;

/// <summary>
/// A new folder under the system temp folder, deleted with everything in it on dispose. SQLite's connection pool keeps
/// database files open after their connections close, so the pools are cleared first.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "medzen-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose() => Delete(Path);

    /// <summary>Clears SQLite's pools (which hold files open), then deletes <paramref name="folder"/> if it is still there.</summary>
    public static void Delete(string folder)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
