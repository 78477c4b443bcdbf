using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>One sentence of one turn, already rewritten as note text, with the segment it came from.</summary>
internal sealed record DialogueSentence(string SegmentId, SpeakerRole Role, string Original, string Text, double Position, bool IsQuestion);

/// <summary>Splits every turn into sentences and rewrites each for the note; drops fragments with too few words.</summary>
internal static partial class DialogueSentenceSplitter
{
    private const int MinimumWords = 3;

    [GeneratedRegex(@"(?<=[.?!])\s+")]
    private static partial Regex SentenceBoundary();

    public static List<DialogueSentence> Split(Transcript transcript, PatientPronouns pronouns)
    {
        var sentences = new List<DialogueSentence>();
        var count = Math.Max(1, transcript.Segments.Count);
        for (var index = 0; index < transcript.Segments.Count; index++)
        {
            var segment = transcript.Segments[index];
            foreach (var raw in SentenceBoundary().Split(segment.Text))
            {
                var original = raw.Trim();
                if (original.Length == 0)
                {
                    continue;
                }

                var text = UtteranceRewriter.Rewrite(original, segment.Role, pronouns);
                if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinimumWords)
                {
                    continue;
                }

                sentences.Add(new DialogueSentence(
                    segment.Id, segment.Role, original, text, (double)index / count, original.EndsWith('?')));
            }
        }

        return sentences;
    }
}
