using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

public sealed class VitalSignsTests
{
    private static readonly OfflineNoteWriter Writer = new();

    private static Transcript Visit(params (SpeakerRole Role, string Text)[] turns) =>
        new(turns.Select((t, i) => new TranscriptSegment($"s{i + 1}", t.Role, t.Text)).ToList());

    [Fact]
    public void The_vitals_the_clinician_reads_out_are_listed_as_a_scribe_writes_them()
    {
        var transcript = Visit(
            (SpeakerRole.Clinician, "so your vital signs look good your temperature is ninety eight . two your pulse is seventy two respirations are sixteen blood pressure is one twenty two over seventy so that looks fine"),
            (SpeakerRole.Patient, "okay"));

        var vitals = Writer.Write(transcript).Objective.Vitals.Select(v => v.Text).ToList();

        Assert.Equal(["Blood pressure: 122/70 mmHg.", "Pulse: 72 bpm.", "Respirations: 16.", "Temperature: 98.2 °F."], vitals.Take(4));
        Assert.All(Writer.Write(transcript).Objective.Vitals.Take(4), v => Assert.Equal(["s1"], v.Evidence));
    }

    [Fact]
    public void The_listed_vitals_are_supported_by_the_checker()
    {
        var transcript = Visit(
            (SpeakerRole.Clinician, "let me do a quick physical exam your blood pressure is pretty good in the office today it looks like it's one twenty eight over seventy two your respiratory rate is pretty normal at like twenty and your oxygen saturation is ninety six percent"),
            (SpeakerRole.Patient, "great"));

        var note = FaithfulnessChecker.Default.Apply(Writer.Write(transcript), transcript);

        Assert.Contains(note.Objective.Vitals, v => v.Text == "Blood pressure: 128/72 mmHg." && v.Supported);
        Assert.Contains(note.Objective.Vitals, v => v.Text == "Respiratory rate: 20." && v.Supported);
        Assert.Contains(note.Objective.Vitals, v => v.Text == "SpO2: 96%." && v.Supported);
    }

    [Theory]
    [InlineData("looks like your blood pressure was two hundred over ninety have you been taking those meds")]
    [InlineData("your blood pressure at home has been about one forty over ninety")]
    [InlineData("your blood pressure goal is under one thirty over eighty")]
    [InlineData("your blood pressure is one fifty over ninety last week according to the chart")]
    public void A_past_home_or_target_reading_is_not_this_visits_vitals(string said)
    {
        var transcript = Visit((SpeakerRole.Clinician, said), (SpeakerRole.Patient, "okay"));

        Assert.DoesNotContain(Writer.Write(transcript).Objective.Vitals, v => v.Text.StartsWith("Blood pressure:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reading_said_when_the_patient_came_in_today_is_this_visits()
    {
        var transcript = Visit(
            (SpeakerRole.Clinician, "when you came in today your blood pressure was a little bit high it was one fifty over seventy so have you been taking your medications"),
            (SpeakerRole.Patient, "yes"));

        Assert.Contains(Writer.Write(transcript).Objective.Vitals, v => v.Text == "Blood pressure: 150/70 mmHg.");
    }

    [Fact]
    public void The_patients_own_numbers_are_never_listed_as_vitals()
    {
        var transcript = Visit(
            (SpeakerRole.Clinician, "how have you been feeling"),
            (SpeakerRole.Patient, "my blood pressure is one sixty over ninety and my heart rate is about ninety"));

        Assert.DoesNotContain(Writer.Write(transcript).Objective.Vitals, v => v.Text.Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public void A_unit_said_another_way_is_written_as_a_scribe_writes_it_and_a_reading_inside_a_negations_scope_is_left_out()
    {
        var said = Visit((SpeakerRole.Clinician, "i see that your heart rate is also a little elevated at like about like eighty beats a minute"), (SpeakerRole.Patient, "okay"));
        var negated = Visit((SpeakerRole.Clinician, "there is no fever your heart rate is seventy two"), (SpeakerRole.Patient, "okay"));
        // The exam moving on to the heart ends the "no" of the neck.
        var movedOn = Visit((SpeakerRole.Clinician, "there is no jugular venous distention on your heart exam your heart rate is seventy two"), (SpeakerRole.Patient, "okay"));

        Assert.Equal("Heart rate: 80 bpm.", Assert.Single(VitalSigns.Read(said)).Text);
        Assert.Empty(VitalSigns.Read(negated));
        Assert.Equal("Heart rate: 72 bpm.", Assert.Single(VitalSigns.Read(movedOn)).Text);
    }

    [Theory]
    [InlineData("your heart rate is four hundred")]
    [InlineData("your temperature is one twenty")]
    [InlineData("your blood pressure is seventy over ninety")]
    public void An_implausible_value_is_not_listed(string said)
    {
        var transcript = Visit((SpeakerRole.Clinician, said), (SpeakerRole.Patient, "okay"));

        Assert.DoesNotContain(Writer.Write(transcript).Objective.Vitals, v => v.Text.Contains(':', StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_that_only_repeats_the_listed_vitals_is_covered_but_not_one_with_a_negation_or_another_number()
    {
        var vitals = VitalSigns.Read(Visit((SpeakerRole.Clinician, "your blood pressure is 118/72 and your heart rate is 58 and your o2 saturation is 99% on room air")));

        Assert.Equal(3, vitals.Count);
        Assert.True(VitalSigns.Covers(vitals, "The patient's blood pressure is 118/72 and heart rate 58, o2 saturation of 99%."));
        Assert.False(VitalSigns.Covers(vitals, "No fever, blood pressure 118/72."));
        Assert.False(VitalSigns.Covers(vitals, "Blood pressure 118/72, weight 180 lb."));
    }

    [Fact]
    public void Readings_taken_at_home_today_for_a_video_visit_are_listed_once_as_home_readings_and_the_sentence_that_said_them_goes()
    {
        var transcript = Visit(
            (SpeakerRole.Clinician, "okay . you sent in your home readings this morning . your blood pressure was 141 over 86 , pulse 64 , and your oxygen saturation was 97 percent on room air . temperature was 99.1 ."),
            (SpeakerRole.Patient, "yes , i took them right before the call ."));

        var vitals = Writer.Write(transcript).Objective.Vitals.Select(v => v.Text).ToList();

        Assert.Equal(
            ["Blood pressure: 141/86 mmHg (home reading).", "Pulse: 64 bpm (home reading).", "Temperature: 99.1 °F (home reading).", "SpO2: 97% on room air (home reading)."],
            vitals);
    }

    [Theory]
    [InlineData("your bp today is 118 over 76 and you are satting 95 percent", "Blood pressure: 118/76 mmHg.|SpO2: 95%.")]
    [InlineData("you are weighing 182 pounds today and your temperature is 37.8", "Temperature: 37.8 °C.|Weight: 182 lb.")]
    [InlineData("your respiratory rate is 18 breaths per minute", "Respiratory rate: 18 breaths/min.")]
    public void Any_vital_said_with_its_name_and_a_number_is_listed_with_the_unit_it_implies(string said, string listed) =>
        Assert.Equal(listed, string.Join("|", VitalSigns.Read(Visit((SpeakerRole.Clinician, said))).Select(v => v.Text)));

    [Theory]
    [InlineData("you have lost about 10 pounds since your last visit your weight was 190 pounds then")]
    [InlineData("your home blood pressure readings have been averaging 150 over 90 this week")]
    [InlineData("we talked about this today your blood pressure has been running 150 over 95 at home")]
    public void A_weight_change_a_home_log_or_a_trend_is_no_vital(string said) =>
        Assert.Empty(VitalSigns.Read(Visit((SpeakerRole.Clinician, said))));
}
