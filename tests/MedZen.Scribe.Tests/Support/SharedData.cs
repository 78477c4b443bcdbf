using System.Text.Json.Nodes;
using MedZen.Scribe.Evaluation;

namespace MedZen.Scribe.Tests.Support;

/// <summary>Finds <c>&lt;repo root&gt;/../shared</c> (or <c>MEDZEN_SHARED</c>) and reads dialogues from its data sets.</summary>
internal static class SharedData
{
    public static string Root => MedZen.Testing.SharedData.Folder;

    /// <summary>The first <paramref name="count"/> dialogues of a JSONL file under data/.</summary>
    public static IReadOnlyList<(string Id, string Dialogue)> Dialogues(string relativePath, int count)
    {
        var path = Path.Combine(Root, "data", relativePath);
        if (!File.Exists(path))
        {
            MedZen.Testing.SharedData.Missing(path);
        }

        return File.ReadLines(path)
            .Where(l => l.Length > 0)
            .Take(count)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => (o["id"]!.ToString(), o["dialogue"]!.GetValue<string>()))
            .ToList();
    }

    /// <summary>An ACI-Bench split (train, valid); skips the test when the shared data is absent (fails it under CI).</summary>
    public static IReadOnlyList<EvaluationVisit> AciBench(string split)
    {
        var path = Path.Combine(Root, "data", "aci-bench", split + ".jsonl");
        if (!File.Exists(path))
        {
            MedZen.Testing.SharedData.Missing(path);
        }

        return AciBenchDataset.Read(path);
    }
}
