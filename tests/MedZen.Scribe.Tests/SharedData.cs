using MedZen.Scribe.Evaluation;

namespace MedZen.Scribe.Tests;

/// <summary>The project's shared data (never copied into the repo): <c>MEDZEN_SHARED</c> or <c>&lt;repo root&gt;/../shared</c>.</summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Folder = new(() => AciBenchDataset.FindSharedFolder(AppContext.BaseDirectory));

    public static IReadOnlyList<EvaluationVisit> AciBench(string split)
    {
        var path = Folder.Value is null ? null : Path.Combine(Folder.Value, "data", "aci-bench", split + ".jsonl");
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"ACI-Bench {split} split not found: set MEDZEN_SHARED to the shared folder.");
        }

        return AciBenchDataset.Read(path!);
    }

    /// <summary>Inside <c>MedZen.Scribe.Tests.*</c> this class hides <see cref="Support.SharedData"/>; forward its reader.</summary>
    public static IReadOnlyList<(string Id, string Dialogue)> Dialogues(string relativePath, int count) =>
        Support.SharedData.Dialogues(relativePath, count);
}
