using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Models;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Writing;

namespace MedZen.Server.Commands;

/// <summary>
/// <c>medzen eval --data FILE.jsonl [--model offline|anthropic|bedrock|openai] [--out PRED.jsonl]</c>:
/// writes a note for every <c>{id, dialogue, note}</c> line, saves <c>{id, note}</c> predictions in ACI-Bench text,
/// and prints ROUGE-1/2/L/Lsum, evidence coverage, unsupported statements, the clinical figures (checker-supported rate,
/// garbled numbers, questions, spoken markers, wrong sex, missing assessment or plan, drug recall, exact doses) and time
/// per note; the last line is one JSON object with those figures. MTS-Dialog files ({id, section_header, dialogue,
/// section_text}) are scored on the matching note section. A visit whose model call fails is recorded and the run goes on. Progress goes to stderr. Only ids and figures are printed, never note text.
/// </summary>
internal static class EvalCommand
{
    public const string OfflineModel = "offline";
    private static readonly string[] ModelNames = [OfflineModel, "anthropic", "bedrock", "openai"];

    /// <param name="remoteModels">Builds the client for a non-offline model name, or null when that model is not wired.</param>
    public static Command Create(Func<string, IModelClient?>? remoteModels = null)
    {
        var data = new Option<FileInfo>("--data") { Description = "ACI-Bench style JSON Lines: {id, dialogue, note} per line.", Required = true };
        var model = new Option<string>("--model") { Description = "The model that writes the notes.", DefaultValueFactory = _ => OfflineModel };
        model.AcceptOnlyFromAmong(ModelNames);
        var output = new Option<FileInfo?>("--out") { Description = "Where to write {id, note} predictions (JSON Lines)." };

        var command = new Command("eval", "Score a note writer on ACI-Bench style visits (ROUGE, evidence coverage, time per note).");
        command.Options.Add(data);
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(data), parse.GetValue(model) ?? OfflineModel, parse.GetValue(output), remoteModels, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo data, string modelName, FileInfo? output, Func<string, IModelClient?>? remoteModels, CancellationToken cancellationToken)
    {
        if (!data.Exists)
        {
            await Console.Error.WriteLineAsync($"error FileNotFound: {data.FullName} does not exist; check the path.").ConfigureAwait(false);
            return 2;
        }

        IModelClient? client;
        try
        {
            client = modelName == OfflineModel ? new OfflineNoteWriter() : remoteModels?.Invoke(modelName);
        }
        catch (ModelConfigurationException e)
        {
            throw new CliException(e.ErrorName, $"model '{modelName}' is not configured: {e.Message}", CliExitCodes.Usage);
        }

        if (client is null)
        {
            await Console.Error.WriteLineAsync($"error ModelNotAvailable: model '{modelName}' is not wired into this build yet; use --model offline.").ConfigureAwait(false);
            return 2;
        }

        IReadOnlyList<EvaluationVisit> visits;
        try
        {
            visits = AciBenchDataset.Read(data.FullName);
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync($"error InvalidDataFile: {data.Name}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var evaluator = new NoteEvaluator(client, TimeProvider.System);
        var predictions = new List<VisitPrediction>(visits.Count);
        var writer = output is null ? null : new StreamWriter(output.FullName);
        var progress = new ProgressLine("eval", visits.Count);
        try
        {
            foreach (var visit in visits)
            {
                var prediction = await evaluator.EvaluateAsync(visit, cancellationToken).ConfigureAwait(false);
                predictions.Add(prediction);
                if (writer is not null)
                {
                    var line = prediction.Error is null
                        ? JsonSerializer.Serialize(new { id = prediction.Id, note = prediction.NoteText })
                        : JsonSerializer.Serialize(new { id = prediction.Id, note = prediction.NoteText, error = prediction.Error });
                    await writer.WriteLineAsync(line).ConfigureAwait(false);
                }

                progress.Report(predictions.Count, prediction.Error is null
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{prediction.Id}: ROUGE-1 {prediction.Scores.Rouge1 * 100:0.0}, {prediction.Milliseconds:0} ms")
                    : $"{prediction.Id}: no note ({prediction.Error}); going on");
            }
        }
        finally
        {
            progress.Dispose();
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (output is not null)
        {
            await Console.Error.WriteLineAsync($"Predictions written to {output.FullName}").ConfigureAwait(false);
        }

        var summary = NoteEvaluator.Summarize(predictions);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"visits: {summary.Visits} (model {modelName})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ROUGE-1 {summary.Rouge1:0.00}  ROUGE-2 {summary.Rouge2:0.00}  ROUGE-L {summary.RougeL:0.00}  ROUGE-Lsum {summary.RougeLsum:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"evidence coverage: {summary.EvidenceCoverage * 100:0.0}% of {summary.Statements} statements; unsupported: {summary.UnsupportedStatements}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"failed visits: {summary.FailedVisits}; checker-supported: {summary.CheckerSupportedRate * 100:0.0}% of statements"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"garbled-number statements: {summary.GarbledNumberStatements}; question statements: {summary.QuestionStatements}; spoken markers: {summary.SpokenMarkerRate * 100:0.0}% of statements"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrong-sex notes: {summary.WrongSexNotes}; notes missing assessment or plan: {summary.NotesMissingAssessmentOrPlan}; drug recall: {summary.DrugRecall * 100:0.0}%; exact doses: {summary.ExactDoseRate * 100:0.0}%"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time per note: median {summary.MedianMillisecondsPerNote:0.0} ms, mean {summary.MeanMillisecondsPerNote:0.0} ms"));
        Console.WriteLine(JsonSerializer.Serialize(summary, JsonSerializerOptions.Web));
        return 0;
    }
}
