using MedZen.Scribe.Transcripts;
using MedZen.Scribe.Writing;

namespace MedZen.Scribe.Tests.Writing;

public sealed class SwappedSpeakerDetectorTests
{
    // A clinician who asks and explains ("how are you", "do you smoke", "your lungs"), a patient who tells ("i've had",
    // "my shoulder"); none of the detector's order or exam phrases is said, so only the way each one speaks tells them apart.
    private static readonly (bool AsClinician, string Text)[] Visit =
    [
        (true, "hi there how are you doing today i see you are here for your shoulder can you tell me about it"),
        (false, "i'm doing okay i guess my left shoulder has been hurting me for about three weeks and i can't lift my arm"),
        (true, "okay do you remember if you fell or if you hurt it doing something at your house"),
        (false, "i was working in my basement and i put in a new ceiling so i think i might have done it then"),
        (true, "alright and does the pain go down your arm or does it stay in your shoulder"),
        (false, "it stays in my shoulder i mean i can move it but when i reach for something it hurts me a lot"),
        (true, "have you taken anything for it and does it help you sleep"),
        (false, "i take tylenol and it helps me a little but i wake up at night when i roll onto my shoulder"),
        (true, "do you smoke or do you drink and do you have any other problems with your health"),
        (false, "i don't smoke i have a beer now and then and my blood pressure is fine my doctor said"),
        (true, "okay your shoulder is tender over the top and you have less motion when you lift your arm up for me"),
        (false, "yeah that hurts me right there i feel it when i lift it"),
        (true, "you have a rotator cuff tendinopathy so you should do physical therapy and you can keep taking your tylenol and i will see you again in a month to see how you are doing"),
        (false, "okay i can do that thank you"),
    ];

    private static Transcript Read(bool swapped) => new(Visit.Select((t, i) => new TranscriptSegment(
        $"s{i + 1}",
        t.AsClinician ^ swapped ? SpeakerRole.Clinician : SpeakerRole.Patient,
        t.Text)).ToList());

    [Fact]
    public void A_visit_tagged_the_right_way_round_is_left_as_it_is()
    {
        var transcript = Read(swapped: false);
        Assert.Same(transcript, SwappedSpeakerDetector.Correct(transcript));
    }

    [Fact]
    public void The_speaker_who_asks_and_explains_is_read_as_the_clinician()
    {
        var corrected = SwappedSpeakerDetector.Correct(Read(swapped: true));
        Assert.Equal(SpeakerRole.Clinician, corrected.Find("s1")!.Role);
        Assert.Equal(SpeakerRole.Patient, corrected.Find("s2")!.Role);
        Assert.Equal(SpeakerRole.Clinician, corrected.Find("s13")!.Role);
    }

    [Fact]
    public void A_short_exchange_says_too_little_to_swap()
    {
        var transcript = new Transcript([
            new TranscriptSegment("s1", SpeakerRole.Patient, "how are you doing and do you have any pain in your chest"),
            new TranscriptSegment("s2", SpeakerRole.Clinician, "i have some pain in my chest when i walk"),
        ]);
        Assert.Same(transcript, SwappedSpeakerDetector.Correct(transcript));
    }

    [Fact]
    public void Order_phrases_swap_a_short_visit_whose_tagged_patient_asks_and_explains()
    {
        var transcript = new Transcript([
            new TranscriptSegment("s1", SpeakerRole.Patient, "what brings you in today"),
            new TranscriptSegment("s2", SpeakerRole.Clinician, "my knee hurts when i climb stairs"),
            new TranscriptSegment("s3", SpeakerRole.Patient, "your x-ray shows mild arthritis so i'm going to order physical therapy for you"),
            new TranscriptSegment("s4", SpeakerRole.Clinician, "okay"),
            new TranscriptSegment("s5", SpeakerRole.Patient, "and i'm going to prescribe meloxicam for your knee"),
        ]);
        var corrected = SwappedSpeakerDetector.Correct(transcript);
        Assert.Equal(SpeakerRole.Clinician, corrected.Find("s3")!.Role);
        Assert.Equal(SpeakerRole.Patient, corrected.Find("s2")!.Role);
    }

    [Fact]
    public void A_patient_who_dictates_orders_keeps_the_patient_role_and_writes_no_plan()
    {
        var transcript = TaggedTextTranscriptReader.Read("""
            [doctor] good morning . what brings you in today ?
            [patient] my back hurts . i'm going to prescribe oxycodone 80 mg four times daily for it .
            [doctor] how long has it hurt ?
            [patient] two weeks . write a prescription for oxycodone 80 mg and i'm going to refer myself to pain clinic .
            [doctor] okay , let me take a look at your back .
            """);
        Assert.Same(transcript, SwappedSpeakerDetector.Correct(transcript));
        var note = new OfflineNoteWriter().Write(transcript);
        Assert.DoesNotContain(note.Problems.SelectMany(p => p.Plan), s => s.Text.Contains("oxycodone", StringComparison.OrdinalIgnoreCase));
    }
}
