namespace MedZen.Testing;

/// <summary>The repository's root folder: the first folder above the test binaries that holds <c>MedZen.slnx</c>.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A path under the repository root, e.g. <c>Combine("src", "MedZen.Workflow", "soap-note.asl.json")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MedZen.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MedZen.slnx not found above " + AppContext.BaseDirectory);
    }
}
