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

    [Fact]
    public void The_census_of_flagged_originals_labels_each_once_with_a_kind_and_names_only_originals_of_the_benchmark()
    {
        // docs/checker-census.tsv (docs/benchmarks.md, "s29-census"): every original the checker flagged at 6539d55, read
        // against its whole visit. Its counts are the issue's "truly absent, with counts".
        var lines = File.ReadAllLines(MedZen.Testing.RepositoryRoot.Combine("docs", "checker-census.tsv"));
        Assert.Equal("id\tlabel\tkind\treason", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split('\t')).ToList();
        string[] kinds = ["paraphrase", "polarity", "yes-no-answer", "swapped-speakers", "visit-line", "heading", "number", "side", "two-turns", "template", "inference", "name-age-date", "other"];
        var notes = new[] { "train", "valid" }
            .SelectMany(SharedData.AciBench)
            .ToDictionary(v => v.Id, v => ReferenceNoteStatements.Split(v.Note).Count, StringComparer.Ordinal);

        Assert.Equal(585, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r =>
        {
            Assert.Equal(4, r.Length);
            Assert.Contains(r[1], Labels);
            Assert.Contains(r[2], kinds);
            Assert.InRange(r[3].Length, 5, 200);
            var parts = r[0].Split("/st");
            Assert.True(notes.TryGetValue(parts[0], out var count), $"{parts[0]} is not an ACI-Bench train or valid visit");
            Assert.InRange(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), 1, count);
        });
    }
}
