using System.Text.Json.Nodes;
using MedZen.Scribe.Evidence;
using MedZen.Scribe.Models;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Prompting;
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
/// Runs a model over visits the way production does: the request is <see cref="SoapPromptBuilder.Build"/>'s, the reply
/// goes through <see cref="NoteReplyParser"/> (which verifies cited ids), the evidence linker checks every citation, and
/// the note is rendered as ACI-Bench text and scored against the reference.
/// </summary>
public sealed class NoteEvaluator(IModelClient model, EvidenceLinker linker, TimeProvider timeProvider)
{
    /// <exception cref="ModelInvocationException">The model call failed.</exception>
    /// <exception cref="NoteParseException">The reply holds no usable note.</exception>
    public async Task<VisitPrediction> EvaluateAsync(EvaluationVisit visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var started = timeProvider.GetTimestamp();
        var transcript = TaggedTextTranscriptReader.Read(visit.Dialogue);
        var reply = await model.InvokeAsync(Request(transcript), cancellationToken).ConfigureAwait(false);
        var note = linker.Link(NoteReplyParser.Parse(reply, transcript), transcript);
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

    /// <summary>The production request for a visit with no metadata (ACI-Bench visits carry none): the SOAP template.</summary>
    public static JsonObject Request(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return SoapPromptBuilder.Build(transcript, new VisitContext());
    }
}
