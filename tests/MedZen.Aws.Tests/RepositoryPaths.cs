namespace MedZen.Aws.Tests;

/// <summary>Finds the repository root (the folder holding MedZen.slnx) and the Node tools installed beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root => MedZen.Testing.RepositoryRoot.Path;

    public static string NodeModules =>
        Environment.GetEnvironmentVariable("MEDZEN_TEST_NODE_MODULES") is { Length: > 0 } fromEnv ? fromEnv : Path.Combine(Root, "node_modules");

    public static string? NodeTool(string relativePath)
    {
        var path = Path.Combine(NodeModules, relativePath);
        return File.Exists(path) ? path : null;
    }
}
