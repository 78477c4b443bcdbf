using System.IO.Compression;

namespace MedZen.Aws.Deployment;

/// <summary>
/// Zips a folder so the same files always give the same bytes: entries in ordinal path order, one fixed timestamp,
/// permissions reduced to 0755 (executable) or 0644, nothing taken from the build machine's clock or user.
/// </summary>
public static class ReproducibleZip
{
    /// <summary>1980-01-01, the earliest time a zip entry can hold.</summary>
    public static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int RegularFile = 0x8000; // S_IFREG

    /// <param name="executables">Relative paths forced to 0755 whatever their mode on disk (e.g. <c>bootstrap</c>).</param>
    public static void Create(string sourceDirectory, string zipPath, IReadOnlyCollection<string> executables)
    {
        ArgumentNullException.ThrowIfNull(executables);
        var files = Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Entry: Path.GetRelativePath(sourceDirectory, f).Replace('\\', '/')))
            .OrderBy(f => f.Entry, StringComparer.Ordinal)
            .ToArray();

        using var output = new FileStream(zipPath, FileMode.Create, FileAccess.Write);
        using var archive = new ZipArchive(output, ZipArchiveMode.Create);
        foreach (var (full, entryName) in files)
        {
            var entry = archive.CreateEntry(entryName, CompressionLevel.Optimal);
            entry.LastWriteTime = FixedTimestamp;
            var mode = executables.Contains(entryName) || IsExecutable(full) ? Convert.ToInt32("755", 8) : Convert.ToInt32("644", 8);
            entry.ExternalAttributes = (RegularFile | mode) << 16;
            using var source = File.OpenRead(full);
            using var target = entry.Open();
            source.CopyTo(target);
        }
    }

    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
