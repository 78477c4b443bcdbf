using System.Text.RegularExpressions;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Writing;

/// <summary>One sentence of one turn, already rewritten as note text, with the segment it came from.</summary>
internal sealed record DialogueSentence(string SegmentId, SpeakerRole Role, string Original, string Text, double Position, bool IsQuestion)
{
    /// <summary>The patient's turn that answered a clinician's yes/no question, when the sentence was rebuilt from both.</summary>
    public string? AnswerSegmentId { get; init; }

    public IReadOnlyList<string> Evidence => AnswerSegmentId is null ? [SegmentId] : [SegmentId, AnswerSegmentId];
}

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
            var parts = SentenceBoundary().Split(segment.Text);
            for (var part = 0; part < parts.Length; part++)
            {
                var original = segment.Role == SpeakerRole.Clinician ? ScribeTalk.Content(parts[part]) : parts[part].Trim();
                if (original.Length == 0)
                {
                    continue;
                }

                var text = UtteranceRewriter.Rewrite(original, segment.Role, pronouns);
                var isQuestion = original.EndsWith('?');
                string? answerId = null;
                if (isQuestion && part == parts.Length - 1 && segment.Role == SpeakerRole.Clinician
                    && index + 1 < transcript.Segments.Count && transcript.Segments[index + 1].Role != SpeakerRole.Clinician
                    && QuestionAnswerRewriter.TryRewrite(text, transcript.Segments[index + 1].Text, pronouns) is { } answered)
                {
                    text = answered;
                    isQuestion = false;
                    answerId = transcript.Segments[index + 1].Id;
                }

                if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinimumWords)
                {
                    continue;
                }

                sentences.Add(new DialogueSentence(segment.Id, segment.Role, original, text, (double)index / count, isQuestion)
                {
                    AnswerSegmentId = answerId,
                });
            }
        }

        return sentences;
    }
}
