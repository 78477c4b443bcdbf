namespace MedZen.States.Tests;

/// <summary>Where the repository is, and the shared data next to it (<c>../shared</c>, or <c>MEDZEN_SHARED</c>).</summary>
internal static class SharedData
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MedZen.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MedZen.slnx not found above the test folder");
    }

    public static string Folder() =>
        Environment.GetEnvironmentVariable("MEDZEN_SHARED") is { Length: > 0 } shared ? shared : Path.Combine(RepoRoot(), "..", "shared");
}
