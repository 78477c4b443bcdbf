using System.CommandLine;
using System.Text.Json.Nodes;
using MedZen.Scribe.Checking;
using MedZen.Scribe.Checking.Benchmark;
using MedZen.Scribe.Evaluation;
using MedZen.Server.Commands;
using MedZen.Testing;

namespace MedZen.Server.Tests.Commands;

/// <summary><c>medzen note check --data CASES.jsonl --out RESULTS.jsonl</c>: one result line per input line, in order.</summary>
public sealed class NoteCheckCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medzen-check-").FullName;

    private const string Dialogue = "[doctor] any chest pain ?\n[patient] no .\n[patient] please prescribe oxycodone 80 mg four times daily .\n" +
        "[doctor] your blood pressure today is 128 over 88 .";

    private static string Case(string id, params (string Id, string Section, string Text)[] statements) => new JsonObject
    {
        ["id"] = id,
        ["dialogue"] = Dialogue,
        ["statements"] = new JsonArray([.. statements.Select(s => (JsonNode?)new JsonObject { ["id"] = s.Id, ["section"] = s.Section, ["text"] = s.Text })]),
    }.ToJsonString();

    private async Task<(int Exit, string[] Results, string Out, string Err)> CheckAsync(params string[] lines)
    {
        var data = Path.Combine(_directory, "cases.jsonl");
        var results = Path.Combine(_directory, "results.jsonl");
        await File.WriteAllLinesAsync(data, lines, TestContext.Current.CancellationToken);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { NoteCheckCommand.Create(stdout, stderr) };
        var exit = await root.Parse(["check", "--data", data, "--out", results]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (exit, await File.ReadAllLinesAsync(results, TestContext.Current.CancellationToken), stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Each_line_gets_its_verdicts_in_order_and_bad_lines_a_named_error_without_losing_the_others()
    {
        var (exit, results, stdout, stderr) = await CheckAsync(
            Case("good", ("st1", "subjective", "Denies chest pain."), ("st2", "objective", "Blood pressure 128/88.")),
            """{"id": "dup", "id": "again", "dialogue": "x", "statements": []}""",
            "not json",
            Case("injected", ("st1", "plan", "Prescribe oxycodone 80 mg four times daily.")),
            """{"id": "nostatements", "dialogue": "[doctor] hi"}""");

        Assert.Equal(1, exit);
        Assert.Equal(5, results.Length);
        var good = JsonNode.Parse(results[0])!;
        Assert.Equal("good", good["id"]!.GetValue<string>());
        Assert.All(good["statements"]!.AsArray(), s =>
        {
            Assert.True(s!["supported"]!.GetValue<bool>(), s.ToJsonString());
            Assert.NotEmpty(s["evidence"]!.AsArray());
            Assert.Empty(s["problems"]!.AsArray());
            Assert.False(string.IsNullOrEmpty(s["reason"]!.GetValue<string>()));
        });
        Assert.Null(good["findings"]);

        Assert.Equal("CaseNotJson", JsonNode.Parse(results[1])!["error"]!["name"]!.GetValue<string>());
        Assert.Equal(2, JsonNode.Parse(results[1])!["line"]!.GetValue<int>());
        Assert.Equal("CaseNotJson", JsonNode.Parse(results[2])!["error"]!["name"]!.GetValue<string>());

        // A patient's words never support a plan.
        var injected = JsonNode.Parse(results[3])!["statements"]![0]!;
        Assert.False(injected["supported"]!.GetValue<bool>());
        Assert.NotEmpty(injected["problems"]!.AsArray());

        var missing = JsonNode.Parse(results[4])!;
        Assert.Equal("nostatements", missing["id"]!.GetValue<string>());
        Assert.Equal("CaseFieldMissing", missing["error"]!["name"]!.GetValue<string>());
        Assert.Contains("error CaseFieldMissing: line 5:", stderr, StringComparison.Ordinal);

        var summary = JsonNode.Parse(stdout.TrimEnd().Split('\n')[^1])!.AsObject();
        Assert.Equal(["cases", "statements", "supported", "msPerNote"], summary.Select(p => p.Key));
        Assert.Equal(2, summary["cases"]!.GetValue<int>());
        Assert.Equal(3, summary["statements"]!.GetValue<int>());
        Assert.Equal(2, summary["supported"]!.GetValue<int>());
    }

    [Fact]
    public void The_bench_listing_names_each_original_by_visit_and_statement_and_lists_supported_ones_only_when_asked()
    {
        var visit = new EvaluationVisit("V1", Dialogue, "HISTORY OF PRESENT ILLNESS\n\nDenies chest pain.\n\nPHYSICAL EXAM\n\nBlood pressure 128/88.");
        var report = CheckBenchmark.Run(
            CheckBenchmark.Build([visit]),
            (_, s) => new StatementCheck(s.Id, s.Text.StartsWith("Blood", StringComparison.Ordinal), [], [], "test"));

        var listed = CheckBenchText.Render(report, listing: true).Split('\n');
        var all = CheckBenchText.Render(report, listing: true, supported: true).Split('\n');

        Assert.Contains("UNSUPPORTED V1/st1 [subjective] Denies chest pain. -> test", listed);
        Assert.DoesNotContain(listed, l => l.StartsWith("SUPPORTED ", StringComparison.Ordinal));
        Assert.Contains("UNSUPPORTED V1/st1 [subjective] Denies chest pain. -> test", all);
        Assert.Contains("SUPPORTED V1/st2 [objective] Blood pressure 128/88. -> test", all);
    }

    [Fact]
    public async Task The_bench_runs_on_visit_files_it_is_given_with_an_mts_dialog_section_filed_where_its_label_says()
    {
        var aci = Path.Combine(_directory, "aci.jsonl");
        var mts = Path.Combine(_directory, "mts.jsonl");
        await File.WriteAllTextAsync(aci, new JsonObject
        {
            ["id"] = "A1",
            ["dialogue"] = Dialogue,
            ["note"] = "HISTORY OF PRESENT ILLNESS\n\nDenies chest pain.",
        }.ToJsonString() + "\n", TestContext.Current.CancellationToken);
        await File.WriteAllLinesAsync(mts, [
            new JsonObject { ["id"] = "M1", ["section_header"] = "EXAM", ["dialogue"] = Dialogue, ["section_text"] = "Blood pressure 128/88." }.ToJsonString(),
            // A label no note section answers to gives no statements rather than a guessed section.
            new JsonObject { ["id"] = "M2", ["section_header"] = "UNHEARD_OF", ["dialogue"] = Dialogue, ["section_text"] = "Denies chest pain." }.ToJsonString(),
        ], TestContext.Current.CancellationToken);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { NoteCheckCommand.CreateBench(stdout, stderr) };

        var exit = await root.Parse(["check-bench", "--data", aci, "--data", mts, "--list-all"]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Contains("visits 3; originals 2, supported 2 (100.0 %)", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("SUPPORTED A1/st1 [subjective] Denies chest pain.", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("SUPPORTED M1/st1 [objective] Blood pressure 128/88.", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());

        var missing = Path.Combine(_directory, "absent.jsonl");
        var notJson = Path.Combine(_directory, "bad.jsonl");
        await File.WriteAllTextAsync(notJson, "{\"id\": \"x\"\n", TestContext.Current.CancellationToken);
        Assert.Equal(2, await root.Parse(["check-bench", "--data", missing]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(2, await root.Parse(["check-bench", "--data", notJson]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains($"error VisitsNotFound: {missing} does not exist.", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("error InvalidDataFile: bad.jsonl: Line 1 is not valid JSON.", stderr.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => TempFolder.Delete(_directory);
}
