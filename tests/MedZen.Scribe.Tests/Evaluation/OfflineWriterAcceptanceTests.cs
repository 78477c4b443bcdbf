using MedZen.Scribe.Evaluation;
using MedZen.Scribe.Tests.Support;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Evaluation;

/// <summary>The acceptance gate: the offline writer on the ACI-Bench valid split.</summary>
public sealed class OfflineWriterAcceptanceTests
{
    [Fact]
    public async Task Valid_split_reaches_rouge1_45_with_checked_clinical_prose()
    {
        var visits = SharedData.AciBench("valid");
        var evaluator = new NoteEvaluator(new OfflineNoteWriter(), TimeProvider.System);
        var predictions = new List<VisitPrediction>();
        foreach (var visit in visits)
        {
            predictions.Add(await evaluator.EvaluateAsync(visit, TestContext.Current.CancellationToken));
        }

        var summary = NoteEvaluator.Summarize(predictions);
        Assert.Equal(20, summary.Visits);
        Assert.True(summary.Rouge1 >= 45, $"ROUGE-1 {summary.Rouge1} is below 45");
        Assert.True(summary.Statements > 0);
        // The checker may withdraw a citation it cannot back; nearly every statement keeps one.
        Assert.True(summary.EvidenceCoverage >= 0.99, $"evidence coverage {summary.EvidenceCoverage}");
        Assert.Equal(0, summary.FailedVisits);
        // The faithfulness checker decides support; the targets for prose hold on valid.
        Assert.True(summary.CheckerSupportedRate >= 0.95, $"checker-supported {summary.CheckerSupportedRate}");
        Assert.Equal(0, summary.QuestionStatements);
        Assert.Equal(0, summary.GarbledNumberStatements);
        Assert.True(summary.SpokenMarkerRate <= 0.01, $"spoken markers in {summary.SpokenMarkerRate} of statements");
    }
}
