using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 11: a note's lines about the visit itself ("understands and agrees with the plan", "all questions were
/// answered", "we discussed the diagnosis and treatment options") decided from how the visit went.
/// </summary>
public sealed class VisitLineRound11Tests
{
    private const string Agreement = "The patient understands and agrees with the recommended medical treatment plan.";

    private static Transcript Visit(string closing) => TaggedTextTranscriptReader.Read($"""
        [doctor] hi , how are you doing today ?
        [patient] good , thanks .
        [doctor] so tell me about your ankle .
        [patient] i rolled it playing basketball two days ago .
        [doctor] okay . does it hurt when i press here ?
        [patient] yes .
        [doctor] so on my exam you have some tenderness and swelling over the outside of your right ankle .
        [patient] okay .
        {closing}
        """);

    private const string Plan = """
        [doctor] so what i think is going on is that you have a sprain of the ligaments on the outside of your ankle . i want you to ice it , keep it elevated and take ibuprofen , and we'll put you in a brace for two weeks .
        [patient] okay .
        """;

    [Fact]
    public void An_invitation_to_ask_that_the_patient_declines_supports_the_agreement_line()
    {
        Supported(Visit(Plan + "\n[doctor] any questions for me ?\n[patient] no , i think that's it ."), Agreement, StatementSection.Plan);
        Supported(Visit(Plan + "\n[doctor] any questions , uh , for me today ?\n[patient] not at this point ."), Agreement, StatementSection.Plan);
    }

    [Fact]
    public void Only_okays_or_a_denied_agreement_stay_flagged()
    {
        Flagged(Visit(Plan + "\n[doctor] okay ?\n[patient] okay , perfect ."), Agreement, StatementSection.Plan);
        Flagged(Visit(Plan + "\n[doctor] any questions for me ?\n[patient] no , i think that's it ."), "The patient does not understand or agree with the recommended medical treatment plan.", StatementSection.Plan);
    }

    [Fact]
    public void A_question_asked_after_the_invitation_needs_the_patient_to_close_it()
    {
        const string asked = "[doctor] how does that sound for a plan , any questions ?\n[patient] so i only call if it gets worse ?\n";
        Flagged(Visit(Plan + "\n" + asked + "[doctor] yes , and did you hit your head at all when you fell ?\n[patient] no , no ."), Agreement, StatementSection.Plan);
        Supported(Visit(Plan + "\n" + asked + "[doctor] yes , call us if it gets worse or is not better in a week .\n[patient] alright , that's it , thank you ."), Agreement, StatementSection.Plan);
    }

    [Fact]
    public void Anything_else_counts_only_as_an_invitation_declined_at_once_after_the_plan()
    {
        // "anything else?" here asks for more history, and the "no" answers a question about weakness.
        var history = TaggedTextTranscriptReader.Read("""
            [doctor] hi , how are you doing today ?
            [patient] good , thanks .
            [doctor] so tell me about your back .
            [patient] it has been sore for a week .
            [doctor] okay , i want you to keep moving . besides that anything else ?
            [patient] yeah it just really hurts when i sit .
            [doctor] okay no weakness or numbness in your legs right now
            [patient] no .
            """);
        Flagged(history, Agreement, StatementSection.Plan);
        Supported(Visit(Plan + "\n[doctor] is there anything else ?\n[patient] no , that's all ."), Agreement, StatementSection.Plan);
    }

    [Fact]
    public void Questions_asked_and_answered_support_the_questions_line()
    {
        var answered = Visit(Plan + "\n[patient] will i be able to play next week ?\n[doctor] probably not , give it two weeks in the brace and then we'll see .\n[patient] okay , got it .");
        Supported(answered, "All questions were answered to the patient's satisfaction today.", StatementSection.Plan);
        Flagged(answered, "No questions were answered.", StatementSection.Plan);
        Flagged(Visit(Plan), "All questions were answered to the patient's satisfaction today.", StatementSection.Plan);

        // A question before any plan is history taking (in a visit whose tags are swapped, the clinician's own questions).
        var beforePlan = Visit("[patient] do you want me to keep playing on it ?\n[doctor] i have not decided yet , let me look at it a bit more first .\n[patient] okay , got it .");
        Flagged(beforePlan, "All questions were answered to the patient's satisfaction today.", StatementSection.Plan);
    }

    [Fact]
    public void A_discussion_line_needs_the_clinician_to_explain_what_it_names()
    {
        var discussed = Visit(Plan);
        Supported(discussed, "At this point, I discussed the diagnosis and treatment options with the patient.", StatementSection.Plan);
        Supported(discussed, "I explained the nature of his injury.", StatementSection.Plan);
        Flagged(discussed, "I did not discuss the diagnosis and treatment options with the patient.", StatementSection.Plan);

        // History and exam only: no diagnosis and no treatment were explained.
        Flagged(Visit(string.Empty), "At this point, I discussed the diagnosis and treatment options with the patient.", StatementSection.Plan);
        // The short explanation above is no lengthy discussion.
        Flagged(discussed, "We had a lengthy discussion regarding the nature of this injury and the course of treatment.", StatementSection.Plan);
    }

    [Fact]
    public void Imaging_dictated_after_the_patient_left_was_not_discussed_with_the_patient()
    {
        var dictated = Visit(Plan + "\n[doctor] all right , we will see you back in two weeks .\n[patient] see you .\n[doctor] radiographs of the right ankle show no fracture . end of dictation .");
        Flagged(dictated, "I discussed the clinical and radiological findings with the patient.", StatementSection.Plan);
        var told = Visit("[doctor] and your x-ray shows no fracture , so i think you have a sprain . we'll put you in a brace .\n[patient] okay , good .");
        Supported(told, "I discussed the clinical and radiological findings with the patient.", StatementSection.Plan);
    }

    [Fact]
    public void A_visit_line_still_has_the_patients_pronouns()
    {
        var girl = TaggedTextTranscriptReader.Read("""
            [doctor] hi , so this is a 10-year-old female who is here with her father for eye blinking .
            [patient] hi .
            [doctor] how long has the blinking been going on ?
            [patient] about a month .
            [doctor] okay . so what i think is going on is that these are simple tics , which are brief movements that usually go away on their own within a year . we'll just watch them for now and see you back in three months .
            [patient] okay .
            """);
        Supported(girl, "Nature of the diagnosis was discussed today with the patient and her father.", StatementSection.Plan);
        Flagged(girl, "Nature of the diagnosis was discussed today with the patient and his father.", StatementSection.Plan, FaithfulnessProblem.Sex);
    }

    [Fact]
    public void A_visit_line_is_no_statement_foreign_to_another_visit()
    {
        Assert.True(VisitLineRule.IsVisitLine("At this point, I discussed the diagnosis and treatment options with the patient."));
        Assert.True(VisitLineRule.IsVisitLine("Questions were invited and answered today."));
        Assert.False(VisitLineRule.IsVisitLine("We discussed the pathophysiology of stenosing tenosynovitis and the flexor tendons."));
        Assert.False(VisitLineRule.IsVisitLine("Reviewed."));
    }

    [Fact]
    public void Denying_what_the_clinician_explained_to_the_patient_is_a_polarity_conflict()
    {
        var explained = TaggedTextTranscriptReader.Read("""
            [doctor] so i think you have a trigger finger . i want to do a steroid injection into the tendon sheath , which can sting for a day .
            [patient] okay , let's do it .
            """);
        Supported(explained, "The steroid injection was explained to the patient.", StatementSection.Plan);
        Flagged(explained, "The steroid injection was not explained to the patient.", StatementSection.Plan, FaithfulnessProblem.Polarity);

        // Said only in the dictation after the patient's last turn: nothing was explained to the patient there.
        var dictated = TaggedTextTranscriptReader.Read("""
            [doctor] so i think you have a trigger finger . we'll see you back in six weeks .
            [patient] okay , thanks .
            [doctor] procedure note : a steroid injection of the tendon sheath was offered .
            """);
        Assert.DoesNotContain("explained it to the patient", Check(dictated, "The steroid injection was not discussed with the patient.", StatementSection.Plan).Reason, StringComparison.Ordinal);
    }
}
