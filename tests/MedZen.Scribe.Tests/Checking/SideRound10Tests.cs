using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>
/// Round 10: which "left" and "right" are sides. "All right", "that's right", "right now", "left or right?" and "two days
/// left" say no side; a side's body part may come later in its phrase ("right PIP joint of the index finger").
/// </summary>
public sealed class SideRound10Tests
{
    private static readonly Transcript AllRight = TaggedTextTranscriptReader.Read("""
        [doctor] okay . all right , let's do a quick exam . you do have some pain to palpation of your lumbar spine .
        [patient] that's right , it hurts right now .
        """);

    [Fact]
    public void All_right_and_right_now_say_no_side()
    {
        Supported(AllRight, "Pain to palpation of the lumbar spine.", StatementSection.Objective);
        Flagged(AllRight, "Pain to palpation of the right lumbar spine.", StatementSection.Objective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript Asked = TaggedTextTranscriptReader.Read("""
        [doctor] so which hand are we talking about , left or right ?
        [patient] it's my right one . i have numbness and tingling in the fingers of my hand .
        """);

    [Fact]
    public void A_side_asked_as_left_or_right_is_not_said()
    {
        Supported(Asked, "Reports numbness and tingling in the fingers of the right hand.", StatementSection.Subjective);
        Flagged(Asked, "Reports numbness and tingling in the fingers of the left hand.", StatementSection.Subjective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript DaysLeft = TaggedTextTranscriptReader.Read("""
        [doctor] so your doctor sent you over for a nonhealing diabetic ulcer . are you still on the antibiotic ?
        [patient] yes , i've got about two or three days left .
        """);

    [Fact]
    public void Days_left_is_no_side()
    {
        Supported(DaysLeft, "Nonhealing diabetic ulcer.", StatementSection.Assessment);
        Flagged(DaysLeft, "Left nonhealing diabetic ulcer.", StatementSection.Assessment, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript IndexFinger = TaggedTextTranscriptReader.Read("""
        [doctor] he is here for a second opinion regarding his right index finger .
        [patient] yes , it's been bothering me since the accident .
        [doctor] okay , and are you taking anything for it ?
        [patient] just some ibuprofen .
        [doctor] all right , on exam there is slightly diminished sensation to light touch over the pip joint of the index finger .
        [patient] okay .
        """);

    [Fact]
    public void A_body_part_later_in_the_sides_phrase_is_its_site()
    {
        Supported(IndexFinger, "Diminished sensation to light touch over the right PIP joint of the index finger.", StatementSection.Objective);
        Flagged(IndexFinger, "Diminished sensation to light touch over the left PIP joint of the index finger.", StatementSection.Objective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript RightAfter = TaggedTextTranscriptReader.Read("""
        [doctor] what did you do for it ?
        [patient] i put ice on it and an ace wrap right after i got hurt .
        """);

    [Fact]
    public void A_statements_own_right_after_is_no_side()
    {
        Supported(RightAfter, "She used ice and an ACE wrap right after the injury.", StatementSection.Subjective);
    }

    private static readonly Transcript Strength = TaggedTextTranscriptReader.Read("""
        [doctor] you have a positive straight leg raise . for your strength , you do have a 4 out of 5 on your right and 5 out of 5 on your left .
        [patient] okay .
        """);

    [Fact]
    public void A_number_goes_with_the_side_it_is_said_with()
    {
        Supported(Strength, "Strength is 4/5 on the right and 5/5 on the left.", StatementSection.Objective);
        Flagged(Strength, "Strength is 4/5 on the left and 5/5 on the right.", StatementSection.Objective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript Limb = TaggedTextTranscriptReader.Read("""
        [patient] it's been there about six weeks now and it's on my right foot and it's just not going away .
        [doctor] okay . on your heart exam you do have a two out of six systolic ejection murmur heard at the left base , and on your lower extremity exam there are no palpable dorsalis pedis pulses .
        [patient] okay .
        """);

    [Fact]
    public void A_limbs_side_is_the_side_said_of_its_parts()
    {
        Supported(Limb, "Examination of the right lower extremity: no palpable dorsalis pedis pulses.", StatementSection.Objective);
        Flagged(Limb, "Examination of the left lower extremity: no palpable dorsalis pedis pulses.", StatementSection.Objective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript Injured = TaggedTextTranscriptReader.Read("""
        [doctor] okay so right now you're experiencing right leg pain but you have injured your left leg before , is that what i'm hearing ?
        [patient] yes , that's right .
        """);

    [Fact]
    public void A_finding_goes_with_the_side_said_nearest_it()
    {
        Supported(Injured, "The patient has a history of a left leg injury.", StatementSection.Subjective);
        Flagged(Injured, "The patient has a history of a right leg injury.", StatementSection.Subjective, FaithfulnessProblem.Laterality);
    }

    private static readonly Transcript Assent = TaggedTextTranscriptReader.Read("""
        [doctor] your blood pressure in the clinic looks pretty good , it's about 120 over 70 right now .
        [patient] good .
        """);

    [Fact]
    public void A_right_that_ends_its_clause_asks_for_assent()
    {
        Supported(Assent, "Blood pressure in the clinic looks pretty good, it is about 120/70, right.", StatementSection.Objective);
        Flagged(Assent, "Blood pressure in the right arm is about 120/70.", StatementSection.Objective, FaithfulnessProblem.Laterality);
    }
}
