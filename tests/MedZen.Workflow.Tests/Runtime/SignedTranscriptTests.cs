using MedZen.Workflow.Intake;
using MedZen.Workflow.Stores.Clinical;
using MedZen.Workflow.Tests.Steps;

namespace MedZen.Workflow.Tests.Runtime;

/// <summary>A signed note's evidence is its session's transcript: replacing that transcript is refused and changes nothing.</summary>
public sealed class SignedTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replacing_the_transcript_of_a_signed_note_is_refused_and_the_cited_segments_stay()
    {
        await using var kit = await RuntimeKit.StartAsync(Offline.Writer());
        await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, "signed-1", Ct);
        await kit.FinalizeAndWaitAsync("signed-1");
        var intake = VisitIntake.Create(kit.Workflow.Services);

        // Before signing, a draft's transcript may still be replaced.
        Assert.Equal(2, await intake.AttachTranscriptAsync("signed-1", "[doctor] how are you ?\n[patient] fine , no pain .", Ct));
        var note = (await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("signed-1", Ct))!;
        await kit.Runtime.ClinicalStore.SignNoteAsync(note.Id, note.Version, "prov-1", Ct);
        var before = (await kit.Runtime.ClinicalStore.GetTranscriptBySessionAsync("signed-1", Ct))!.Segments;

        var refused = await Assert.ThrowsAsync<NoteConflictException>(() =>
            intake.AttachTranscriptAsync("signed-1", "[doctor] something else entirely .", Ct));

        Assert.Equal(NoteConflictReason.AlreadySigned, refused.Reason);
        var after = (await kit.Runtime.ClinicalStore.GetTranscriptBySessionAsync("signed-1", Ct))!.Segments;
        Assert.Equal(before, after);
    }
}
