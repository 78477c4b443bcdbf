using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

public sealed class NegationTests
{
    private static readonly PatientPronouns She = PatientPronouns.Female;

    [Theory]
    [InlineData("i do n't smoke", "i do not smoke")]
    [InlineData("I haven't used it", "I have not used it")]
    [InlineData("i ca n't sleep", "i cannot sleep")]
    [InlineData("it won't go away", "it will not go away")]
    [InlineData("the cough isn't better", "the cough is not better")]
    public void Contractions_are_spelt_out(string spoken, string expected) =>
        Assert.Equal(expected, Negation.ExpandContractions(spoken));

    [Fact]
    public void Negation_scope_ends_at_the_clause()
    {
        var negated = Negation.NegatedWords("your throat looks a little red , but there's no swelling of the tonsils .");
        Assert.Contains("swelling", negated);
        Assert.Contains("tonsils", negated);
        Assert.DoesNotContain("red", negated);
        Assert.DoesNotContain("throat", negated);
    }

    [Fact]
    public void A_no_said_earlier_in_a_long_turn_does_not_reach_a_later_piece_but_one_just_before_it_does()
    {
        const string whole = "your abdomen is soft i do not appreciate any masses on physical exam and everything else looks good today on your heart exam you have a slight murmur";
        const string piece = "on your heart exam you have a slight murmur";

        Assert.True(Negation.Lost(whole, "On her heart exam she has a slight murmur."));
        Assert.Equal("and everything else looks good today on your heart exam you have a slight murmur", Negation.Reach(whole, piece));
        Assert.False(Negation.Lost(Negation.Reach(whole, piece), "On her heart exam she has a slight murmur."));

        const string close = "you do not have any fever your heart rate is fine";
        Assert.True(Negation.Lost(Negation.Reach(close, "your heart rate is fine"), "Her heart rate is fine."));
    }

    [Fact]
    public void A_piece_that_cannot_be_found_in_its_sentence_is_checked_against_the_whole_sentence() =>
        Assert.Equal("no swelling of the ankle", Negation.Reach("no swelling of the ankle", "something else entirely"));

    [Theory]
    [InlineData("no audible wheeze over the video .", "Audible wheeze over the video.", true)]
    [InlineData("no audible wheeze over the video .", "No audible wheeze over the video.", false)]
    [InlineData("i have n't used an inhaler in years", "She has used an inhaler in years.", true)]
    [InlineData("no chest pain .", "She denies chest pain.", false)]
    public void A_rewrite_that_drops_a_negation_is_detected(string source, string rewritten, bool lost) =>
        Assert.Equal(lost, Negation.Lost(source, rewritten));

    [Theory]
    [InlineData(SpeakerRole.Patient, "uh , sorry , right knee to be more exact .", "Right knee to be more exact.")]
    [InlineData(SpeakerRole.Clinician, "right and left lateral rotation is symmetric .", "Right and left lateral rotation is symmetric.")]
    [InlineData(SpeakerRole.Clinician, "right , so your knee is swollen .", "Her knee is swollen.")]
    [InlineData(SpeakerRole.Patient, "right my right wrist has been bothering me", "Her right wrist has been bothering her")]
    [InlineData(SpeakerRole.Clinician, "mm , there is a 3 mm separation of the bases .", "There is a 3 mm separation of the bases.")]
    [InlineData(SpeakerRole.Clinician, "please seek care right away if you have a fever over 101 .", "Seek care right away if she has a fever over 101.")]
    public void A_side_or_a_unit_is_kept_and_a_discourse_word_is_not(SpeakerRole role, string spoken, string rewritten) =>
        Assert.Equal(rewritten, UtteranceRewriter.Rewrite(spoken, role, She));

    [Theory]
    [InlineData(SpeakerRole.Clinician, "no audible wheeze over the video .", "No audible wheeze over the video.")]
    [InlineData(SpeakerRole.Clinician, "okay , no increased work of breathing .", "No increased work of breathing.")]
    [InlineData(SpeakerRole.Patient, "no , not really .", "Not really.")]
    [InlineData(SpeakerRole.Patient, "no i have not been to the er .", "She has not been to the er.")]
    [InlineData(SpeakerRole.Patient, "i had asthma as a child , but i haven't used an inhaler in years .", "She had asthma as a child, but she has not used an inhaler in years.")]
    [InlineData(SpeakerRole.Patient, "i do n't smoke and i never drink .", "She does not smoke and she never drinks.")]
    [InlineData(SpeakerRole.Patient, "at night i hear some wheezing .", "At night she hears some wheezing.")]
    [InlineData(SpeakerRole.Patient, "i try to walk every day .", "She tries to walk every day.")]
    [InlineData(SpeakerRole.Clinician, "you don't have a fever .", "She does not have a fever.")]
    [InlineData(SpeakerRole.Clinician, "i do n't think this is pneumonia .", "I do not think this is pneumonia.")]
    public void Rewriting_keeps_every_negation_and_agrees_in_the_third_person(SpeakerRole role, string spoken, string expected) =>
        Assert.Equal(expected, UtteranceRewriter.Rewrite(spoken, role, She));

    [Theory]
    [InlineData(SpeakerRole.Patient, "no one at home has been sick .", "No one at home has been sick.")]
    [InlineData(SpeakerRole.Patient, "one of my friends had it too .", "One of her friends had it too.")]
    [InlineData(SpeakerRole.Clinician, "the one on the left is swollen .", "The one on the left is swollen.")]
    [InlineData(SpeakerRole.Patient, "anyone , someone , everyone .", "Anyone, someone, everyone.")]
    [InlineData(SpeakerRole.Patient, "i take one tablet at night .", "She takes 1 tablet at night.")]
    [InlineData(SpeakerRole.Patient, "it was seventy , then eighty .", "It was 70, then 80.")]
    [InlineData(SpeakerRole.Patient, "i walk twenty five minutes .", "She walks 25 minutes.")]
    public void Spoken_numbers_become_digits_but_one_as_a_pronoun_stays_a_word(SpeakerRole role, string spoken, string expected) =>
        Assert.Equal(expected, UtteranceRewriter.Rewrite(spoken, role, She));

    [Theory]
    [InlineData("for the plan , i'm going to prescribe an albuterol inhaler .", "Prescribe an albuterol inhaler.")]
    [InlineData("i'd also like you to start a fluticasone inhaler .", "Start a fluticasone inhaler.")]
    [InlineData("let's schedule a follow up visit in four weeks .", "Schedule a follow up visit in 4 weeks.")]
    [InlineData("i'm not going to prescribe antibiotics .", "I'm not going to prescribe antibiotics.")]
    [InlineData("i can hear an occasional dry cough .", "Occasional dry cough.")]
    [InlineData("your other medical history , i see high blood pressure on your chart .", "History of high blood pressure.")]
    [InlineData("the lisinopril can cause a cough , but i think that's less likely .", "The lisinopril can cause a cough, but that is less likely.")]
    public void Clinician_framing_becomes_note_phrasing(string spoken, string expected) =>
        Assert.Equal(expected, UtteranceRewriter.Rewrite(spoken, SpeakerRole.Clinician, She));

    [Theory]
    [InlineData("Has she had any fever?", "i did n't", "She denies fever.")]
    [InlineData("Has she had any fever?", "i'm not sure", null)]
    [InlineData("Has she had any fever?", "i do , but not since monday", "She reports fever.")]
    [InlineData("Has she had any fever?", "yes i have not", null)]
    [InlineData("Is she not sleeping?", "no", null)]
    [InlineData("Has she had any chest pain or palpitations?", "not really . well , maybe a little chest pain .", "She reports a little chest pain.")]
    [InlineData("Any dizziness or headaches?", "no . yeah , sometimes .", null)]
    [InlineData("Has she had any fever?", "no , but i have had chills .", "She denies fever.")]
    [InlineData("Smoke or drink?", "nope . well , socially , sometimes .", null)]
    public void Yes_no_answers_keep_their_polarity(string question, string answer, string? expected) =>
        Assert.Equal(expected, QuestionAnswerRewriter.TryRewrite(question, answer, She));

    [Theory]
    [InlineData("good morning , thanks for joining the video visit today .", true)]
    [InlineData("can you hear me okay ?", true)]
    [InlineData("sounds good , thank you doctor .", true)]
    [InlineData("you're welcome , take care .", true)]
    [InlineData("i'm going to do a limited exam over video .", true)]
    [InlineData("good for you for quitting .", true)]
    [InlineData("thanks , the pain is much better .", false)]
    [InlineData("good morning , i've had chest pain for two days .", false)]
    [InlineData("i can hear an occasional dry cough .", false)]
    public void Social_talk_is_recognised_without_swallowing_clinical_content(string sentence, bool social) =>
        Assert.Equal(social, SocialTalk.Is(sentence));
}
