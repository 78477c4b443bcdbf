using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 11: the ways a written note denies that speech does not use, and what a denial is not about. A review-of-systems
/// list "Negative dysphagia, negative nausea" and a field "Hip pain: None." deny what they name; a test called negative
/// ("Negative Homan's sign", "McMurray's test: negative") is a result, not an absence; the place a denied finding was
/// looked for is said, not denied; a treatment that "didn't work" did not help.
/// </summary>
public sealed class DenialRound11Tests
{
    private static readonly Transcript Review = TaggedTextTranscriptReader.Read("""
        [doctor] any trouble swallowing ?
        [patient] no .
        [doctor] any nausea or vomiting ?
        [patient] no , none of that .
        [doctor] and pain in the hip or back ?
        [patient] no .
        [doctor] do you drink alcohol ?
        [patient] no , never .
        [doctor] any cough ?
        [patient] yes , a dry cough for a week .
        """);

    [Fact]
    public void A_list_item_opening_with_negative_denies_what_it_names()
    {
        Supported(Review, "Negative dysphagia, negative nausea, negative vomiting.", StatementSection.Subjective);
        Flagged(Review, "Negative cough.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    [Fact]
    public void A_field_whose_value_is_none_denies_its_label()
    {
        Supported(Review, "Hip pain: None.", StatementSection.Subjective);
        Supported(Review, "Alcohol: denies.", StatementSection.Subjective);
        Flagged(Review, "Cough: None.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Knee = TaggedTextTranscriptReader.Read("""
        [doctor] on exam of your knee there is no effusion . you have a negative mcmurray's test and negative varus and valgus stress test .
        [doctor] no calf tenderness negative homans sign .
        """);

    [Fact]
    public void A_test_called_negative_is_a_result_not_an_absence()
    {
        Supported(Knee, "Negative varus and valgus stress test.", StatementSection.Objective);
        Supported(Knee, "McMurray's test: negative.", StatementSection.Objective);
        Supported(Knee, "Negative Homan's sign.", StatementSection.Objective);
    }

    private static readonly Transcript Pressed = TaggedTextTranscriptReader.Read("""
        [doctor] now i'm going to examine your right knee and i push on the outside does that hurt at all
        [patient] no
        [doctor] okay and when i bend it up and down there is pain to palpation of the front of the knee .
        """);

    [Fact]
    public void Where_a_denied_finding_was_looked_for_is_said_not_denied()
    {
        // The dialogue affirms the pressing on the outside, and denies the pain there: the place is no part of the denial.
        Supported(Pressed, "No pain to palpation of the lateral aspect of the right knee.", StatementSection.Objective);
        // Where the dialogue affirms the finding at the place, the denial is still contradicted.
        Flagged(Pressed, "No pain to palpation of the anterior knee.", StatementSection.Objective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Tried = TaggedTextTranscriptReader.Read("""
        [doctor] have you tried anything for the pain ?
        [patient] i took some tylenol . i tried ice , but nothing really worked .
        """);

    [Fact]
    public void A_treatment_that_did_not_work_did_not_help()
    {
        Supported(Tried, "He has tried Tylenol and ice without significant relief.", StatementSection.Subjective);
        Flagged(Tried, "Tylenol and ice relieved the pain.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Rashes = TaggedTextTranscriptReader.Read("""
        [doctor] okay and have you ever noticed any rashes anywhere else
        [patient] on my body no not really
        """);

    [Fact]
    public void A_reply_that_names_where_and_then_says_no_not_really_denies()
    {
        Supported(Rashes, "Denies any rashes.", StatementSection.Subjective);
        Flagged(Rashes, "Reports rashes on the body.", StatementSection.Subjective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript LowerLeg = TaggedTextTranscriptReader.Read("""
        [doctor] on my exam you have some tenderness to the outside of your upper leg . you don't seem to have any pain or tenderness with flexion or extension of your lower leg .
        """);

    [Fact]
    public void A_denied_finding_of_a_body_site_is_the_finding_not_the_site()
    {
        // "No pain … of the lower leg" denies the pain, not the leg: the upper leg's tenderness says nothing against it.
        var heads = CheckTokens.Read("No swelling of the ankles, no tenderness of your lower leg, denies use of alcohol.", out _).Where(t => t.Head).Select(t => t.Term);
        Assert.Equal([CheckTokens.Term("swelling"), CheckTokens.Term("tenderness"), CheckTokens.Term("alcohol")], heads);
        Supported(LowerLeg, "No pain with flexion or extension of the lower leg.", StatementSection.Objective);
        Flagged(LowerLeg, "Pain with flexion or extension of the lower leg.", StatementSection.Objective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript Dictated = TaggedTextTranscriptReader.Read("""
        [doctor] on your abdominal exam there's no rebound or guarding and there's no peritoneal signs and your right knee does show a little bit of an effusion there . on neurological exam there is no pronator drift sensation is intact . on pelvic exam there are no external lesions and on bimanual exam i appreciate a left adnexal mass .
        """);

    [Fact]
    public void A_dictated_denial_ends_where_a_new_subject_or_part_of_the_exam_begins()
    {
        Supported(Dictated, "Right knee shows a little effusion.", StatementSection.Objective);
        Supported(Dictated, "Sensation is intact.", StatementSection.Objective);
        Supported(Dictated, "On bimanual exam, I appreciate a left adnexal mass.", StatementSection.Objective);
        Supported(Dictated, "No peritoneal signs.", StatementSection.Objective);
        Flagged(Dictated, "Peritoneal signs present.", StatementSection.Objective, FaithfulnessProblem.Polarity);
    }

    private static readonly Transcript ConditionalPlan = TaggedTextTranscriptReader.Read("""
        [doctor] if you're not better in two weeks , we'll get an mri of the knee . do you have any questions for me ?
        [patient] i do not .
        """);

    [Fact]
    public void A_condition_inside_a_statement_does_not_keep_its_questions_from_being_answered()
    {
        Supported(ConditionalPlan, "If she is not better at that time, we will obtain an MRI. All questions were answered.", StatementSection.Plan);
        Flagged(ConditionalPlan, "If she is not better at that time, we will obtain a CT scan. All questions were answered.", StatementSection.Plan);
    }

    private static readonly Transcript PressedKnee = TaggedTextTranscriptReader.Read("""
        [doctor] okay let me examine your knee . when i press on your knee does that hurt ?
        [patient] no , that doesn't hurt at all .
        [doctor] okay good .
        """);

    [Fact]
    public void A_question_opening_with_a_clause_of_time_is_answered_yes_or_no()
    {
        // "when i press …, does that hurt?" asks yes or no; "when did it start?" asks when.
        Flagged(PressedKnee, "Pain to palpation of the knee.", StatementSection.Objective, FaithfulnessProblem.Polarity);
        Flagged(PressedKnee, "Tenderness to palpation of the knee.", StatementSection.Objective, FaithfulnessProblem.Polarity);
        Supported(PressedKnee, "No tenderness to palpation of the knee.", StatementSection.Objective);
    }
}
