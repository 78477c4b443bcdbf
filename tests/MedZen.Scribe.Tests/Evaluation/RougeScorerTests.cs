using MedZen.Scribe.Evaluation;

namespace MedZen.Scribe.Tests.Evaluation;

public sealed class RougeScorerTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Tokenizer_lowercases_and_splits_on_everything_but_letters_and_digits()
    {
        Assert.Equal(["the", "bp", "120", "80", "it", "s", "fine"], RougeScorer.Tokenize("The BP, 120/80!  It's fine."));
    }

    [Fact]
    public void Unigram_bigram_and_lcs_match_hand_computed_values()
    {
        // reference: the cat sat on the mat (6 tokens, 5 bigrams); prediction: the cat on the mat today (6, 5).
        // unigrams in common: the×2, cat, on, mat = 5 → P = R = 5/6.
        // bigrams in common: "the cat", "on the", "the mat" = 3 → P = R = 3/5.
        // LCS: the cat on the mat = 5 → P = R = 5/6.
        var scores = RougeScorer.Score("the cat sat on the mat", "The cat on the mat today.");
        Assert.Equal(5.0 / 6, scores.Rouge1, Tolerance);
        Assert.Equal(3.0 / 5, scores.Rouge2, Tolerance);
        Assert.Equal(5.0 / 6, scores.RougeL, Tolerance);
    }

    [Fact]
    public void Unequal_lengths_use_the_harmonic_mean_of_precision_and_recall()
    {
        // reference: a b c d (4); prediction: a b (2). overlap 2 → P = 1, R = 1/2, F = 2·1·0.5/1.5 = 2/3.
        Assert.Equal(2.0 / 3, RougeScorer.Score("a b c d", "a b").Rouge1, Tolerance);
    }

    [Fact]
    public void RougeLsum_takes_the_union_lcs_per_reference_line()
    {
        // Whole-text LCS of "a b c d" and "c d a b" is 2 → rougeL = 0.5.
        // Per line: "a b" meets predicted line "a b" (2 hits), "c d" meets "c d" (2 hits) → 4/4 → rougeLsum = 1.
        var scores = RougeScorer.Score("a b\nc d", "c d\na b");
        Assert.Equal(0.5, scores.RougeL, Tolerance);
        Assert.Equal(1.0, scores.RougeLsum, Tolerance);
    }

    [Fact]
    public void RougeLsum_unions_lcs_over_several_predicted_lines()
    {
        // Reference lines [a b c] and [d e]; predicted lines [a c] and [d x e].
        // [a b c]: LCS with [a c] = {a, c}, with [d x e] = {} → union {a, c}: 2 hits.
        // [d e]: LCS with [d x e] = {d, e}: 2 hits. Hits 4 of 5 reference and 5 predicted tokens → F = 0.8.
        Assert.Equal(0.8, RougeScorer.Score("a b c\nd e", "a c\nd x e").RougeLsum, Tolerance);
    }

    [Fact]
    public void RougeLsum_counts_each_predicted_token_once()
    {
        // Reference lines [a a] and [a], prediction [a]. The first line's union LCS uses the only predicted "a";
        // the second line finds none left. Hits 1 → P = 1/1, R = 1/3, F = 0.5.
        Assert.Equal(0.5, RougeScorer.Score("a a\na", "a").RougeLsum, Tolerance);
    }

    [Fact]
    public void Empty_prediction_scores_zero_and_averages_are_per_note()
    {
        Assert.Equal(RougeScores.Zero, RougeScorer.Score("some reference", ""));
        var average = RougeScorer.Average([("a b", "a b"), ("a b", "c d")]);
        Assert.Equal(0.5, average.Rouge1, Tolerance);
        Assert.Equal(0.5, average.RougeLsum, Tolerance);
    }
}
