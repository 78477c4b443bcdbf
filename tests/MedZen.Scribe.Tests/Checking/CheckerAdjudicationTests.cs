using MedZen.Scribe.Checking.Benchmark;
using MedZen.Scribe.Tests.Support;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Keeps docs/checker-adjudication.tsv (the hand-labelled sample of benchmark originals, docs/benchmarks.md,
/// "s26-adjudicate") well formed and pointing at statements that exist: a change to the reference-note splitter that
/// renumbers <c>VISIT/stN</c> would otherwise leave the labels silently attached to other sentences.
/// </summary>
public sealed class CheckerAdjudicationTests
{
    private static readonly string[] Labels = ["STATED", "PARTLY", "ABSENT", "CONTRADICTED"];

    private static IReadOnlyList<string[]> Rows()
    {
        var lines = File.ReadAllLines(MedZen.Testing.RepositoryRoot.Combine("docs", "checker-adjudication.tsv"));
        Assert.Equal("id\tchecker\tlabel\treason", lines[0]);
        return [.. lines.Skip(1).Select(l => l.Split('\t'))];
    }

    [Fact]
    public void Every_row_has_a_unique_id_a_known_verdict_and_label_and_a_short_reason()
    {
        var rows = Rows();

        Assert.All(rows, r => Assert.Equal(4, r.Length));
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.Matches(@"^D2N\d{3}/st\d+$", r[0]));
        Assert.All(rows, r => Assert.Contains(r[1], new[] { "supported", "flagged" }));
        Assert.All(rows, r => Assert.Contains(r[2], Labels));
        // A reason in our own few words, never a pasted note or dialogue passage.
        Assert.All(rows, r => Assert.InRange(r[3].Length, 5, 200));
        Assert.Equal(100, rows.Count(r => r[1] == "flagged"));
        Assert.Equal(60, rows.Count(r => r[1] == "supported"));
    }

    [Fact]
    public void Every_id_names_an_original_of_the_benchmark()
    {
        var notes = new[] { "train", "valid" }
            .SelectMany(SharedData.AciBench)
            .ToDictionary(v => v.Id, v => ReferenceNoteStatements.Split(v.Note).Count, StringComparer.Ordinal);

        Assert.All(Rows(), r =>
        {
            var parts = r[0].Split("/st");
            Assert.True(notes.TryGetValue(parts[0], out var count), $"{parts[0]} is not an ACI-Bench train or valid visit");
            Assert.InRange(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 1, count);
        });
    }
}
