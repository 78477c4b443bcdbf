using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 8: where a denial stops and what it is about. In unpunctuated speech a denied list ends at a new subject ("no
/// murmurs your lungs are clear") or at the list's own predicate ("no rales are appreciated on your neck exam"); a report
/// may deny its subject after it ("swelling is not noted"); "i don't have no allergies" is one denial; a denied phrase
/// is judged by its head ("your legs have no edema" denies the edema, not the legs); and a side's mention does not borrow
/// the normal words said of the other side.
/// </summary>
public sealed class DenialScopeRound8Tests
{
    [Theory]
    [InlineData("i don't appreciate any murmurs your lungs are clear", new[] { "lung", "clear" }, new[] { "murmur" })]
    [InlineData("no rales or rhonchi are appreciated on your neck exam", new[] { "neck" }, new[] { "crackle", "rhonchi" })]
    [InlineData("there is no swelling of your ankles", new string[0], new[] { "swell", "ankle" })]
    [InlineData("no pain in your knee or your ankle", new string[0], new[] { "pain", "knee", "ankle" })]
    public void A_denied_list_ends_where_a_new_subject_or_its_predicate_starts(string text, string[] affirmed, string[] denied)
    {
        var tokens = CheckTokens.Read(text, out _);
        foreach (var term in affirmed)
        {
            Assert.False(tokens.Single(t => t.Term == term).Negated, $"{term} should be affirmed in: {text}");
        }

        foreach (var term in denied)
        {
            Assert.True(tokens.First(t => t.Term == term).Negated, $"{term} should be denied in: {text}");
        }
    }

    [Theory]
    [InlineData("Swelling and redness are not noted.", new[] { "swell", "red" })]
    [InlineData("Swelling is not seen.", new[] { "swell" })]
    [InlineData("A murmur is not heard.", new[] { "murmur" })]
    public void A_report_denies_the_subject_before_its_not(string text, string[] subject)
    {
        var tokens = CheckTokens.Read(text, out _);
        foreach (var term in subject)
        {
            Assert.True(tokens.Single(t => t.Term == term).Negated, $"{term} should be denied in: {text}");
        }

        Assert.True(tokens.Single(t => t.Term == subject[^1]).Head);
    }

    [Fact]
    public void A_subject_that_is_seen_is_not_denied()
    {
        Assert.All(CheckTokens.Read("Swelling is seen.", out _), t => Assert.False(t.Negated));
    }

    private static readonly Transcript Allergies = TaggedTextTranscriptReader.Read("""
        [doctor] and do you have any allergies to medicines ?
        [patient] no , i don't have no allergies .
        [doctor] okay . on exam , there is some swelling and redness of the left knee .
        [patient] okay .
        """);

    [Fact]
    public void Spoken_negative_concord_is_one_denial()
    {
        Assert.True(CheckTokens.Read("i don't have no allergies", out _).Single(t => t.Term.StartsWith("allerg", StringComparison.Ordinal)).Negated);
        Supported(Allergies, "She denies any allergies.", StatementSection.Subjective);
        Flagged(Allergies, "She reports allergies to medicines.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    [Fact]
    public void A_report_that_denies_what_the_exam_found_is_flagged()
    {
        Flagged(Allergies, "Swelling and redness are not noted.", StatementSection.Objective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Legs = TaggedTextTranscriptReader.Read("""
        [doctor] on exam your heart is regular , you have some tenderness to the right lower quadrant , and your lower legs have no edema .
        [patient] okay .
        """);

    [Fact]
    public void A_denied_phrase_is_judged_by_its_head()
    {
        Supported(Legs, "No lower extremity edema.", StatementSection.Objective);
        Flagged(Legs, "Lower extremity edema.", StatementSection.Objective);
    }

    private static readonly Transcript Knees = TaggedTextTranscriptReader.Read("""
        [doctor] on your knee exam , there is some edema and some erythema of your right knee , but your left knee looks fine .
        [patient] okay .
        """);

    [Fact]
    public void A_side_does_not_borrow_the_normal_said_of_the_other_side()
    {
        Supported(Knees, "Left knee exam is normal.", StatementSection.Objective);
        Flagged(Knees, "Right knee exam is normal.", StatementSection.Objective, FaithfulnessProblem.Laterality);
    }
}

/// <summary>
/// Round 8: a statement about a body part or a condition the dialogue never names is not found, however many of its
/// other words the visit says ("X-ray of the bilateral knees … no fractures" in a visit about an ankle).
/// </summary>
public sealed class UnnamedSiteTests
{
    private static readonly Transcript Ankle = TaggedTextTranscriptReader.Read("""
        [doctor] so i reviewed your x-ray and there are no fractures , it's a sprain of your right ankle .
        [patient] okay , good .
        [doctor] i want you to ice it and keep it elevated .
        """);

    [Theory]
    [InlineData("X-ray of the bilateral knees is reviewed and reveals no fractures.", "knee")]
    [InlineData("X-ray reviewed, no fractures; consistent with osteoarthritis.", "osteoarthritis")]
    public void A_body_part_or_condition_the_dialogue_never_names_is_not_found(string text, string named)
    {
        var check = Check(Ankle, text, StatementSection.Objective);
        Assert.False(check.Supported, check.Reason);
        Assert.Contains(FaithfulnessProblem.NotInTranscript, check.Problems);
        Assert.Contains(named, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_named_site_and_condition_are_found()
    {
        Supported(Ankle, "X-ray of the right ankle reviewed, no fractures; right ankle sprain.", StatementSection.Objective);
    }
}

/// <summary>Round 8: a measurement's unit is said with its number, so "98.7 degrees F" is found where "ninety eight . seven" is.</summary>
public sealed class MeasurementUnitTests
{
    private static readonly Transcript Vitals = TaggedTextTranscriptReader.Read("""
        [doctor] so your vital signs , your blood pressure is one twenty eight over seventy two , your temperature is ninety eight . seven and your heart rate is seventy two .
        [patient] okay .
        """);

    [Theory]
    [InlineData("98.7 degrees F", true)]
    [InlineData("Temperature 98.7 degrees Fahrenheit.", true)]
    [InlineData("99.7 degrees F", false)]
    public void A_unit_needs_no_word_of_its_own(string text, bool supported)
    {
        var check = Check(Vitals, text, StatementSection.Objective);
        Assert.True(supported == check.Supported, check.Reason);
    }
}

/// <summary>
/// Round 8: the documentation register ("discussed", "reviewed", "consistent with") weighs half in finding a statement,
/// except in a statement that is mostly register, which one plain word must not carry; and "any type of injury?" asks
/// about the injury, never the "type" of "type 2 diabetes".
/// </summary>
public sealed class DocumentationRegisterTests
{
    private static readonly Transcript Wrist = TaggedTextTranscriptReader.Read("""
        [doctor] so we looked at your wrist x-ray and it shows a small fracture of the distal radius .
        [patient] oh no .
        [doctor] so my plan is a splint for now .
        [patient] okay .
        [doctor] have you ever had any type of injury to that wrist before ?
        [patient] no , not that i can recall .
        """);

    [Fact]
    public void The_register_around_a_finding_weighs_less_than_the_finding()
    {
        Supported(Wrist, "I discussed with the patient that the recent evaluation demonstrates a wrist fracture.", StatementSection.Assessment);
    }

    [Fact]
    public void A_statement_that_is_mostly_register_is_not_carried_by_one_plain_word()
    {
        Flagged(Wrist, "The patient understands and agrees with the recommended medical treatment plan.", StatementSection.Plan, FaithfulnessProblem.NotInTranscript);
    }

    [Fact]
    public void Any_type_of_asks_about_what_follows()
    {
        Assert.DoesNotContain(CheckTokens.Read("have you ever had any type of injury", out _), t => t.Term == "type");
        Assert.Contains(CheckTokens.Read("type 2 diabetes", out _), t => t.Term == "type");
        Supported(Wrist, "No prior injury to the wrist.", StatementSection.Subjective);
    }
}

/// <summary>Round 8: a "yes" after several unpunctuated questions answers the last; a "no" still denies them all.</summary>
public sealed class SeveralQuestionsTests
{
    private static readonly Transcript Yes = TaggedTextTranscriptReader.Read("""
        [doctor] alright and any nausea vomiting or diarrhea or anything like that are you urinating a whole lot or anything like that
        [patient] yeah i'm peeing like crazy
        """);

    private static readonly Transcript No = TaggedTextTranscriptReader.Read("""
        [doctor] alright and any nausea vomiting or diarrhea or anything like that are you urinating a whole lot or anything like that
        [patient] no
        """);

    [Fact]
    public void A_yes_answers_the_last_question()
    {
        Supported(Yes, "Reports urinating a lot.", StatementSection.Subjective);
        Flagged(Yes, "Reports nausea, vomiting, or diarrhea.", StatementSection.Subjective);
    }

    [Fact]
    public void A_no_denies_every_question()
    {
        Supported(No, "Denies nausea, vomiting, or diarrhea.", StatementSection.Subjective);
        Flagged(No, "Reports nausea, vomiting, or diarrhea.", StatementSection.Subjective);
    }
}

/// <summary>Round 8: "allergic" says allergies, and irregular plurals meet their singular ("calves", "feet").</summary>
public sealed class WordFormTests
{
    private static readonly Transcript Visit = TaggedTextTranscriptReader.Read("""
        [doctor] all right . um , are you allergic to any medications ?
        [patient] no , not that i know of .
        [doctor] all right . any other pain down here in your calves ?
        [patient] no .
        """);

    [Theory]
    [InlineData("No known allergies.", StatementSection.Subjective)]
    [InlineData("No pain in the calf.", StatementSection.Subjective)]
    public void A_word_form_meets_its_kin(string text, StatementSection section)
    {
        Supported(Visit, text, section);
    }

    [Fact]
    public void Affirming_what_was_denied_is_still_flagged()
    {
        Flagged(Visit, "Reports allergies to medications.", StatementSection.Subjective);
    }
}

/// <summary>
/// Round 8: where the dialogue names both sides of a site and nothing else in the statement tells which mention it is,
/// the side said at least twice as often stands, and otherwise the note's side is flagged as unclear.
/// </summary>
public sealed class BothSidesTests
{
    private static readonly Transcript RightFoot = TaggedTextTranscriptReader.Read("""
        [doctor] so i see you hurt your right foot . tell me about it .
        [patient] i twisted it playing soccer .
        [doctor] on exam of your right foot there is bruising , and your left foot exam is normal .
        [patient] okay .
        [doctor] the x-ray of your right foot shows a small fracture , so we will put your right foot in a boot .
        """);

    private static readonly Transcript Unclear = TaggedTextTranscriptReader.Read("""
        [doctor] so you hurt your right knee when you fell ?
        [patient] yes .
        [doctor] okay , and i'm going to look at your left knee now , the x-ray of your left knee shows a sprain .
        [patient] okay .
        [doctor] we will start physical therapy for your right knee .
        """);

    [Fact]
    public void The_side_said_most_stands()
    {
        Supported(RightFoot, "Right foot fracture.", StatementSection.Assessment);
        Flagged(RightFoot, "Left foot fracture.", StatementSection.Assessment, FaithfulnessProblem.Laterality);
    }

    [Fact]
    public void A_dialogue_that_says_both_sides_alike_leaves_the_side_flagged()
    {
        foreach (var text in new[] { "Right knee injury.", "Left knee injury." })
        {
            var check = Check(Unclear, text, StatementSection.Assessment);
            Assert.False(check.Supported, check.Reason);
            Assert.Contains("both the left and the right", check.Reason, StringComparison.Ordinal);
        }
    }
}
