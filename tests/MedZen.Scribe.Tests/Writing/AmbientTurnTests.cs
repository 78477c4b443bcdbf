using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

/// <summary>Unpunctuated (ambient speech recognition) turns: the question a turn ends with, and the plan's thoughts.</summary>
public sealed class AmbientTurnTests
{
    private const string Opening =
        "hey there it is good to see you today so i see that you hurt your wrist while you were doing the laundry and i want to hear all about it";

    private static List<DialogueSentence> Sentences(params (SpeakerRole Role, string Text)[] turns)
    {
        var segments = new List<TranscriptSegment> { new("s0", SpeakerRole.Clinician, Opening) };
        segments.AddRange(turns.Select((t, i) => new TranscriptSegment($"s{i + 1}", t.Role, t.Text)));
        var transcript = new Transcript(segments);
        Assert.True(WriterModel.IsUnpunctuated(transcript));
        return DialogueSentenceSplitter.Split(transcript, PatientPronouns.Female);
    }

    [Fact]
    public void A_turn_ending_in_a_question_about_a_finding_is_settled_by_the_answer()
    {
        var sentences = Sentences(
            (SpeakerRole.Clinician, "okay that sounds painful okay have you had any numbness or tingling in your fingers"),
            (SpeakerRole.Patient, "no i have not"));

        var asked = Assert.Single(sentences, s => s.SegmentId == "s1" && s.AnswerSegmentId == "s2");
        Assert.Equal("She denies numbness or tingling in her fingers.", asked.Text);
        Assert.False(asked.IsQuestion);
    }

    [Theory]
    [InlineData("you are here for some right ankle pain after a fall so can you tell me what happened", "you are here for some right ankle pain after a fall")]
    [InlineData("your symptoms are consistent with a right ankle sprain have you sprained your ankle before most times people do", "your symptoms are consistent with a right ankle sprain")]
    [InlineData("your heart is a nice regular rate and rhythm no murmur or rub what does all of that mean so all of that means you have a cold", "your heart is a nice regular rate and rhythm no murmur or rub|so all of that means you have a cold")]
    [InlineData("are you taking the lisinopril i think we have you on twenty milligrams a day", "i think we have you on twenty milligrams a day")]
    [InlineData("sounds good i'll see you in two weeks if you have any questions call me", "sounds good i'll see you in two weeks")]
    [InlineData("does that pain radiate anywhere or like where would you say it is", "")]
    public void A_question_asked_mid_turn_is_no_statement_and_what_follows_it_is(string piece, string statements) =>
        Assert.Equal(statements, string.Join("|", MidTurnQuestion.Statements(piece)));

    [Theory]
    [InlineData("we have you on lisinopril twenty milligrams a day")]
    [InlineData("i'll have you follow up with physical therapy in two weeks")]
    [InlineData("your x-ray shows a fracture and there is no dislocation")]
    [InlineData("it does that when she gets up in the morning")]
    public void A_statement_that_only_sounds_like_a_question_is_kept_whole(string piece) =>
        Assert.Equal(piece, Assert.Single(MidTurnQuestion.Statements(piece)));

    [Fact]
    public void A_dose_said_after_a_mid_turn_question_is_kept()
    {
        var sentences = Sentences(
            (SpeakerRole.Clinician, "okay your blood pressure is a little high today are you taking the lisinopril i think we have you on twenty milligrams a day"),
            (SpeakerRole.Patient, "yes every morning"));

        Assert.DoesNotContain(sentences, s => s.SegmentId == "s1" && s.Text.Contains("taking the lisinopril", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sentences, s => s.SegmentId == "s1" && s.Text.Contains("20 mg a day", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unpunctuated_no_taken_back_in_the_same_clause_is_not_a_denial()
    {
        var sentences = Sentences(
            (SpeakerRole.Clinician, "alright and any nausea or vomiting"),
            (SpeakerRole.Patient, "no just a little nausea in the morning"));

        Assert.DoesNotContain(sentences, s => s.Text.Contains("denies", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("so pain on flexion what about extension are you able to make a fist", "yeah a little bit")]
    [InlineData("okay on a scale of one to ten how severe is the pain", "gosh it is like a nine")]
    [InlineData("alright and does the pain extend anywhere", "no not really")]
    public void Any_other_question_a_turn_ends_with_is_no_statement(string asked, string answer)
    {
        var sentences = Sentences((SpeakerRole.Clinician, asked), (SpeakerRole.Patient, answer));

        Assert.DoesNotContain(sentences, s => s.SegmentId == "s1" && (s.Text.Contains("fist", StringComparison.Ordinal)
            || s.Text.Contains("scale", StringComparison.Ordinal) || s.Text.Contains("extend", StringComparison.Ordinal)));
    }

    [Fact]
    public void What_the_clinician_said_before_the_question_stays_and_a_question_about_children_is_not_a_finding()
    {
        var sentences = Sentences(
            (SpeakerRole.Clinician, "your x-ray shows a fracture of the distal radius do you have any children"),
            (SpeakerRole.Patient, "no"));

        Assert.Contains(sentences, s => s.SegmentId == "s1" && s.Text.Contains("fracture of the distal radius", StringComparison.Ordinal));
        Assert.DoesNotContain(sentences, s => s.Text.Contains("children", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("we have you on lisinopril twenty milligrams a day")]
    [InlineData("i would like you to come back in two weeks can you do that")]
    public void A_statement_or_an_instruction_is_not_taken_for_a_question(string said)
    {
        var sentences = Sentences((SpeakerRole.Clinician, said), (SpeakerRole.Patient, "sure"));

        Assert.Contains(sentences, s => s.SegmentId == "s1" && !s.IsQuestion
            && (s.Text.Contains("lisinopril 20 mg", StringComparison.Ordinal) || s.Text.Contains("2 weeks", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_plan_run_on_is_split_where_the_clinician_says_what_they_will_do()
    {
        var pieces = RunOn.Split(
            "i do not appreciate any fracture on your x-ray and what not so this is the plan i think you have a strain of your ligament i'm going to prescribe meloxicam 15 mg once a day i would recommend physical therapy three times a week").ToList();

        Assert.Contains(pieces, p => p.StartsWith("i'm going to prescribe meloxicam 15 mg", StringComparison.Ordinal));
        Assert.Contains(pieces, p => p.StartsWith("i would recommend physical therapy", StringComparison.Ordinal));
        // The "no" keeps its words: the split never comes right after a negation still in scope.
        Assert.StartsWith("i do not appreciate any fracture", pieces[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_said_after_an_earlier_no_of_the_same_exam_turn_are_kept_and_the_no_keeps_its_words()
    {
        var transcript = new Transcript(
        [
            new("s0", SpeakerRole.Clinician, Opening),
            new("s1", SpeakerRole.Clinician, "okay so let me examine you now your abdomen is soft i do not appreciate any masses on physical exam and everything else looks good today on your heart exam you have a slight three out of six systolic ejection murmur on your lung exam your lungs are clear to auscultation bilaterally"),
            new("s2", SpeakerRole.Patient, "okay"),
        ]);

        var exam = new OfflineNoteWriter().Write(transcript).Objective.PhysicalExam.Select(s => s.Text).ToList();

        Assert.Contains(exam, s => s.Contains("3 out of 6 systolic ejection murmur", StringComparison.Ordinal));
        Assert.Contains(exam, s => s.Contains("lungs are clear to auscultation bilaterally", StringComparison.Ordinal));
        Assert.All(exam.Where(s => s.Contains("masses", StringComparison.Ordinal)), s => Assert.Contains("no masses", s, StringComparison.Ordinal));
    }

    [Fact]
    public void An_exam_moving_on_to_another_part_of_the_body_ends_a_no_and_splits_the_run_on()
    {
        var pieces = RunOn.Split(
            "your lungs are clear there is no wheezes rales or rhonchi on your neck exam i do not appreciate any lymphadenopathy and your thyroid feels normal").ToList();

        Assert.Equal(2, pieces.Count);
        Assert.StartsWith("on your neck exam", pieces[1], StringComparison.Ordinal);
        Assert.DoesNotContain("neck", Negation.NegatedWords("there is no wheezes rales or rhonchi on your neck exam"));
        Assert.Contains("rhonchi", Negation.NegatedWords("there is no wheezes rales or rhonchi on your neck exam"));
    }
}
