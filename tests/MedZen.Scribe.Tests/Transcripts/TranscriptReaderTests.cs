using System.Text.Json.Nodes;
using MedZen.Scribe.Tests.Support;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Transcripts;

public sealed class TranscriptReaderTests
{
    [Fact]
    public void Reads_aci_bench_dialogues_as_tagged_text()
    {
        foreach (var (id, dialogue) in SharedData.Dialogues("aci-bench/valid.jsonl", 5))
        {
            var transcript = TranscriptReader.Read(dialogue, out var format);
            Assert.Equal(TranscriptFormat.TaggedText, format);
            var tagged = dialogue.Split('\n').Count(l => l.TrimStart().StartsWith('[') && l[(l.IndexOf(']') + 1)..].Trim().Length > 0);
            Assert.True(transcript.Segments.Count == tagged, $"dialogue {id}: {transcript.Segments.Count} segments, {tagged} tagged lines");
            Assert.Contains(transcript.Segments, s => s.Role == SpeakerRole.Clinician);
            Assert.Contains(transcript.Segments, s => s.Role == SpeakerRole.Patient);
            Assert.Equal("s1", transcript.Segments[0].Id);
        }
    }

    [Fact]
    public void Reads_mts_dialog_dialogues_as_tagged_text()
    {
        foreach (var (id, dialogue) in SharedData.Dialogues("mts-dialog/valid.jsonl", 20))
        {
            var transcript = TranscriptReader.Read(dialogue, out var format);
            Assert.Equal(TranscriptFormat.TaggedText, format);
            Assert.True(transcript.Segments.All(s => s.Text.Length > 0), $"dialogue {id} has an empty segment");
            Assert.True(transcript.Segments.Any(s => s.Role == SpeakerRole.Clinician), $"dialogue {id} has no clinician turn");
        }
    }

    // Shape of a Transcribe batch job with speaker diarization (docs.aws.amazon.com/transcribe/latest/dg/diarization.html):
    // per-item speaker_label, speaker_labels.segments, and (newer jobs) audio_segments.
    private const string TranscribeWithItems = """
    {
      "jobName": "visit-123",
      "accountId": "111122223333",
      "status": "COMPLETED",
      "results": {
        "transcripts": [{ "transcript": "How is the knee? It hurts when I climb stairs. Any swelling?" }],
        "speaker_labels": {
          "speakers": 2,
          "channel_label": "ch_0",
          "segments": [
            { "start_time": "0.04", "end_time": "1.20", "speaker_label": "spk_0", "items": [] },
            { "start_time": "1.30", "end_time": "3.10", "speaker_label": "spk_1", "items": [] },
            { "start_time": "3.20", "end_time": "4.00", "speaker_label": "spk_0", "items": [] }
          ]
        },
        "items": [
          { "start_time": "0.04", "end_time": "0.30", "alternatives": [{ "confidence": "0.99", "content": "How" }], "type": "pronunciation" },
          { "start_time": "0.31", "end_time": "0.50", "alternatives": [{ "confidence": "0.99", "content": "is" }], "type": "pronunciation" },
          { "start_time": "0.51", "end_time": "0.70", "alternatives": [{ "confidence": "0.99", "content": "the" }], "type": "pronunciation" },
          { "start_time": "0.71", "end_time": "1.20", "alternatives": [{ "confidence": "0.98", "content": "knee" }], "type": "pronunciation" },
          { "alternatives": [{ "confidence": "0.0", "content": "?" }], "type": "punctuation" },
          { "start_time": "1.30", "end_time": "1.50", "alternatives": [{ "confidence": "0.99", "content": "It" }], "type": "pronunciation", "speaker_label": "spk_1" },
          { "start_time": "1.51", "end_time": "1.80", "alternatives": [{ "confidence": "0.99", "content": "hurts" }], "type": "pronunciation", "speaker_label": "spk_1" },
          { "start_time": "1.81", "end_time": "2.00", "alternatives": [{ "confidence": "0.99", "content": "when" }], "type": "pronunciation", "speaker_label": "spk_1" },
          { "start_time": "2.01", "end_time": "2.10", "alternatives": [{ "confidence": "0.99", "content": "I" }], "type": "pronunciation", "speaker_label": "spk_1" },
          { "start_time": "2.11", "end_time": "2.60", "alternatives": [{ "confidence": "0.99", "content": "climb" }], "type": "pronunciation", "speaker_label": "spk_1" },
          { "start_time": "2.61", "end_time": "3.10", "alternatives": [{ "confidence": "0.97", "content": "stairs" }], "type": "pronunciation", "speaker_label": "spk_1" },
          { "alternatives": [{ "confidence": "0.0", "content": "." }], "type": "punctuation", "speaker_label": "spk_1" },
          { "start_time": "3.20", "end_time": "3.50", "alternatives": [{ "confidence": "0.99", "content": "Any" }], "type": "pronunciation", "speaker_label": "spk_0" },
          { "start_time": "3.51", "end_time": "4.00", "alternatives": [{ "confidence": "0.99", "content": "swelling" }], "type": "pronunciation", "speaker_label": "spk_0" },
          { "alternatives": [{ "confidence": "0.0", "content": "?" }], "type": "punctuation", "speaker_label": "spk_0" }
        ]
      }
    }
    """;

    [Fact]
    public void Groups_transcribe_items_into_turns_and_maps_the_first_speaker_to_clinician()
    {
        var transcript = TranscriptReader.Read(TranscribeWithItems, out var format);
        Assert.Equal(TranscriptFormat.AwsTranscribeJson, format);
        Assert.Collection(
            transcript.Segments,
            s => Assert.Equal(("s1", SpeakerRole.Clinician, "How is the knee?", "spk_0"), (s.Id, s.Role, s.Text, s.Speaker)),
            s => Assert.Equal(("s2", SpeakerRole.Patient, "It hurts when I climb stairs."), (s.Id, s.Role, s.Text)),
            s => Assert.Equal(("s3", SpeakerRole.Clinician, "Any swelling?"), (s.Id, s.Role, s.Text)));
        Assert.Equal(TimeSpan.FromSeconds(1.3), transcript.Segments[1].Start);
        Assert.Equal(TimeSpan.FromSeconds(3.1), transcript.Segments[1].End);
    }

    [Fact]
    public void Configured_clinician_label_overrides_the_first_speaker_rule()
    {
        var transcript = TranscriptReader.Read(TranscribeWithItems, new TranscriptReaderOptions { TranscribeClinicianLabel = "spk_1" });
        Assert.Equal([SpeakerRole.Patient, SpeakerRole.Clinician, SpeakerRole.Patient], transcript.Segments.Select(s => s.Role));
    }

    [Fact]
    public void Prefers_transcribe_audio_segments_when_present()
    {
        var json = """
        { "results": {
            "transcripts": [{ "transcript": "Hello there. Hi doctor." }],
            "items": [],
            "audio_segments": [
              { "id": 0, "transcript": "Hello there.", "start_time": "0.0", "end_time": "1.0", "speaker_label": "spk_0", "items": [0, 1] },
              { "id": 1, "transcript": "Hi doctor.", "start_time": "1.1", "end_time": "2.0", "speaker_label": "spk_1", "items": [2, 3] },
              { "id": 2, "transcript": "Also here.", "start_time": "2.1", "end_time": "3.0", "speaker_label": "spk_2", "items": [4] }
            ] } }
        """;
        var transcript = TranscriptReader.Read(json);
        Assert.Equal([SpeakerRole.Clinician, SpeakerRole.Patient, SpeakerRole.Other], transcript.Segments.Select(s => s.Role));
        Assert.Equal("Hi doctor.", transcript.Segments[1].Text);
    }

    // Shape of the HealthScribe transcript file (docs.aws.amazon.com/transcribe/latest/dg/health-scribe-transcript.html).
    private const string HealthScribe = """
    {
      "Conversation": {
        "ConversationId": "b1e6b1f5-2f1c-4bfc-9a9b-3f0d1e7a9c11",
        "JobName": "visit-123",
        "JobType": "ALL",
        "LanguageCode": "en-US",
        "TranscriptItems": [],
        "TranscriptSegments": [
          { "SegmentId": "3f1c2a9e-0001", "BeginAudioTime": 0.12, "EndAudioTime": 2.4, "Content": "What brings you in today?",
            "ParticipantDetails": { "ParticipantRole": "CLINICIAN_0" }, "SectionDetails": { "SectionName": "VISIT_FLOW_MANAGEMENT" } },
          { "SegmentId": "3f1c2a9e-0002", "BeginAudioTime": 2.5, "EndAudioTime": 5.0, "Content": "A cough for two weeks.",
            "ParticipantDetails": { "ParticipantRole": "PATIENT_0" }, "SectionDetails": { "SectionName": "SUBJECTIVE" } },
          { "SegmentId": "3f1c2a9e-0003", "BeginAudioTime": 5.1, "EndAudioTime": 6.0, "Content": "She also wheezes at night.",
            "ParticipantDetails": { "ParticipantRole": "PATIENT_1" }, "SectionDetails": { "SectionName": "SUBJECTIVE" } }
        ]
      }
    }
    """;

    [Fact]
    public void Reads_healthscribe_segments_with_their_ids_roles_and_times()
    {
        var transcript = TranscriptReader.Read(HealthScribe, out var format);
        Assert.Equal(TranscriptFormat.AwsHealthScribeJson, format);
        Assert.Equal(["3f1c2a9e-0001", "3f1c2a9e-0002", "3f1c2a9e-0003"], transcript.Segments.Select(s => s.Id));
        Assert.Equal([SpeakerRole.Clinician, SpeakerRole.Patient, SpeakerRole.Patient], transcript.Segments.Select(s => s.Role));
        Assert.Equal(TimeSpan.FromSeconds(2.5), transcript.Segments[1].Start);
        Assert.Equal("PATIENT_1", transcript.Segments[2].Speaker);
    }

    [Fact]
    public void Reads_the_clinical_database_segment_array_with_aliases()
    {
        var json = """
        [
          { "id": "seg-1", "speaker": "doctor", "text": "Any allergies?", "start": 0, "end": 1.5 },
          { "segment_id": "seg-2", "role": "patient", "content": "Penicillin.", "start_time": "1.6", "end_time": 2.2 },
          { "id": "seg-3", "speaker": "interpreter", "text": "She says penicillin." }
        ]
        """;
        var transcript = TranscriptReader.Read(json, out var format);
        Assert.Equal(TranscriptFormat.SegmentArrayJson, format);
        Assert.Equal(["seg-1", "seg-2", "seg-3"], transcript.Segments.Select(s => s.Id));
        Assert.Equal([SpeakerRole.Clinician, SpeakerRole.Patient, SpeakerRole.Other], transcript.Segments.Select(s => s.Role));
        Assert.Equal(TimeSpan.FromSeconds(1.6), transcript.Segments[1].Start);
    }

    [Fact]
    public void Renumbers_segments_when_source_ids_are_duplicated_or_unsafe()
    {
        var json = """[{ "id": "a", "speaker": "doctor", "text": "one" }, { "id": "a", "speaker": "patient", "text": "two" }, { "id": "x y]", "speaker": "patient", "text": "three" }]""";
        Assert.Equal(["s1", "s2", "s3"], TranscriptReader.Read(json).Segments.Select(s => s.Id));
    }

    public static TheoryData<string, string, string?> BadInputs => new()
    {
        { "", TranscriptErrorNames.Empty, null },
        { "   \n\t  ", TranscriptErrorNames.Empty, null },
        { "[]", TranscriptErrorNames.Empty, null },
        { """{"Conversation":{"TranscriptSegments":[]}}""", TranscriptErrorNames.Empty, null },
        { "[doctor]    \n[patient]   ", TranscriptErrorNames.Empty, null },
        { "PK\u0003\u0004\0\0binary", TranscriptErrorNames.Unreadable, "line 1" },
        { "hello\nworld \uFFFD garbage", TranscriptErrorNames.Unreadable, "line 2" },
        { "Dear team, the patient is fine.\nRegards", TranscriptErrorNames.Unreadable, "line 1" },
        { "{\"results\": {\"items\": [", TranscriptErrorNames.Unreadable, "line 1, byte 24" },
        { """{"foo": 1}""", TranscriptErrorNames.Unreadable, "$" },
        { """[{"speaker": "doctor"}]""", TranscriptErrorNames.SchemaViolation, "$[0].text" },
        { """[{"speaker": "doctor", "text": ["x"]}]""", TranscriptErrorNames.SchemaViolation, "$[0].text" },
        { """[{"speaker": "doctor", "text": "x", "start": "soon"}]""", TranscriptErrorNames.SchemaViolation, "$[0].start" },
        { """[{"speaker": "doctor", "text": "x", "start": -4}]""", TranscriptErrorNames.SchemaViolation, "$[0].start" },
        { """{"Conversation":{"TranscriptSegments":[{"Content":"x"}, 7]}}""", TranscriptErrorNames.SchemaViolation, "$.Conversation.TranscriptSegments[1]" },
        { """{"results":{"items":[{"type":"pronunciation"}]}}""", TranscriptErrorNames.SchemaViolation, "$.results.items[0].alternatives" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Rejects_bad_input_with_a_named_error_and_location(string content, string errorName, string? location)
    {
        var error = Assert.Throws<TranscriptFormatException>(() => TranscriptReader.Read(content));
        Assert.Equal(errorName, error.ErrorName);
        Assert.Equal(location, error.Location);
    }

    [Fact]
    public void Rejects_oversized_input_by_characters_and_by_segments()
    {
        var options = new TranscriptReaderOptions { MaxCharacters = 1000, MaxSegments = 3 };
        var tooLong = Assert.Throws<TranscriptFormatException>(() => TranscriptReader.Read(new string('a', 1001), options));
        Assert.Equal(TranscriptErrorNames.TooLarge, tooLong.ErrorName);

        var fourTurns = "[doctor] a\n[patient] b\n[doctor] c\n[patient] d";
        Assert.Equal(TranscriptErrorNames.TooLarge, Assert.Throws<TranscriptFormatException>(() => TranscriptReader.Read(fourTurns, options)).ErrorName);

        var array = new JsonArray(Enumerable.Range(0, 4).Select(i => (JsonNode)new JsonObject { ["speaker"] = "doctor", ["text"] = $"t{i}" }).ToArray());
        var tooMany = Assert.Throws<TranscriptFormatException>(() => TranscriptReader.Read(array.ToJsonString(), options));
        Assert.Equal((TranscriptErrorNames.TooLarge, "$"), (tooMany.ErrorName, tooMany.Location));
    }

    [Fact]
    public void Error_messages_never_quote_the_transcript()
    {
        const string secret = "Jane Roe has HIV";
        string[] inputs =
        [
            $"Dear team, {secret}.",
            $$"""[{"speaker": "doctor", "text": "{{secret}}", "start": "{{secret}}"}]""",
            "{\"results\": {\"items\": [{\"alternatives\": [{\"content\": \"" + secret + "\"}], \"start_time\": \"" + secret + "\"}]}}",
            $"{{\"x\": \"{secret}\"",
        ];
        foreach (var input in inputs)
        {
            var error = Assert.Throws<TranscriptFormatException>(() => TranscriptReader.Read(input));
            Assert.DoesNotContain("Roe", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("HIV", error.Message, StringComparison.Ordinal);
        }
    }
}
