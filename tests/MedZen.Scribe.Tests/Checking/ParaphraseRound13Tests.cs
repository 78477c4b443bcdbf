using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 13 of the paraphrases (s31-para): the past "took" of a medicine is taking it, a heart "nice and regular" is the
/// note's regular rate and rhythm, rales are crackles, a Greek malformation is the organ's size said plainly, "not long ago"
/// is recent and denies nothing, a spoken decade is the note's "60s" or "1970s", discomfort is pain, a bowel movement is stool, a scan
/// "without contrast" denies only the contrast, "in tact" is intact, and the plain words of one clinical word use one
/// word of a denial's reach. None of them lets a wrong statement through.
/// </summary>
public sealed class ParaphraseRound13Tests
{
    private static readonly Transcript Ankle = TaggedTextTranscriptReader.Read("""
        [doctor] what have you done for the ankle so far ?
        [patient] i kept it up on a pillow and i took some naproxen last night .
        """);

    [Fact]
    public void Took_a_medicine_is_taking_it() =>
        Supported(Ankle, "She has been taking naproxen.", StatementSection.Subjective);

    [Fact]
    public void Took_a_medicine_is_not_its_denial() =>
        Flagged(Ankle, "She has not been taking naproxen.", StatementSection.Subjective);

    private static readonly Transcript Heart = TaggedTextTranscriptReader.Read("""
        [doctor] let me listen . your heart is nice and regular . your lungs are clear .
        [patient] good .
        """);

    [Fact]
    public void A_regular_heart_is_regular_rate_and_rhythm() =>
        Supported(Heart, "Regular rate and rhythm.", StatementSection.Objective);

    [Fact]
    public void A_regular_heart_has_no_murmur_said() =>
        Flagged(Heart, "Regular rate and rhythm with a 2/6 systolic murmur.", StatementSection.Objective);

    private static readonly Transcript Lungs = TaggedTextTranscriptReader.Read("""
        [doctor] take a deep breath for me . i don't hear any crackles or wheezes in your lungs .
        [patient] okay .
        """);

    [Fact]
    public void Rales_are_crackles() =>
        Supported(Lungs, "No rales or wheezes.", StatementSection.Objective);

    [Fact]
    public void Rales_denied_as_crackles_are_not_heard() =>
        Flagged(Lungs, "Rales heard in both lungs.", StatementSection.Objective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Infant = TaggedTextTranscriptReader.Read("""
        [doctor] on her exam today , her eyes are small appearing . her heart sounds normal .
        [patient] okay .
        """);

    [Fact]
    public void Microphthalmia_is_small_eyes() =>
        Supported(Infant, "Microphthalmia.", StatementSection.Objective);

    [Fact]
    public void Small_eyes_are_not_a_small_jaw() =>
        Flagged(Infant, "Micrognathia.", StatementSection.Objective);

    private static readonly Transcript Fishing = TaggedTextTranscriptReader.Read("""
        [doctor] do you still get out on the lake ?
        [patient] yeah i went fishing not long ago , a couple of weeks ago with my brother .
        """);

    [Fact]
    public void Not_long_ago_is_recent_and_denies_nothing() =>
        Supported(Fishing, "He went fishing with his brother a couple of weeks ago.", StatementSection.Subjective);

    [Fact]
    public void Not_long_ago_is_no_denial_of_the_fishing() =>
        Flagged(Fishing, "He has not gone fishing recently.", StatementSection.Subjective);

    private static readonly Transcript Family = TaggedTextTranscriptReader.Read("""
        [doctor] any heart disease in the family ?
        [patient] my father had a heart attack in his sixties .
        """);

    private static readonly Transcript Smoking = TaggedTextTranscriptReader.Read("""
        [doctor] do you smoke ?
        [patient] no , i quit back in the seventies .
        """);

    [Fact]
    public void A_spoken_decade_is_the_written_one() =>
        Supported(Family, "His father had a heart attack in his 60s.", StatementSection.Subjective);

    [Fact]
    public void A_spoken_decade_keeps_its_number() =>
        Flagged(Family, "His father had a heart attack in his 70s.", StatementSection.Subjective, FaithfulnessProblem.Number);

    [Fact]
    public void A_decade_of_a_century_is_the_spoken_decade() =>
        Supported(Smoking, "He quit smoking in the 1970s.", StatementSection.Subjective);

    [Fact]
    public void A_decade_of_a_century_keeps_its_number() =>
        Flagged(Smoking, "He quit smoking in the 1980s.", StatementSection.Subjective, FaithfulnessProblem.Number);

    private static readonly Transcript Bowels = TaggedTextTranscriptReader.Read("""
        [doctor] how are things going with your bowels ?
        [patient] my bowel movements have been loose and watery for about a week .
        """);

    [Fact]
    public void A_bowel_movement_is_stool() =>
        Supported(Bowels, "She reports loose, watery stools for 1 week.", StatementSection.Subjective);

    [Fact]
    public void Loose_bowel_movements_are_no_denial_of_loose_stools() =>
        Flagged(Bowels, "She denies loose stools.", StatementSection.Subjective, FaithfulnessProblem.Polarity);

    private static readonly Transcript Scan = TaggedTextTranscriptReader.Read("""
        [doctor] i'm going to order a ct scan without contrast of your chest .
        [patient] okay .
        """);

    [Fact]
    public void Without_contrast_denies_only_the_contrast() =>
        Supported(Scan, "I have ordered a CT scan of the chest without contrast.", StatementSection.Plan);

    [Fact]
    public void Without_contrast_still_denies_the_contrast() =>
        Flagged(Scan, "I have ordered a CT scan of the chest with contrast.", StatementSection.Plan);

    private static readonly Transcript Skin = TaggedTextTranscriptReader.Read("""
        [doctor] your skin is in tact , i don't see any rashes .
        [patient] okay .
        """);

    [Fact]
    public void In_tact_is_intact() =>
        Supported(Skin, "Skin is intact.", StatementSection.Objective);

    private static readonly Transcript Nodes = TaggedTextTranscriptReader.Read("""
        [doctor] on your neck exam there's no axillary , cervical or supraclavicular lymphadenopathy .
        [patient] okay .
        """);

    [Fact]
    public void One_word_read_as_several_uses_one_word_of_a_denials_reach() =>
        Supported(Nodes, "No axillary, cervical, or supraclavicular lymphadenopathy.", StatementSection.Objective);

    [Fact]
    public void A_denied_lymphadenopathy_is_not_affirmed() =>
        Flagged(Nodes, "Supraclavicular lymphadenopathy.", StatementSection.Objective, FaithfulnessProblem.Polarity);

    [Theory]
    [InlineData("took", "taking")]
    [InlineData("rales", "crackles")]
    [InlineData("rale", "crackling")]
    [InlineData("uncomfortable", "pain")]
    [InlineData("discomfort", "painful")]
    public void Words_said_for_one_another_are_one_term(string said, string written) =>
        Assert.Equal(CheckTokens.Term(written), CheckTokens.Term(said));

    [Fact]
    public void Only_the_past_took_is_taking() =>
        Assert.NotEqual(CheckTokens.Term("taking"), CheckTokens.Term("takes"));

    [Theory]
    [InlineData("my bowel movements are loose", "stool")]
    [InlineData("your skin is in tact", "intact")]
    [InlineData("i went fishing not long ago", "recently")]
    public void A_phrase_is_read_as_the_note_writes_it(string text, string written)
    {
        var terms = CheckTokens.Read(text, out _).Select(t => t.Term).ToList();
        Assert.Contains(CheckTokens.Term(written), terms);
    }

    [Theory]
    [InlineData("i went fishing not long ago")]
    [InlineData("i saw a dermatologist not too long ago")]
    public void Not_long_ago_denies_nothing(string text) =>
        Assert.DoesNotContain(CheckTokens.Read(text, out _), t => t.Negated);

    [Fact]
    public void A_scan_without_contrast_still_scans_the_place_after_it()
    {
        var tokens = CheckTokens.Read("i'm going to order a ct scan without contrast of your chest", out _);
        Assert.True(tokens.Single(t => t.Term == "contrast").Negated);
        Assert.False(tokens.Single(t => t.Term == "chest").Negated);
    }
}
