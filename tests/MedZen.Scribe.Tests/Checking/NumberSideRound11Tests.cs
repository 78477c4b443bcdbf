using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 11: numbers the dialogue says in another form than the note writes them (a date dictated in parts or run
/// together, a clock time's minutes, half an hour, a split decimal far from its measure), and sides said without the
/// word "left" or "right" where the note has one. Each near-miss (another date, another side) stays flagged.
/// </summary>
public sealed class NumberSideRound11Tests
{
    private static readonly Transcript DictatedDate = TaggedTextTranscriptReader.Read("""
        [doctor] she's a 36-year-old female post bilateral reduction mammoplasty on 10-10 20-20 .
        [patient] yes , that's me .
        """);

    [Fact]
    public void A_year_dictated_in_two_halves_is_the_year()
    {
        Supported(DictatedDate, "Status post bilateral reduction mammaplasty 10/10/2020.", StatementSection.Subjective);
        Flagged(DictatedDate, "Status post bilateral reduction mammaplasty 10/10/2021.", StatementSection.Subjective, FaithfulnessProblem.Number);
        Flagged(DictatedDate, "Status post bilateral reduction mammaplasty 11/10/2020.", StatementSection.Subjective, FaithfulnessProblem.Number);
    }

    private static readonly Transcript ShortYear = TaggedTextTranscriptReader.Read("""
        [doctor] are you vaccinated for covid ?
        [patient] i've received both . my first dose on january 15th , '21 and my second on february 5th , '21 .
        """);

    [Fact]
    public void A_year_said_by_its_last_two_digits_after_the_month_and_day_is_the_year()
    {
        Supported(ShortYear, "He is fully vaccinated for COVID-19 with his first dose on 01/15/2021 and his second dose on 02/05/2021.", StatementSection.Subjective);
        Flagged(ShortYear, "He is fully vaccinated for COVID-19 with his first dose on 01/15/2022 and his second dose on 02/05/2021.", StatementSection.Subjective, FaithfulnessProblem.Number);
    }

    private static readonly Transcript RunTogether = TaggedTextTranscriptReader.Read("""
        [doctor] paragraph , diagnostics . cervical spine x-ray 6421 . cervical spine x-ray reveals significant disc degeneration at c56 .
        [patient] okay .
        """);

    [Fact]
    public void A_date_dictated_as_one_run_of_digits_is_the_date()
    {
        Supported(RunTogether, "X-ray Cervical Spine, 06/04/2021.", StatementSection.Objective);
        Flagged(RunTogether, "X-ray Cervical Spine, 06/05/2021.", StatementSection.Objective, FaithfulnessProblem.Number);
    }

    private static readonly Transcript ClockTime = TaggedTextTranscriptReader.Read("""
        [doctor] so tell me what happened .
        [patient] i woke up about two o'clock in the morning and it was just pain in my left arm and hand , something awful .
        """);

    [Fact]
    public void A_clock_times_minutes_are_no_number_to_find()
    {
        Supported(ClockTime, "He woke around 2:00 am with intense pain in his left arm and hand.", StatementSection.Subjective);
        Flagged(ClockTime, "He woke around 3:00 am with intense pain in his left arm and hand.", StatementSection.Subjective, FaithfulnessProblem.Number);
    }

    private static readonly Transcript HalfAnHour = TaggedTextTranscriptReader.Read("""
        [doctor] what happened on saturday ?
        [patient] i was playing tennis , it was really hot , and after about a half an hour i was struggling to breathe .
        """);

    [Fact]
    public void Half_an_hour_is_thirty_minutes()
    {
        Supported(HalfAnHour, "He was playing tennis on Saturday and after approximately 30 minutes he was struggling to breathe.", StatementSection.Subjective);
        Flagged(HalfAnHour, "He was playing tennis on Saturday and after approximately 40 minutes he was struggling to breathe.", StatementSection.Subjective, FaithfulnessProblem.Number);
        Flagged(HalfAnHour, "He was playing tennis on Saturday and after approximately 15 minutes he was struggling to breathe.", StatementSection.Subjective, FaithfulnessProblem.Number);
    }

    private static readonly Transcript SplitDecimal = TaggedTextTranscriptReader.Read("""
        [doctor] we checked your hemoglobin a1c last time , i'm looking at your records in epic and it showed that it was you know seven . one so it's good but it could be better .
        [patient] okay .
        """);

    [Fact]
    public void A_decimal_split_by_a_full_stop_after_its_measure_is_the_decimal()
    {
        Supported(SplitDecimal, "His most recent A1c was 7.1.", StatementSection.Assessment);
        Flagged(SplitDecimal, "His most recent A1c was 7.4.", StatementSection.Assessment, FaithfulnessProblem.Number);
    }

    private static readonly Transcript OtherAnkle = TaggedTextTranscriptReader.Read("""
        [doctor] so what's going on with your right foot today ?
        [patient] i dropped a brick on it . and twenty years ago i broke my ankle , i had to put it in a cast , sometimes it feels a little sore and it swells up at times .
        [doctor] okay .
        [patient] and my other ankle too gives out once in a while , i've had surgery for that too .
        """);

    [Fact]
    public void The_other_ankle_in_a_visit_that_sides_only_the_right_is_the_left()
    {
        Supported(OtherAnkle, "Patient reports history of left ankle surgery.", StatementSection.Subjective);
        Flagged(OtherAnkle, "Patient reports history of right ankle surgery.", StatementSection.Subjective, FaithfulnessProblem.Laterality);
        // What the visit tells of the first ankle is not the other's.
        Flagged(OtherAnkle, "He has soreness and swelling in his left ankle.", StatementSection.Subjective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript LegOfTheAnkle = TaggedTextTranscriptReader.Read("""
        [doctor] you're coming in today for some right ankle pain after a fall .
        [patient] yes , i twisted it on the stairs .
        [doctor] for that ankle sprain i want you to keep your leg elevated when you're seated and ice it five times a day .
        [patient] okay .
        """);

    [Fact]
    public void A_leg_has_the_side_the_visit_gives_its_parts()
    {
        Supported(LegOfTheAnkle, "I have advised her to keep her right leg elevated when she is seated.", StatementSection.Plan);
        Flagged(LegOfTheAnkle, "I have advised her to keep her left leg elevated when she is seated.", StatementSection.Plan, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript BothRotations = TaggedTextTranscriptReader.Read("""
        [doctor] physical exam . he does have mild restricted cervical extension , right and left lateral rotation which is symmetric , which gives him mild lateral neck pain .
        [patient] okay .
        """);

    [Fact]
    public void Right_and_left_said_together_as_the_dialogue_says_them_are_both_sides()
    {
        Supported(BothRotations, "Mildly restricted cervical extension and right and left lateral rotation, which is symmetric.", StatementSection.Objective);
        Flagged(BothRotations, "Mildly restricted cervical extension and right lateral rotation, which is symmetric.", StatementSection.Objective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript LowDoseAspirin = TaggedTextTranscriptReader.Read("""
        [doctor] and are you still taking your low dose aspirin every day ?
        [patient] yes , every day , and my insulin .
        """);

    [Fact]
    public void A_low_dose_aspirin_is_aspirin_81_mg()
    {
        Supported(LowDoseAspirin, "Patient reports taking aspirin 81 mg daily and insulin.", StatementSection.Subjective);
        Flagged(LowDoseAspirin, "Patient reports taking aspirin 325 mg daily and insulin.", StatementSection.Subjective, FaithfulnessProblem.Number);
    }

    private static readonly Transcript PatientsSide = TaggedTextTranscriptReader.Read("""
        [patient] when i'm running my right knee here just starts to ache .
        [doctor] okay .
        [patient] the right knee here hurts on the outside .
        [doctor] on exam your left knee looks good , there is no swelling of the left knee . the right knee is tender on the outside .
        [doctor] i think you have a sprain from overuse , we see that in runners .
        """);

    [Fact]
    public void Where_both_sides_are_said_the_side_the_patient_names_alone_is_the_complaints()
    {
        Supported(PatientsSide, "Right knee sprain.", StatementSection.Assessment);
        Flagged(PatientsSide, "Left knee sprain.", StatementSection.Assessment, FaithfulnessProblem.Laterality);
    }
}
