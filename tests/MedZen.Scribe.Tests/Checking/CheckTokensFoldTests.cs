using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// The checker's word fold (round 5): a verb's forms meet whatever their ending, a possessive is no part of its word,
/// and the fold never joins two different words.
/// </summary>
public sealed class CheckTokensFoldTests
{
    [Theory]
    [InlineData("experience", "experienced")]
    [InlineData("experience", "experiencing")]
    [InlineData("continue", "continued")]
    [InlineData("continues", "continuing")]
    [InlineData("masses", "mass")]
    [InlineData("diagnose", "diagnosed")]
    public void A_words_forms_meet(string one, string other) =>
        Assert.Equal(CheckTokens.Term(one), CheckTokens.Term(other));

    [Theory]
    [InlineData("plane", "plan")]
    [InlineData("planes", "plan")]
    [InlineData("fine", "fin")]
    [InlineData("stable", "stabl")]
    [InlineData("sure", "sur")]
    public void The_fold_keeps_different_words_apart(string one, string other) =>
        Assert.NotEqual(CheckTokens.Term(one), CheckTokens.Term(other));

    [Theory]
    [InlineData("patient's")]
    [InlineData("patients'")]
    public void A_possessive_is_no_part_of_its_word(string word) =>
        Assert.Contains(CheckTokens.Term(word), (IReadOnlySet<string>)CheckTokens.StopWords);

    [Theory]
    // Function, normal and vocabulary words are left as they are: a stop word stays stop, a normal word stays normal.
    [InlineData("these")]
    [InlineData("before")]
    // Round 7: a stop word with a verb's ending stays a stop word, not a content stem ("does" was "doe").
    [InlineData("does")]
    [InlineData("having")]
    [InlineData("during")]
    [InlineData("stated")]
    public void Stop_words_are_not_folded_into_content(string word) =>
        Assert.Contains(CheckTokens.Term(word), (IReadOnlySet<string>)CheckTokens.StopWords);

    [Fact]
    public void Normal_words_stay_normal() =>
        Assert.Contains(CheckTokens.Term("stable"), (IReadOnlySet<string>)CheckTokens.NormalWords);

    private static readonly Transcript Visit = TaggedTextTranscriptReader.Read("""
        [doctor] how have the headaches been since your last visit ?
        [patient] i continue to experience headaches most afternoons .
        [doctor] any trouble with your vision ?
        [patient] no .
        """);

    [Fact]
    public void A_statement_in_other_forms_of_the_dialogues_verbs_is_supported()
    {
        var check = FaithfulnessChecker.Default.CheckStatement(Visit, new StatementToCheck("st1", StatementSection.Subjective, "She has continued experiencing headaches."));
        Assert.True(check.Supported, check.Reason);
    }

    [Fact]
    public void The_fold_does_not_lose_the_denial()
    {
        var check = FaithfulnessChecker.Default.CheckStatement(Visit, new StatementToCheck("st1", StatementSection.Subjective, "She has not continued experiencing headaches."));
        Assert.False(check.Supported, check.Reason);
        Assert.Contains(FaithfulnessProblem.Polarity, check.Problems);
    }

    private static readonly Transcript IceVisit = TaggedTextTranscriptReader.Read("""
        [doctor] have you tried anything for the pain ?
        [patient] i put ice on it , and it doesn't help at all .
        """);

    [Fact]
    public void An_auxiliary_is_not_a_word_said_the_other_way()
    {
        // "does" of "does not help" is no content word: the note's "it does help" and the dialogue's "doesn't" meet on "help" alone.
        var supported = FaithfulnessChecker.Default.CheckStatement(IceVisit, new StatementToCheck("st1", StatementSection.Subjective, "She has tried ice, but it does not help."));
        Assert.True(supported.Supported, supported.Reason);
        var flip = FaithfulnessChecker.Default.CheckStatement(IceVisit, new StatementToCheck("st1", StatementSection.Subjective, "She has tried ice, which helps."));
        Assert.False(flip.Supported, flip.Reason);
    }
}
