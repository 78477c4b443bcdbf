namespace MedZen.States.Tests;

/// <summary>Where the repository is, and the shared data next to it (<c>../shared</c>, or <c>MEDZEN_SHARED</c>).</summary>
internal static class SharedData
{
    public static string RepoRoot() => MedZen.Testing.RepositoryRoot.Path;

    public static string Folder() => MedZen.Testing.SharedData.Folder;
}
