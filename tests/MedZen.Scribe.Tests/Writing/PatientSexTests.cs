using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

/// <summary>The note commits to a sex only on cues about the patient; a verb "miss" or another person's "she" is none.</summary>
public sealed class PatientSexTests
{
    private static Transcript Visit(params (SpeakerRole Role, string Text)[] turns) =>
        new(turns.Select((t, i) => new TranscriptSegment($"s{i + 1}", t.Role, t.Text)).ToList());

    [Fact]
    public void Miss_as_a_verb_is_not_a_title()
    {
        var visit = Visit(
            (SpeakerRole.Clinician, "have you been taking those meds ?"),
            (SpeakerRole.Patient, "i have but i miss them every week and i don't want to miss more ."));

        Assert.Same(PatientPronouns.Unknown, PatientPronouns.Detect(visit));
    }

    [Fact]
    public void The_clinicians_she_beside_you_is_someone_else()
    {
        var visit = Visit(
            (SpeakerRole.Clinician, "hi kyle . i see that she referred you for a low immunoglobulin a level ."),
            (SpeakerRole.Clinician, "do you know why she checked these levels ?"),
            (SpeakerRole.Patient, "she did it as part of my physical ."));

        Assert.Same(PatientPronouns.Unknown, PatientPronouns.Detect(visit));
    }

    [Fact]
    public void A_title_and_the_clinicians_own_pronouns_still_settle_it()
    {
        var visit = Visit(
            (SpeakerRole.Clinician, "good morning miss jones ."),
            (SpeakerRole.Clinician, "she is a 45 year old woman here for knee pain . she reports swelling ."));

        Assert.Same(PatientPronouns.Female, PatientPronouns.Detect(visit));
    }
}
