using Xunit;

namespace MedZen.Testing;

/// <summary>
/// The shared data (dialogues, conformance cases) that lives beside the repository, never in it: <c>MEDZEN_SHARED</c>,
/// else <c>&lt;repository root&gt;/../shared</c>. A test whose data is missing is skipped on a developer's machine, and
/// fails under CI (<c>CI=true</c>), naming the variable to set, so a missing corpus never passes silently there.
/// </summary>
public static class SharedData
{
    public const string Variable = "MEDZEN_SHARED";

    public static string Folder =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
            ? configured
            : System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot.Path, "..", "shared"));

    /// <summary>A path under the shared folder, e.g. <c>Path("data", "aci-bench", "valid.jsonl")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Folder, .. parts]);

    /// <summary>The file's path under the shared folder; skips the test (fails it under CI) when the file is missing.</summary>
    public static string RequireFile(params string[] parts)
    {
        var path = Path(parts);
        if (!File.Exists(path))
        {
            Missing(path);
        }

        return path;
    }

    /// <summary>Skips the test, or under CI fails it, because <paramref name="path"/> of the shared data is missing.</summary>
    public static void Missing(string path)
    {
        var message = $"Shared data {path} is missing: set {Variable} to the shared folder (default ../shared beside the repository).";
        if (IsContinuousIntegration)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    /// <summary>True when <c>CI</c> is set to true (as CI services and <c>.ci/run</c> set it).</summary>
    public static bool IsContinuousIntegration =>
        Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
}
