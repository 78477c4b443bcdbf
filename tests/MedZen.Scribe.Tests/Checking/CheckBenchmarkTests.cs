using MedZen.Scribe.Checking;
using MedZen.Scribe.Checking.Benchmark;
using MedZen.Scribe.Tests.Support;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Pins the benchmark on a small sample of ACI-Bench train visits (the full figures, from `medzen note check-bench`, are in
/// docs/benchmarks.md). The floors sit a little under today's sample figures, so a regression fails.
/// </summary>
public sealed class CheckBenchmarkTests
{
    private static readonly Lazy<IReadOnlyList<BenchCase>> Sample = new(() => CheckBenchmark.Build(SharedData.AciBench("train").Take(8).ToList()));

    [Fact]
    public void The_whole_benchmark_holds_its_figures()
    {
        // All 87 train and valid visits. Round 12 (s31, merged): originals 2,790 of 3,240, perturbed 4,547 of 4,661
        // (97.6%), negation flips 1,917, sides 367, other visit 684; earlier rounds in docs/benchmarks.md. The floors sit a
        // few statements under, so that a rule which loses more than a handful anywhere fails here, not only on the first 8 visits.
        var visits = SharedData.AciBench("train").Concat(SharedData.AciBench("valid")).ToList();
        var report = CheckBenchmark.Run(CheckBenchmark.Build(visits), FaithfulnessChecker.Default.CheckStatement);
        Assert.True(report.OriginalsSupported >= 2_782, $"originals supported {report.OriginalsSupported}");
        Assert.True(report.Perturbed.Sum(k => k.Flagged) >= 4_540, $"perturbed flagged {report.Perturbed.Sum(k => k.Flagged)}");
        Assert.True(report.PerturbedFlaggedRate >= 0.97, $"perturbed flagged {report.PerturbedFlaggedRate:P1}, the issue's target is 97%");
        Assert.True(report.Perturbed.Single(k => k.Kind == PerturbationKind.NegationFlip).Flagged >= 1_912, "negation flips");
        Assert.All(report.Perturbed, k => Assert.True(k.FlaggedRate >= 0.90, $"{k.Kind} flagged {k.FlaggedRate:P1}"));
        Assert.Equal(0, report.ClinicianSectionsSupportedByPatientAlone);

        // The 90%, on the originals the census of flagged statements (docs/checker-census.tsv) does not find unsaid
        // (PARTLY, ABSENT, CONTRADICTED): none of those may be supported, and 90% of the rest must be.
        var unsaid = File.ReadAllLines(MedZen.Testing.RepositoryRoot.Combine("docs", "checker-census.tsv")).Skip(1)
            .Select(l => l.Split('\t')).Where(r => r[1] != "STATED").Select(r => r[0]).ToHashSet(StringComparer.Ordinal);
        var supported = report.SupportedOriginals.Select(s => $"{s.Case.VisitId}/{s.Statement.Id}").ToList();
        Assert.DoesNotContain(supported, unsaid.Contains);
        Assert.True(supported.Count >= 0.90 * (report.Originals - unsaid.Count), $"{supported.Count} of the {report.Originals - unsaid.Count} originals the census does not find unsaid");
    }

    [Fact]
    public void The_checker_supports_originals_and_flags_perturbations()
    {
        var report = CheckBenchmark.Run(Sample.Value, FaithfulnessChecker.Default.CheckStatement);

        Assert.True(report.Originals > 100);
        // The first 8 train visits, round 12 (s31): originals 93.9% (323 of 344), perturbed 98.0%, negation 96.1%, side
        // 95.2%, other visit 96.8%, number, drug and pronouns 100%; earlier rounds in docs/benchmarks.md.
        Assert.True(report.OriginalSupportedRate >= 0.925, $"originals supported {report.OriginalSupportedRate:P1}");
        Assert.True(report.PerturbedFlaggedRate >= 0.975, $"perturbed flagged {report.PerturbedFlaggedRate:P1}");
        foreach (var kind in report.Perturbed.Where(k => k.Count >= 10))
        {
            Assert.True(kind.FlaggedRate >= kind.Kind switch { PerturbationKind.SwappedSide => 0.85, PerturbationKind.NegationFlip => 0.955, _ => 0.90 }, $"{kind.Kind} flagged {kind.FlaggedRate:P1}");
        }

        Assert.Equal(0, report.ClinicianSectionsSupportedByPatientAlone);
    }

    [Fact]
    public void A_checker_that_passes_everything_fails_the_benchmark()
    {
        var report = CheckBenchmark.Run(Sample.Value, (_, s) => new StatementCheck(s.Id, true, [], [], "always"));

        Assert.Equal(1.0, report.OriginalSupportedRate);
        Assert.Equal(0.0, report.PerturbedFlaggedRate);
        Assert.False(report.MeetsTargets);
    }

    [Fact]
    public void Pronouns_are_swapped_only_where_the_dialogue_states_the_sex()
    {
        var swapped = Sample.Value.Where(c => c.Statements.Any(s => s.Kind == PerturbationKind.SwappedPronouns)).ToList();
        Assert.NotEmpty(swapped);
        Assert.All(swapped, c => Assert.NotEqual(PatientSex.Unknown, new VisitFacts(c.Transcript).Sex));
        var silent = Sample.Value.Where(c => new VisitFacts(c.Transcript).Sex == PatientSex.Unknown).Select(c => c.VisitId).ToHashSet();
        Assert.DoesNotContain(Sample.Value, c => silent.Contains(c.VisitId) && c.Statements.Any(s => s.Kind == PerturbationKind.SwappedPronouns));
    }

    [Fact]
    public void Each_perturbed_statement_is_a_case_apart_from_its_original()
    {
        var perturbed = Sample.Value.Where(c => c.Statements.Any(s => s.Kind != PerturbationKind.Original)).ToList();
        Assert.NotEmpty(perturbed);
        Assert.All(perturbed, c => Assert.Single(c.Statements));
        Assert.All(Enum.GetValues<PerturbationKind>(), kind => Assert.Contains(Sample.Value, c => c.Statements.Any(s => s.Kind == kind)));
    }

    [Theory]
    [InlineData("Integumentary:", true)]
    [InlineData("Special Testing:", true)]
    [InlineData("None.", true)]
    [InlineData("positive.", true)]
    [InlineData("Negative.", false)]
    [InlineData("Normocephalic", false)]
    [InlineData("Hypercholesterolemia.", false)]
    [InlineData("All questions were answered.", false)]
    public void Only_a_header_or_a_statement_without_a_content_word_is_a_content_free_fragment(string text, bool contentFree) =>
        Assert.Equal(contentFree, CheckBenchmark.IsContentFree(text));
}
