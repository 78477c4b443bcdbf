using System.Text.Json.Nodes;
using MedZen.Scribe.Evaluation;

namespace MedZen.Scribe.Tests.Support;

/// <summary>Finds <c>&lt;repo root&gt;/../shared</c> (or <c>MEDZEN_SHARED</c>) and reads dialogues from its data sets.</summary>
internal static class SharedData
{
    public static string Root
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MEDZEN_SHARED") is { Length: > 0 } configured)
            {
                return configured;
            }

            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MedZen.slnx")))
            {
                dir = dir.Parent;
            }

            return dir is null
                ? throw new InvalidOperationException("MedZen.slnx not found above the test binaries; set MEDZEN_SHARED.")
                : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        }
    }

    /// <summary>The first <paramref name="count"/> dialogues of a JSONL file under data/.</summary>
    public static IReadOnlyList<(string Id, string Dialogue)> Dialogues(string relativePath, int count)
    {
        var path = Path.Combine(Root, "data", relativePath);
        if (!File.Exists(path))
        {
            Assert.Skip($"Shared data file {path} is not present.");
        }

        return File.ReadLines(path)
            .Where(l => l.Length > 0)
            .Take(count)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => (o["id"]!.ToString(), o["dialogue"]!.GetValue<string>()))
            .ToList();
    }

    /// <summary>An ACI-Bench split (train, valid); skips the test when the shared data is absent.</summary>
    public static IReadOnlyList<EvaluationVisit> AciBench(string split)
    {
        var path = Path.Combine(Root, "data", "aci-bench", split + ".jsonl");
        if (!File.Exists(path))
        {
            Assert.Skip($"ACI-Bench {split} split not found at {path}: set MEDZEN_SHARED to the shared folder.");
        }

        return AciBenchDataset.Read(path);
    }
}
