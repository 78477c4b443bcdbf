using System.Text.RegularExpressions;
using MedZen.Scribe.Normalization;
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
            var (spoken, orders) = Dictated(segment);
            var said = SentenceBoundary().Split(spoken);
            var parts = SentenceBoundary().Split(ClinicalNormalizer.Normalize(spoken)).Concat(orders).ToArray();
            for (var part = 0; part < parts.Length; part++)
            {
                var original = segment.Role == SpeakerRole.Clinician ? ScribeTalk.Content(parts[part]) : parts[part].Trim();
                if (original.Trim('.', ',', ' ').Length == 0)
                {
                    continue;
                }

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

                // Normalizing must not cost a negation either: checked against the sentence as said when it lines up.
                var asSaid = part < said.Length && said.Length == parts.Length - orders.Count ? said[part] : spoken;
                if (answerId is null && Negation.Lost(asSaid, text))
                {
                    continue;
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

    /// <summary>
    /// A clinician's turn without what was said to the scribe, and the orders placed by voice ("hey dragon, order an
    /// echocardiogram") as plan sentences of their own. A patient's turn is taken as said.
    /// </summary>
    private static (string Spoken, List<string> Orders) Dictated(TranscriptSegment segment)
    {
        if (segment.Role != SpeakerRole.Clinician)
        {
            return (segment.Text, []);
        }

        var parsed = ScribeCommands.Parse(segment.Text);
        var orders = parsed.Orders
            .Where(o => !DiscussedOrders().IsMatch(o))
            .Select(o => $"order {ClinicalNormalizer.Normalize(o).TrimEnd('.', ' ')}.");
        return (parsed.Content, orders.ToList());
    }

    /// <summary>"order the medications and procedures we discussed": a command to the assistant, not an order of its own.</summary>
    [GeneratedRegex(@"\b(?:discussed|talked about|mentioned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiscussedOrders();
}
