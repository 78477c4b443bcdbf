using System.Text.RegularExpressions;

namespace MedZen.Scribe.Writing;

/// <summary>
/// Turns a clinician's yes/no question and the patient's short answer into one note sentence:
/// "Has she had any fever?" + "no" → "She denies fever."; + "yes, a little" → "She reports fever.".
/// Answers that are neither a clear yes nor a clear no leave the question alone.
/// </summary>
internal static partial class QuestionAnswerRewriter
{
    [GeneratedRegex(@"^(?:and\s+)?(?:have|has|do|does|did|are|is|were|was|any)\s+(?:(?:she|he|the patient)\s+)?(?:ever\s+)?(?:been\s+)?(?:had|have|has|having|noticed|notices|notice|experienced|experiencing|get|gets|got|getting|feel|feels|feeling|felt|taking|take|takes|using|use|uses|tried|seen|need|needs|want|wants)?\s*(?:any\s+)?(?<topic>[^?]{3,120})\?$", RegexOptions.IgnoreCase)]
    private static partial Regex YesNoQuestion();

    [GeneratedRegex(@"^\W*(?:(?:oh|well|um|uh|so)\W+)?(?:yes|yeah|yep|yup|uh-huh|mm-hmm|i have|i do|i did|i am|i'm|i've|sometimes|a little|definitely|correct)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Affirmative();

    [GeneratedRegex(@"^\W*(?:(?:oh|well|um|uh|so)\W+)?(?:no|nope|nah|not really|never|i have not|i do not|i did not|none|not that i|not at all|negative)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    /// <summary>A second question joined on ("…, or are you experiencing …"): the first one is the topic.</summary>
    [GeneratedRegex(@",?\s+or\s+(?:are|is|do|does|have|has|did|were|was)\s.*$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicTail();

    [GeneratedRegex(@"^(?:and\s+|so\s+)?(?:the patient|she|he)\s+(?:mentioned|said|told (?:me|us)|reported)\s+(?:that\s+)?(?<statement>(?:the patient|she|he)\s[^?]{3,120})\?$", RegexOptions.IgnoreCase)]
    private static partial Regex Confirmation();

    /// <summary>"And tell me, are you …", "Okay, so do you …": the lead-in before the question itself.</summary>
    [GeneratedRegex(@"^(?:(?:and|so|okay|ok|now|also|tell (?:me|the patient|her|him)|let me ask(?: you)?)\W+)+", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLead();

    [GeneratedRegex(@"^allergic to\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AllergicTo();

    [GeneratedRegex(@"^an?\s+history of\s+", RegexOptions.IgnoreCase)]
    private static partial Regex HistoryArticle();

    [GeneratedRegex(@"^(?:been\s+)?diagnosed with\s+(?:any\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosedWith();

    [GeneratedRegex(@"^[^,.;?!]*")]
    private static partial Regex FirstClauseOf();

    private static string FirstClause(string answer) => FirstClauseOf().Match(Interjection().Replace(answer.Trim(), "")).Value;

    [GeneratedRegex(@"^\W*(?:(?:oh|well|um|uh|hmm|so)\b\W*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Interjection();

    private static readonly HashSet<string> NotATopic = new(StringComparer.Ordinal)
    {
        "that", "it", "this", "her", "his", "him", "there", "s", "me", "you", "they", "we", "a", "the", "what", "so", "to", "been",
    };

    public static string? TryRewrite(string question, string answer, PatientPronouns pronouns)
    {
        // "And you mentioned that you have a history of migraine?" + "yes, that's correct": the confirmed statement.
        var confirmed = Confirmation().Match(question.Trim());
        if (confirmed.Success)
        {
            var clause = FirstClause(Negation.ExpandContractions(answer));
            if (!Affirmative().IsMatch(clause) || Negation.HasCue(clause))
            {
                return null;
            }

            var statement = confirmed.Groups["statement"].Value.Trim();
            return char.ToUpperInvariant(statement[0]) + statement[1..] + ".";
        }

        var match = YesNoQuestion().Match(QuestionLead().Replace(question.Trim(), ""));
        if (!match.Success)
        {
            return null;
        }

        var topic = TopicTail().Replace(match.Groups["topic"].Value, "").Trim().TrimEnd(',', ' ');
        topic = DiagnosedWith().Replace(topic, "");
        topic = HistoryArticle().Replace(topic, "history of ");
        topic = AllergicTo().Replace(topic, "allergies to ");
        var firstWord = topic.Split(' ')[0].ToLowerInvariant();
        if (NotATopic.Contains(firstWord) || topic.Contains("question", StringComparison.OrdinalIgnoreCase) || topic.Split(' ').Length > 12)
        {
            return null;
        }

        // A topic that carries its own negation ("not sleeping") cannot be denied or reported without a double negative.
        if (Negation.HasCue(topic))
        {
            return null;
        }

        var subject = char.ToUpperInvariant(pronouns.Subject[0]) + pronouns.Subject[1..];
        var firstClause = FirstClause(Negation.ExpandContractions(answer));
        if (Negative().IsMatch(firstClause))
        {
            return $"{subject} denies {topic}.";
        }

        // "i did n't", "i'm not", "yes, but not since…": an answer that opens with a yes but carries a negation is neither.
        return Affirmative().IsMatch(firstClause) && !Negation.HasCue(firstClause) ? $"{subject} reports {topic}." : null;
    }
}
