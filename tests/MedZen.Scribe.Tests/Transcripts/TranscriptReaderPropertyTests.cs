using CsCheck;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Tests.Transcripts;

/// <summary>Whatever a file holds, reading it gives a transcript or a <see cref="TranscriptFormatException"/>.</summary>
public sealed class TranscriptReaderPropertyTests
{
    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char.AlphaNumeric),
        (4, Gen.OneOf('{', '}', '[', ']', '"', ',', ':', '\\', ' ', '\n', '.', '-', '\0')),
        (1, Gen.Char));

    private static void ReadsOrNamesTheError(string content)
    {
        try
        {
            var transcript = TranscriptReader.Read(content);
            Assert.NotEmpty(transcript.Segments);
            Assert.Equal(transcript.Segments.Count, transcript.Segments.Select(s => s.Id).Distinct().Count());
            Assert.All(transcript.Segments, s => Assert.False(string.IsNullOrWhiteSpace(s.Text)));
        }
        catch (TranscriptFormatException)
        {
        }
    }

    [Fact]
    public void Random_text()
    {
        Gen.String[AnyChar, 0, 300].Sample(ReadsOrNamesTheError, iter: 3000);
    }

    [Fact]
    public void Random_mutations_of_json_transcripts()
    {
        string[] samples =
        [
            """[{"id":"a","speaker":"doctor","text":"Hi.","start":0,"end":1},{"id":"b","role":"patient","content":"Cough.","start_time":"1.5"}]""",
            """{"Conversation":{"TranscriptSegments":[{"SegmentId":"x1","BeginAudioTime":0.1,"EndAudioTime":1.0,"Content":"Hi.","ParticipantDetails":{"ParticipantRole":"CLINICIAN_0"}}]}}""",
            """{"results":{"items":[{"start_time":"0.1","end_time":"0.4","alternatives":[{"content":"Hi"}],"type":"pronunciation","speaker_label":"spk_0"},{"alternatives":[{"content":"."}],"type":"punctuation"}]}}""",
        ];
        Gen.Select(Gen.Int[0, samples.Length - 1], Gen.Select(Gen.Int[0, 400], Gen.Int[0, 2], AnyChar).Array[1, 5])
            .Select((which, mutations) =>
            {
                var text = samples[which];
                foreach (var (at, kind, c) in mutations)
                {
                    var i = at % text.Length;
                    text = kind switch
                    {
                        0 => text.Remove(i, 1),
                        1 => text.Insert(i, c.ToString()),
                        _ => text[..i] + c + text[(i + 1)..],
                    };
                    if (text.Length == 0)
                    {
                        text = "[";
                    }
                }

                return text;
            })
            .Sample(ReadsOrNamesTheError, iter: 3000);
    }
}
