using System.Text.Json.Nodes;
using MedZen.Scribe.Checking;
using MedZen.Scribe.Models;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Prompting;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Evaluation;

/// <summary>
/// One visit's prediction and its figures. <see cref="Error"/> names why no note was written (the model call failed,
/// or its reply held no usable note); such a visit scores zero and is counted, never skipped.
/// </summary>
public sealed record VisitPrediction(
    string Id,
    string NoteText,
    RougeScores Scores,
    int Statements,
    int StatementsWithEvidence,
    int UnsupportedStatements,
    double Milliseconds)
{
    public string? Error { get; init; }

    public ClinicalCounts Clinical { get; init; } = ClinicalCounts.None;

    /// <summary>Statements the faithfulness checker finds supported by the transcript.</summary>
    public int CheckerSupported { get; init; }
}

/// <summary>
/// Figures over a run; ROUGE on a 0..100 scale as ACI-Bench reports it, rates on 0..1. The clinical figures count
/// what a physician reviewer counts: statements with ASR-split numbers, questions copied as statements, statements
/// in spoken style, notes with the patient's sex wrong, notes without an assessment and plan, and the reference's
/// drugs and exact doses found in the note.
/// </summary>
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
    double MeanMillisecondsPerNote)
{
    public int FailedVisits { get; init; }

    public double CheckerSupportedRate { get; init; }

    public int GarbledNumberStatements { get; init; }

    public int WrongSexNotes { get; init; }

    public int QuestionStatements { get; init; }

    public double SpokenMarkerRate { get; init; }

    public int NotesMissingAssessmentOrPlan { get; init; }

    public double DrugRecall { get; init; }

    public double ExactDoseRate { get; init; }
}

/// <summary>
/// Runs a model over visits the way production does: the request is <see cref="SoapPromptBuilder.Build"/>'s, the reply
/// goes through <see cref="NoteReplyParser"/> (which verifies cited ids), the faithfulness checker decides each statement's
/// evidence and support, and the note is rendered as ACI-Bench text and scored against the reference.
/// </summary>
public sealed class NoteEvaluator(IModelClient model, TimeProvider timeProvider)
{
    /// <summary>
    /// Writes and scores one visit. A model call that fails, or a reply with no usable note, is recorded on the
    /// prediction (<see cref="VisitPrediction.Error"/>) so that a run goes on to the next visit.
    /// On an MTS-Dialog visit (<see cref="EvaluationVisit.SectionHeader"/>) ROUGE is scored on the matching note section.
    /// </summary>
    public async Task<VisitPrediction> EvaluateAsync(EvaluationVisit visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var started = timeProvider.GetTimestamp();
        var transcript = TaggedTextTranscriptReader.Read(visit.Dialogue);
        SoapNote note;
        try
        {
            var reply = await model.InvokeAsync(Request(transcript), cancellationToken).ConfigureAwait(false);
            note = FaithfulnessChecker.Default.Apply(NoteReplyParser.Parse(reply, transcript), transcript);
        }
        catch (ModelInvocationException failed)
        {
            return Failed(visit, failed.ErrorName, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (NoteParseException unusable)
        {
            return Failed(visit, unusable.ErrorName, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }

        var text = AciBenchTextRenderer.Render(note);
        var elapsed = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var statements = note.AllStatements.ToList();
        var scored = visit.SectionHeader is { } header ? NoteSectionText.For(note, header) : text;
        return new VisitPrediction(
            visit.Id,
            text,
            RougeScorer.Score(visit.Note, scored),
            statements.Count,
            statements.Count(s => s.Evidence.Count > 0),
            statements.Count(s => !s.Supported),
            elapsed)
        {
            Clinical = ClinicalMetrics.Count(note, visit.Note, visit.Dialogue),
            CheckerSupported = statements.Count(s => s.Supported),
        };
    }

    private static VisitPrediction Failed(EvaluationVisit visit, string error, double milliseconds) =>
        new(visit.Id, "", new RougeScores(0, 0, 0, 0), 0, 0, 0, milliseconds) { Error = error };

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
            Math.Round(times.Count == 0 ? 0 : times.Average(), 2))
        {
            FailedVisits = predictions.Count(p => p.Error is not null),
            CheckerSupportedRate = Rate(predictions.Sum(p => p.CheckerSupported), statements),
            GarbledNumberStatements = predictions.Sum(p => p.Clinical.GarbledNumberStatements),
            WrongSexNotes = predictions.Count(p => p.Clinical.WrongSex),
            QuestionStatements = predictions.Sum(p => p.Clinical.QuestionStatements),
            SpokenMarkerRate = Rate(predictions.Sum(p => p.Clinical.SpokenMarkerStatements), predictions.Sum(p => p.Clinical.Statements)),
            NotesMissingAssessmentOrPlan = predictions.Count(p => p.Clinical.MissingAssessmentOrPlan),
            DrugRecall = Rate(predictions.Sum(p => p.Clinical.RecalledDrugs), predictions.Sum(p => p.Clinical.ReferenceDrugs)),
            ExactDoseRate = Rate(predictions.Sum(p => p.Clinical.ExactDoses), predictions.Sum(p => p.Clinical.ReferenceDoses)),
        };
    }

    private static double Rate(int part, int whole) => whole == 0 ? 1 : Math.Round((double)part / whole, 4);

    /// <summary>The production request for a visit with no metadata (ACI-Bench visits carry none): the SOAP template.</summary>
    public static JsonObject Request(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return SoapPromptBuilder.Build(transcript, new VisitContext());
    }
}
