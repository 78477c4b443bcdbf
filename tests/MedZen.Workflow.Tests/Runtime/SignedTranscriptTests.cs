using MedZen.Workflow.Intake;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Tests.Steps;

namespace MedZen.Workflow.Tests.Runtime;

/// <summary>A note's evidence is the transcript version it was written from: later versions never move it, and a signed note's session takes none.</summary>
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
        var note = (await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("signed-1", Ct))!;
        var cited = (await kit.Runtime.ClinicalStore.GetTranscriptAsync(note.TranscriptId!, Ct))!.Segments;
        var replaced = await intake.AttachTranscriptAsync("signed-1", "[doctor] how are you ?\n[patient] fine , no pain .", Ct);
        Assert.Equal((2, 2), (replaced.SegmentCount, replaced.Version));
        await kit.Runtime.ClinicalStore.SignNoteAsync(note.Id, note.Version, "prov-1", Ct);
        var before = (await kit.Runtime.ClinicalStore.GetTranscriptBySessionAsync("signed-1", Ct))!.Segments;

        var refused = await Assert.ThrowsAsync<NoteConflictException>(() =>
            intake.AttachTranscriptAsync("signed-1", "[doctor] something else entirely .", Ct));

        Assert.Equal(NoteConflictReason.AlreadySigned, refused.Reason);
        var after = (await kit.Runtime.ClinicalStore.GetTranscriptBySessionAsync("signed-1", Ct))!.Segments;
        Assert.Equal(before, after);

        // The draft was written from version 1; the replace before signing added version 2 and left the note on 1.
        var signedNote = (await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("signed-1", Ct))!;
        Assert.Equal((note.TranscriptId, (int?)1), (signedNote.TranscriptId, signedNote.TranscriptVersion));
        Assert.Equal(cited, (await kit.Runtime.ClinicalStore.GetTranscriptAsync(signedNote.TranscriptId!, Ct))!.Segments);
    }

    [Fact]
    public async Task A_finalized_note_records_the_version_it_was_written_from_and_its_evidence_resolves_there()
    {
        await using var kit = await RuntimeKit.StartAsync(Offline.Writer());
        await ClinicalSeed.VisitAsync(kit.Runtime.ClinicalStore, "versioned-1", Ct);
        await kit.FinalizeAndWaitAsync("versioned-1");
        var intake = VisitIntake.Create(kit.Workflow.Services);
        var note = (await kit.Runtime.ClinicalStore.GetNoteBySessionAsync("versioned-1", Ct))!;
        Assert.Equal(1, note.TranscriptVersion);

        await intake.AttachTranscriptAsync("versioned-1", "[doctor] a different visit .", Ct);
        var source = (await kit.Runtime.ClinicalStore.GetTranscriptAsync(note.TranscriptId!, Ct))!;
        var evidence = System.Text.Json.Nodes.JsonNode.Parse(note.EvidenceJson!)!.AsArray()
            .SelectMany(link => link!["segments"]!.AsArray().Select(id => id!.GetValue<string>())).Distinct().ToList();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, id => Assert.Contains(source.Segments, s => s.SegmentId == id));
        Assert.Equal(2, (await kit.Runtime.ClinicalStore.GetTranscriptBySessionAsync("versioned-1", Ct))!.Version);
    }
}
