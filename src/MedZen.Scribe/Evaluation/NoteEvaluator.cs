using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Evidence;
using MedZen.Scribe.Models;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Evaluation;

/// <summary>One visit's prediction and its figures.</summary>
public sealed record VisitPrediction(
    string Id,
    string NoteText,
    RougeScores Scores,
    int Statements,
    int StatementsWithEvidence,
    int UnsupportedStatements,
    double Milliseconds);

/// <summary>Figures over a run; ROUGE on a 0..100 scale as ACI-Bench reports it.</summary>
public sealed record EvaluationSummary(
    int Visits,
    double Rouge1,
    double Rouge2,
    double RougeL,
    double RougeLsum,
    int Statements,
    double EvidenceCoverage,
    int UnsupportedStatements,
    double MedianMillisecondsPerNote,
    double MeanMillisecondsPerNote);

/// <summary>
/// Runs a model over visits the way the workflow would: the transcript goes in as a Messages request, the reply's
/// note JSON comes back, the evidence linker verifies every citation, and the note is rendered as ACI-Bench text
/// and scored against the reference.
/// </summary>
public sealed class NoteEvaluator(IModelClient model, EvidenceLinker linker, TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions NoteJson = new(JsonSerializerDefaults.Web);

    public async Task<VisitPrediction> EvaluateAsync(EvaluationVisit visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var started = timeProvider.GetTimestamp();
        var transcript = TaggedTextTranscriptReader.Read(visit.Dialogue);
        var reply = await model.InvokeAsync(Request(transcript), cancellationToken).ConfigureAwait(false);
        var note = linker.Link(ParseNote(reply), transcript);
        var text = AciBenchTextRenderer.Render(note);
        var elapsed = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var statements = note.AllStatements.ToList();
        return new VisitPrediction(
            visit.Id,
            text,
            RougeScorer.Score(visit.Note, text),
            statements.Count,
            statements.Count(s => s.Evidence.Count > 0),
            statements.Count(s => !s.Supported),
            elapsed);
    }

    public static EvaluationSummary Summarize(IReadOnlyList<VisitPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var rouge = RougeScorer.Average(predictions.Select(p => p.Scores).ToList());
        var statements = predictions.Sum(p => p.Statements);
        var times = predictions.Select(p => p.Milliseconds).Order().ToList();
        var median = times.Count == 0 ? 0 : times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        return new EvaluationSummary(
            predictions.Count,
            Math.Round(rouge.Rouge1 * 100, 2),
            Math.Round(rouge.Rouge2 * 100, 2),
            Math.Round(rouge.RougeL * 100, 2),
            Math.Round(rouge.RougeLsum * 100, 2),
            statements,
            statements == 0 ? 0 : Math.Round((double)predictions.Sum(p => p.StatementsWithEvidence) / statements, 4),
            predictions.Sum(p => p.UnsupportedStatements),
            Math.Round(median, 2),
            Math.Round(times.Count == 0 ? 0 : times.Average(), 2));
    }

    /// <summary>A minimal Messages request carrying the transcript block; the workflow's prompt builder adds the instructions.</summary>
    public static JsonObject Request(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var block = new StringBuilder("Write the SOAP note for this visit as JSON.\n<transcript>\n");
        foreach (var segment in transcript.Segments)
        {
            var role = segment.Role switch
            {
                SpeakerRole.Clinician => "clinician",
                SpeakerRole.Patient => "patient",
                _ => "other",
            };
            block.Append('[').Append(segment.Id).Append("] ").Append(role).Append(": ")
                .Append(segment.Text.Replace('\n', ' ').Replace("</transcript>", "<\\/transcript>", StringComparison.Ordinal)).Append('\n');
        }

        block.Append("</transcript>");
        return new JsonObject
        {
            ["anthropic_version"] = "bedrock-2023-05-31",
            ["max_tokens"] = 8192,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = block.ToString() }),
        };
    }

    private static SoapNote ParseNote(JsonObject reply)
    {
        var text = (reply["content"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(b => (string?)b["type"] == "text")?["text"]?.GetValue<string>()
            ?? throw new ModelInvocationException(ModelErrorNames.ModelError, "The model reply has no text content.");
        try
        {
            return JsonSerializer.Deserialize<SoapNote>(text, NoteJson)
                ?? throw new ModelInvocationException(ModelErrorNames.ModelError, "The model reply's note is empty.");
        }
        catch (JsonException e)
        {
            throw new ModelInvocationException(ModelErrorNames.ModelError, "The model reply's note is not valid SoapNote JSON.", e);
        }
    }
}
