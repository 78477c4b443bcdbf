using MedZen.Scribe.Checking;
using MedZen.Scribe.Transcripts;
using static MedZen.Scribe.Tests.Checking.CheckerAssert;

namespace MedZen.Scribe.Tests.Checking;

/// <summary>Round 11 (s29-answers): how questions and their answers are read from the turns.</summary>
public sealed class AnswerRound12Tests
{
    private static Transcript Unpunctuated(string asking, string reply) => TaggedTextTranscriptReader.Read($"""
        [doctor] hi how are you doing today
        [patient] i'm doing okay i've been taking the baby aspirin every day like you said
        [doctor] {asking}
        [patient] {reply}
        [doctor] alright well let's go ahead and do a quick physical exam
        [patient] okay
        """);

    [Fact]
    public void A_no_written_into_the_asking_turn_denies_what_was_asked()
    {
        var visit = Unpunctuated("okay and any chest pain or shortness of breath or anything like that no no nothing like that", "okay and when do i come back");
        Supported(visit, "Denies chest pain or shortness of breath.", StatementSection.Subjective);
        Flagged(visit, "Reports chest pain.", StatementSection.Subjective);
    }

    [Fact]
    public void A_yes_after_the_merged_no_answers_only_the_last_question()
    {
        var visit = Unpunctuated("alright and any nausea vomiting or diarrhea are you peeing a whole lot or anything like that no", "yeah i'm peeing like crazy");
        Supported(visit, "Denies nausea, vomiting, or diarrhea.", StatementSection.Subjective);
        Flagged(visit, "Reports nausea and vomiting.", StatementSection.Subjective);
    }

    [Fact]
    public void The_questions_own_or_no_is_no_reply()
    {
        var visit = Unpunctuated("and do you get any chest pain or shortness of breath or no", "well my wife thinks i should see a heart doctor");
        Flagged(visit, "Denies chest pain or shortness of breath.", StatementSection.Subjective);
    }

    private const string Darker = "i know you've been straining it so you've probably taken a good look at it has it been darker than usual";

    [Fact]
    public void A_question_that_runs_on_into_another_is_read_from_its_own_opening()
    {
        var visit = Unpunctuated("okay so have you noticed any blood in your urine " + Darker, "no not really not really darker");
        Supported(visit, "He denies any blood in his urine.", StatementSection.Subjective);
        Flagged(visit, "He reports blood in his urine.", StatementSection.Subjective);
    }

    [Fact]
    public void A_statement_before_the_question_is_not_asked()
    {
        var visit = Unpunctuated("okay so you had some blood in your urine last week " + Darker, "no not really not really darker");
        Flagged(visit, "He denies any blood in his urine.", StatementSection.Subjective);
    }

    private static Transcript Punctuated(string reply) => TaggedTextTranscriptReader.Read($"""
        [doctor] hi , how are you doing today ?
        [patient] i'm doing okay .
        [doctor] i see your blood pressure was 180 over 95 in the emergency room . has it been running that high ?
        [patient] {reply}
        [doctor] okay . let's go ahead and do a quick physical exam .
        [patient] okay .
        """);

    [Fact]
    public void An_adverb_before_the_no_does_not_take_it_back()
    {
        Supported(Punctuated("uh , usually no . that's why it was so surprising ."), "His blood pressure has not been running that high.", StatementSection.Subjective);
        Flagged(Punctuated("uh , usually no . that's why it was so surprising ."), "His blood pressure has been running that high.", StatementSection.Subjective);
        Flagged(Punctuated("uh , usually it is , yes ."), "His blood pressure has not been running that high.", StatementSection.Subjective);
    }
}
