using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 10: a note's register word meets the everyday word a patient or clinician says for it ("typically" and
/// "usually", "progressed" and "got worse", "nevi" and "moles"), and no fold lets a wrong statement through.
/// </summary>
public sealed class ClinicalLexiconEverydayTests
{
    private static readonly Transcript Rash = TaggedTextTranscriptReader.Read("""
        [doctor] how has the rash on your arm been ?
        [patient] it got worse over the weekend . i tried some hydrocortisone cream and it helped .
        [doctor] how do you usually sleep ?
        [patient] i usually fall asleep around eleven and get about seven hours . i have to be at work by eight .
        [doctor] any family history of skin cancer ?
        [patient] my mom had a melanoma . i've had a few moles removed .
        [doctor] your pulmonary function tests from last month were normal .
        """);

    [Theory]
    [InlineData("The rash on her arm has progressed.", StatementSection.Subjective)]
    [InlineData("She has attempted hydrocortisone cream.", StatementSection.Subjective)]
    [InlineData("She typically sleeps 7 hours.", StatementSection.Subjective)]
    [InlineData("Her mother had melanoma.", StatementSection.Subjective)]
    [InlineData("History of nevi removal.", StatementSection.Subjective)]
    [InlineData("PFTs were normal.", StatementSection.Objective)]
    [InlineData("She is employed.", StatementSection.Subjective)]
    public void A_register_word_meets_the_everyday_one_said(string text, StatementSection section) =>
        Supported(Rash, text, section);

    [Theory]
    [InlineData("The rash on her arm has not progressed.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("She typically sleeps 5 hours.", StatementSection.Subjective, FaithfulnessProblem.Number)]
    [InlineData("Her mother denies melanoma.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    [InlineData("PFTs were not normal.", StatementSection.Objective, FaithfulnessProblem.Polarity)]
    [InlineData("She is unemployed.", StatementSection.Subjective, FaithfulnessProblem.Polarity)]
    public void An_everyday_fold_lets_no_wrong_statement_through(string text, StatementSection section, FaithfulnessProblem problem) =>
        Flagged(Rash, text, section, problem);

    private static readonly Transcript Shoulder = TaggedTextTranscriptReader.Read("""
        [doctor] i know you had that rotator cuff repaired last spring . how is the shoulder doing ?
        [patient] it's doing well . i take ibuprofen when it aches and it helps some .
        [doctor] any bruising around the scar ?
        [patient] yes , some bruising .
        """);

    [Theory]
    // An operative "repair" is the surgery a patient names; "symptomatic", "provides", "developed" are the note's register.
    [InlineData("He is doing well after rotator cuff surgery.")]
    [InlineData("Ibuprofen provides symptomatic relief.")]
    [InlineData("He developed bruising around the scar.")]
    public void A_repair_is_surgery_and_register_verbs_weigh_little(string text) =>
        Supported(Shoulder, text, StatementSection.Subjective);

    [Theory]
    [InlineData("Denies prior surgery.", FaithfulnessProblem.Polarity)]
    [InlineData("Ibuprofen provides no symptomatic relief.", FaithfulnessProblem.Polarity)]
    [InlineData("He denies bruising.", FaithfulnessProblem.Polarity)]
    public void A_repair_and_register_verbs_let_no_wrong_statement_through(string text, FaithfulnessProblem problem) =>
        Flagged(Shoulder, text, StatementSection.Subjective, problem);

    private static readonly Transcript Foot = TaggedTextTranscriptReader.Read("""
        [doctor] your x-ray shows a fracture at the base of the second metatarsal , and there is a small ulcer near the fifth toe .
        [patient] it has been there for a couple weeks .
        """);

    [Theory]
    // An ordinal said as a word is the note's "2nd", whose suffix is no word to find; "a couple weeks" is 2 weeks.
    [InlineData("X-ray shows a fracture of the base of the 2nd metatarsal.")]
    [InlineData("Small ulcer near the 5th toe.")]
    [InlineData("Ulcer near the 5th toe for 2 weeks.")]
    public void An_ordinal_said_as_a_word_meets_the_notes_digits(string text) =>
        Supported(Foot, text, StatementSection.Objective);

    [Theory]
    [InlineData("X-ray shows a fracture of the base of the 3rd metatarsal.")]
    [InlineData("Small ulcer near the 4th toe.")]
    [InlineData("Ulcer near the 5th toe for 3 weeks.")]
    public void An_ordinal_keeps_its_number(string text) =>
        Flagged(Foot, text, StatementSection.Objective, FaithfulnessProblem.Number);

    private static readonly Transcript Neck = TaggedTextTranscriptReader.Read("""
        [doctor] on your neck exam there is no jugular venous distension , and your lungs are clear .
        """);

    [Fact]
    public void Jvd_is_the_jugular_venous_distention_said() => Supported(Neck, "No JVD.", StatementSection.Objective);

    [Fact]
    public void Jvd_keeps_its_denial() => Flagged(Neck, "Positive for JVD.", StatementSection.Objective, FaithfulnessProblem.Polarity);
}
