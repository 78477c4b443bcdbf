using System.Text.Json;
using System.Text.Json.Serialization;
using MedZen.Errors;

namespace MedZen.Server.Hosting;

/// <summary>
/// One owner per data folder. <c>medzen serve</c> holds an exclusive lock on <c>{data}/medzen.lock</c> for as long as
/// it runs (the operating system releases it when the process dies, even on kill -9), and publishes where it listens in
/// <c>{data}/server.json</c>, so a CLI command on the same folder talks to it over HTTP instead of opening the stores
/// beside it. A CLI command on a folder nobody owns takes the same lock while it runs, so no server starts under it.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string LockFileName = "medzen.lock";
    public const string ServerFileName = "server.json";

    private readonly FileStream _lockFile;
    private bool _published;

    private DataFolderLock(string folder, FileStream lockFile)
    {
        Folder = folder;
        this._lockFile = lockFile;
    }

    public string Folder { get; }

    /// <summary>Takes the folder's lock, or returns null when another process (or another owner in this one) holds it.</summary>
    public static DataFolderLock? TryAcquire(string dataFolder)
    {
        var folder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(folder);
        try
        {
            // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows; both end with the process.
            var stream = new FileStream(Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataFolderLock(folder, stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Takes the folder's lock for a server.</summary>
    /// <exception cref="DataFolderInUseException">Another server (or a CLI command) owns the folder.</exception>
    public static DataFolderLock Acquire(string dataFolder) =>
        TryAcquire(dataFolder) ?? throw new DataFolderInUseException(Path.GetFullPath(dataFolder), ReadServer(dataFolder));

    /// <summary>Where the folder's owner said it listens; null when it published nothing (yet) or the file is unreadable.</summary>
    public static ServerAddressFile? ReadServer(string dataFolder)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(dataFolder, ServerFileName)), DataFolderJsonContext.Default.ServerAddressFile);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes <c>server.json</c> (atomically: a reader never sees half a file).</summary>
    public void PublishServer(Uri address)
    {
        var path = Path.Combine(Folder, ServerFileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(
            new ServerAddressFile(address.ToString(), Environment.ProcessId), DataFolderJsonContext.Default.ServerAddressFile));
        File.Move(temporary, path, overwrite: true);
        _published = true;
    }

    public void Dispose()
    {
        if (_published)
        {
            try
            {
                File.Delete(Path.Combine(Folder, ServerFileName));
            }
            catch (IOException)
            {
                // A stale server.json is harmless: nobody trusts it without the lock being held.
            }
        }

        _lockFile.Dispose();
    }
}

/// <summary>The content of <c>{data}/server.json</c>.</summary>
public sealed record ServerAddressFile(string Url, int ProcessId);

/// <summary>A second owner for a data folder that one already owns.</summary>
public sealed class DataFolderInUseException(string folder, ServerAddressFile? server) : NamedErrorException(
    "DataFolderInUse",
    server is null
        ? $"The data folder {folder} is in use by another medzen process; stop it or choose another --data."
        : $"The data folder {folder} is in use by medzen serve (pid {server.ProcessId}, {server.Url}); stop it or choose another --data.",
    ErrorCategory.Conflict);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ServerAddressFile))]
internal sealed partial class DataFolderJsonContext : JsonSerializerContext;
