using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.Errors;
using MedZen.Scribe.Checking;
using MedZen.Scribe.Checking.Benchmark;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Transcripts;

namespace MedZen.Server.Commands;

/// <summary>
/// <c>medzen note check --data CASES.jsonl --out RESULTS.jsonl</c>: the faithfulness checker over cases of
/// <c>{"id", "dialogue", "statements": [{"id", "section", "text"}]}</c>, one result line per input line, in order:
/// <c>{"id", "statements": [{"id", "supported", "evidence", "problems", "reason"}]}</c>. A bad line gets
/// <c>{"id"?, "line", "error": {"name", "message"}}</c> in the results and a named error on stderr; the other lines are
/// still checked. The last stdout line is <c>{"cases", "statements", "supported", "msPerNote"}</c> (median over checked cases).
/// Exit code 0, or 1 when at least one line was bad.
/// <c>medzen note check-bench</c>: the benchmark of docs/benchmarks.md on the ACI-Bench train and valid splits.
/// </summary>
internal static class NoteCheckCommand
{
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var data = new Option<FileInfo>("--data") { Description = "Cases, JSON Lines: {id, dialogue, statements: [{id, section, text}]}.", Required = true };
        var outFile = new Option<FileInfo>("--out") { Description = "Results, JSON Lines, one per input line.", Required = true };
        var command = new Command("check", "Check note statements against their dialogue: supported, evidence, problems, reason.") { data, outFile };
        command.SetAction(async (parseResult, cancellationToken) =>
            await RunAsync(parseResult.GetValue(data)!, parseResult.GetValue(outFile)!, output ?? Console.Out, error ?? Console.Error, cancellationToken));
        return command;
    }

    public static Command CreateBench(TextWriter? output = null, TextWriter? error = null)
    {
        var sample = new Option<int?>("--sample") { Description = "Use only the first N visits (all train and valid visits by default)." };
        var listing = new Option<bool>("--list") { Description = "Also print every unsupported original (VISIT/stN) and every missed perturbation." };
        var listingAll = new Option<bool>("--list-all") { Description = "As --list, and also every supported original (VISIT/stN) with its evidence." };
        var data = new Option<FileInfo[]>("--data")
        {
            Description = "Build the benchmark from these visit files instead (ACI-Bench {id, dialogue, note} or MTS-Dialog {id, section_header, dialogue, section_text}), e.g. visits the rules were never tuned on.",
        };
        var command = new Command("check-bench", "Faithfulness benchmark on ACI-Bench train and valid: originals supported, perturbations flagged.") { sample, listing, listingAll, data };
        command.SetAction(async (parseResult, _) =>
        {
            var stdout = output ?? Console.Out;
            var stderr = error ?? Console.Error;
            var files = parseResult.GetValue(data) ?? [];
            if (files.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                await stderr.WriteLineAsync($"error VisitsNotFound: {missing.FullName} does not exist.");
                return 2;
            }

            var shared = files.Length > 0 ? null : AciBenchDataset.FindSharedFolder(Directory.GetCurrentDirectory());
            if (files.Length == 0 && shared is null)
            {
                await stderr.WriteLineAsync("error SharedDataNotFound: set MEDZEN_SHARED to the shared data folder.");
                return 2;
            }

            var paths = files.Length > 0
                ? files.Select(f => f.FullName)
                : new[] { "train", "valid" }.Select(split => Path.Combine(shared!, "data", "aci-bench", split + ".jsonl"));
            var visits = new List<EvaluationVisit>();
            foreach (var path in paths)
            {
                try
                {
                    visits.AddRange(AciBenchDataset.Read(path));
                }
                catch (InvalidDataException e)
                {
                    await stderr.WriteLineAsync($"error InvalidDataFile: {Path.GetFileName(path)}: {e.Message}");
                    return 2;
                }
            }

            visits = [.. visits.Take(parseResult.GetValue(sample) ?? int.MaxValue)];
            var report = CheckBenchmark.Run(CheckBenchmark.Build(visits), FaithfulnessChecker.Default.CheckStatement);
            await stdout.WriteLineAsync(CheckBenchText.Render(report, parseResult.GetValue(listing) || parseResult.GetValue(listingAll), parseResult.GetValue(listingAll)));
            return 0;
        });
        return command;
    }

    private static async Task<int> RunAsync(FileInfo data, FileInfo outFile, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!data.Exists)
        {
            await stderr.WriteLineAsync($"error CasesNotFound: {data.FullName} does not exist.");
            return 2;
        }

        var checker = new FaithfulnessChecker();
        var times = new List<double>();
        int cases = 0, statements = 0, supported = 0, bad = 0, lineNumber = 0;
        await using (var writer = new StreamWriter(outFile.FullName, append: false))
        {
            foreach (var line in File.ReadLines(data.FullName))
            {
                cancellationToken.ThrowIfCancellationRequested();
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                string result;
                try
                {
                    var input = CheckCase.Parse(line, lineNumber);
                    var clock = Stopwatch.StartNew();
                    var transcript = TranscriptReader.Read(input.Dialogue);
                    var check = checker.CheckStatements(transcript, input.Statements);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    cases++;
                    statements += check.Statements.Count;
                    supported += check.SupportedCount;
                    result = JsonSerializer.Serialize(CheckedCase.From(input.Id, check), CheckOutputJsonContext.Default.CheckedCase);
                }
                catch (CheckCaseException e)
                {
                    bad++;
                    await stderr.WriteLineAsync($"error {e.ErrorName}: line {lineNumber}: {e.Message}");
                    result = ErrorLine(e.CaseId, lineNumber, e.ErrorName, e.Message);
                }
                catch (TranscriptFormatException e)
                {
                    bad++;
                    await stderr.WriteLineAsync($"error {e.ErrorName}: line {lineNumber}: {e.Message}");
                    result = ErrorLine(null, lineNumber, e.ErrorName, e.Message);
                }

                await writer.WriteLineAsync(result);
            }
        }

        times.Sort();
        var median = times.Count == 0 ? 0 : times[times.Count / 2];
        await stdout.WriteLineAsync(JsonSerializer.Serialize(
            new CheckSummary(cases, statements, supported, Math.Round(median, 2)), CheckOutputJsonContext.Default.CheckSummary));
        return bad == 0 ? 0 : 1;
    }

    private static string ErrorLine(string? id, int line, string name, string message) =>
        JsonSerializer.Serialize(new BadCaseLine(id, line, new CaseError(name, message)), CheckOutputJsonContext.Default.BadCaseLine);
}

/// <summary>One checked case as a result line.</summary>
/// <param name="Findings">Note-level findings ("sex not stated in transcript; pronouns unverified"), written only when there are some.</param>
internal sealed record CheckedCase(
    string Id,
    IReadOnlyList<CheckedStatement> Statements,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NoteFinding>? Findings)
{
    public static CheckedCase From(string id, NoteCheck check) => new(
        id,
        [.. check.Statements.Select(s => new CheckedStatement(
            s.Id, s.Supported, s.Evidence, [.. s.Problems.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.ToString()))], s.Reason))],
        check.Findings.Count > 0 ? check.Findings : null);
}

internal sealed record CheckedStatement(string Id, bool Supported, IReadOnlyList<string> Evidence, IReadOnlyList<string> Problems, string Reason);

/// <summary>A line that could not be checked: its case id when readable, its line number and its named error.</summary>
internal sealed record BadCaseLine(string? Id, int Line, CaseError Error);

internal sealed record CaseError(string Name, string Message);

/// <summary>The last stdout line of <c>note check</c>.</summary>
internal sealed record CheckSummary(int Cases, int Statements, int Supported, double MsPerNote);

/// <summary>The last stdout line of <c>note check-bench</c>: the benchmark's rates (4 decimals) and whether every target holds.</summary>
internal sealed record CheckBenchSummary(
    int Visits,
    int Originals,
    double OriginalsSupportedRate,
    int Perturbed,
    double PerturbedFlaggedRate,
    IReadOnlyDictionary<string, double> FlaggedRateByKind,
    int ClinicianSectionsSupportedByPatientAlone,
    double MsPerNote,
    bool MeetsTargets)
{
    public static CheckBenchSummary From(BenchReport report) => new(
        report.Visits,
        report.Originals,
        Math.Round(report.OriginalSupportedRate, 4),
        report.PerturbedCount,
        Math.Round(report.PerturbedFlaggedRate, 4),
        report.Perturbed.ToDictionary(k => k.Kind.ToString(), k => Math.Round(k.FlaggedRate, 4)),
        report.ClinicianSectionsSupportedByPatientAlone,
        Math.Round(report.MedianMsPerNote, 2),
        report.MeetsTargets);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CheckedCase))]
[JsonSerializable(typeof(BadCaseLine))]
[JsonSerializable(typeof(CheckSummary))]
[JsonSerializable(typeof(CheckBenchSummary))]
internal sealed partial class CheckOutputJsonContext : JsonSerializerContext;

/// <summary>A bad line of a check file: its named error and, when readable, the case id.</summary>
internal sealed class CheckCaseException(string errorName, string message, string? caseId = null) : NamedErrorException(errorName, message)
{
    public string? CaseId { get; } = caseId;
}

/// <summary>One parsed line of a check file.</summary>
internal sealed record CheckCase(string Id, string Dialogue, IReadOnlyList<StatementToCheck> Statements)
{
    // A repeated key is refused while parsing; JsonObject would otherwise throw on the first lookup, outside this reader.
    private static readonly JsonDocumentOptions StrictLine = new() { AllowDuplicateProperties = false };

    public static CheckCase Parse(string line, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, documentOptions: StrictLine);
        }
        catch (JsonException)
        {
            throw new CheckCaseException("CaseNotJson", "the line is not valid JSON, or repeats a key.");
        }

        if (node is not JsonObject root)
        {
            throw new CheckCaseException("CaseNotObject", "the line is not a JSON object.");
        }

        var id = String(root, "id");
        if (id is null)
        {
            throw new CheckCaseException("CaseFieldMissing", "\"id\" must be a non-empty string.");
        }

        var dialogue = String(root, "dialogue")
            ?? throw new CheckCaseException("CaseFieldMissing", "\"dialogue\" must be a non-empty string.", id);
        if (root["statements"] is not JsonArray items)
        {
            throw new CheckCaseException("CaseFieldMissing", "\"statements\" must be an array.", id);
        }

        var statements = new List<StatementToCheck>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                throw new CheckCaseException("StatementNotObject", $"statements[{i}] is not an object.", id);
            }

            var statementId = String(item, "id") ?? throw new CheckCaseException("StatementFieldMissing", $"statements[{i}].id must be a non-empty string.", id);
            var text = item["text"] is JsonValue t && t.TryGetValue<string>(out var s) ? s
                : throw new CheckCaseException("StatementFieldMissing", $"statements[{i}].text must be a string.", id);
            var sectionName = String(item, "section");
            var section = StatementSections.Parse(sectionName)
                ?? throw new CheckCaseException("UnknownSection", $"statements[{i}].section '{sectionName}' is not subjective, objective, assessment, plan or instructions.", id);
            if (!ids.Add(statementId))
            {
                throw new CheckCaseException("DuplicateStatementId", $"statements[{i}].id '{statementId}' is used twice.", id);
            }

            statements.Add(new StatementToCheck(statementId, section, text));
        }

        _ = lineNumber;
        return new CheckCase(id, dialogue, statements);
    }

    private static string? String(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}

/// <summary>The benchmark's figures as text (the summary line last, as JSON).</summary>
internal static class CheckBenchText
{
    /// <param name="listing">Print every unsupported original and every missed perturbation.</param>
    /// <param name="supported">Also print every supported original (with <paramref name="listing"/>).</param>
    public static string Render(BenchReport report, bool listing, bool supported = false)
    {
        var text = new System.Text.StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"visits {report.Visits}; originals {report.Originals}, supported {report.OriginalsSupported} ({report.OriginalSupportedRate:P1})");
        text.AppendLine(c, $"  of them fragments with no clinical content (a header ending in a colon, no content word): {report.ContentFreeOriginals}, supported {report.ContentFreeSupported};"
            + $" the rest supported {report.OriginalsSupported - report.ContentFreeSupported}/{report.Originals - report.ContentFreeOriginals} ({report.ContentOriginalSupportedRate:P1})");
        foreach (var (section, figures) in report.OriginalsBySection)
        {
            text.AppendLine(c, $"  originals {section}: {figures.Supported}/{figures.Count} supported");
        }

        foreach (var (problem, count) in report.UnsupportedOriginalsByProblem)
        {
            text.AppendLine(c, $"  unsupported originals with problem {problem}: {count} (the only problem: {report.UnsupportedOriginalsBySoleProblem.GetValueOrDefault(problem)})");
        }

        text.AppendLine(c, $"perturbed {report.PerturbedCount}, flagged {report.PerturbedFlaggedRate:P1}");
        foreach (var kind in report.Perturbed)
        {
            text.AppendLine(c, $"  {kind.Kind}: {kind.Flagged}/{kind.Count} flagged ({kind.FlaggedRate:P1}); of perturbations whose original is supported: {kind.PairedFlagged}/{kind.PairedCount} ({kind.PairedFlaggedRate:P1})");
        }

        text.AppendLine(c, $"plan/objective/instructions statements supported by patient turns alone: {report.ClinicianSectionsSupportedByPatientAlone}");
        text.AppendLine(c, $"median ms per note (originals, facts built per visit): {report.MedianMsPerNote:F1}");
        if (listing)
        {
            foreach (var (benchCase, statement, check) in report.UnsupportedOriginals)
            {
                text.AppendLine(c, $"UNSUPPORTED {benchCase.VisitId}/{statement.Id} [{statement.Statement.Section.Name()}] {statement.Statement.Text} -> {check.Reason}");
                AppendEvidence(text, benchCase, check);
            }

            foreach (var (benchCase, statement, check) in supported ? report.SupportedOriginals : [])
            {
                text.AppendLine(c, $"SUPPORTED {benchCase.VisitId}/{statement.Id} [{statement.Statement.Section.Name()}] {statement.Statement.Text} -> {check.Reason}");
                AppendEvidence(text, benchCase, check);
            }

            foreach (var (benchCase, statement, check) in report.MissedPerturbations)
            {
                text.AppendLine(c, $"MISSED {benchCase.VisitId} [{statement.Kind}] [{statement.Statement.Section.Name()}] {statement.Statement.Text} (was: {statement.Original}) -> {check.Reason}");
                AppendEvidence(text, benchCase, check);
            }
        }

        text.Append(JsonSerializer.Serialize(CheckBenchSummary.From(report), CheckOutputJsonContext.Default.CheckBenchSummary));
        return text.ToString();
    }

    /// <summary>The evidence turns under a listed statement, so a reader can judge the verdict (benchmark data only).</summary>
    private static void AppendEvidence(System.Text.StringBuilder text, BenchCase benchCase, StatementCheck check)
    {
        foreach (var id in check.Evidence)
        {
            if (benchCase.Transcript.Find(id) is { } segment)
            {
                var words = segment.Text.Length > 240 ? segment.Text[..240] + "…" : segment.Text;
                text.AppendLine(CultureInfo.InvariantCulture, $"    {id} {segment.Role.ToString().ToLowerInvariant()}: {words}");
            }
        }
    }
}
