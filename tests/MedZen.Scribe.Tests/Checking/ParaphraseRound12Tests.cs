using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 12 of the everyday words (s29-para3): "take it easy" is the rest a note advises, a patient who is "a VA" is a
/// veteran, "consistently" is the note's "on a consistent basis", the heart's "pumping function" its ejection fraction,
/// "refrain from" is cease; none of them lets a wrong statement through.
/// </summary>
public sealed class ParaphraseRound12Tests
{
    private static readonly Transcript Knees = TaggedTextTranscriptReader.Read("""
        [doctor] how are your knees doing ? is one knee worse than the other ?
        [patient] both knees are sore . they kept me up saturday night .
        [doctor] i'm going to order an autoimmune panel . and i want you to just take it easy for right now .
        [patient] okay .
        """);

    [Fact]
    public void Taking_it_easy_is_rest() =>
        Supported(Knees, "I advised the patient to rest his knees.", StatementSection.Plan);

    [Fact]
    public void Taking_it_easy_is_not_an_exercise_plan() =>
        Flagged(Knees, "I advised the patient to exercise his knees.", StatementSection.Plan);

    private static readonly Transcript Veteran = TaggedTextTranscriptReader.Read("""
        [doctor] anything else i should know ?
        [patient] just so you know , i am a va and i'm one percent disabled from this leg .
        """);

    [Fact]
    public void A_patient_who_is_a_va_is_a_veteran() =>
        Supported(Veteran, "The patient is a veteran.", StatementSection.Subjective);

    [Fact]
    public void A_va_keeps_the_disability_number() =>
        Flagged(Veteran, "The patient is a veteran and receives 10% disability.", StatementSection.Subjective, FaithfulnessProblem.Number);

    private static readonly Transcript Pills = TaggedTextTranscriptReader.Read("""
        [doctor] have you been taking your blood pressure medication ?
        [patient] most days , sometimes i forget .
        [doctor] you need to make sure that you're taking your medication consistently , that's really important .
        [patient] okay .
        """);

    [Fact]
    public void Consistently_is_on_a_consistent_basis() =>
        Supported(Pills, "I encouraged the patient to take his medication on a consistent basis.", StatementSection.Plan);

    [Fact]
    public void Consistently_is_not_daily_dosing_of_another_drug() =>
        Flagged(Pills, "I encouraged the patient to take his insulin on a consistent basis.", StatementSection.Plan);

    private static readonly Transcript Echo = TaggedTextTranscriptReader.Read("""
        [doctor] let's review your echocardiogram . it shows that the pumping function of your heart is at about 45 percent , a little low , but it's stable .
        [patient] okay .
        """);

    [Fact]
    public void Pumping_function_is_the_ejection_fraction() =>
        Supported(Echo, "Echocardiogram demonstrates stable diminished ejection fraction.", StatementSection.Objective);

    [Fact]
    public void Pumping_function_keeps_its_number() =>
        Flagged(Echo, "Echocardiogram demonstrates an ejection fraction of 60%.", StatementSection.Objective, FaithfulnessProblem.Number);

    private static readonly Transcript Alcohol = TaggedTextTranscriptReader.Read("""
        [doctor] with your liver numbers up , i want you to refrain from drinking any alcohol .
        [patient] okay , i can do that .
        """);

    [Fact]
    public void Refraining_is_ceasing() =>
        Supported(Alcohol, "Encouraged to cease alcohol consumption.", StatementSection.Plan);

    [Fact]
    public void Refraining_from_alcohol_is_not_refraining_from_tobacco() =>
        Flagged(Alcohol, "Encouraged to cease tobacco use.", StatementSection.Plan);
}
