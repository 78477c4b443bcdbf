using System.Text.RegularExpressions;
using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Checking;

/// <summary>How a reply's words and a question's reach are read.</summary>
internal sealed partial class VisitFacts
{
    /// <summary>
    /// How many words back from a turn's end an unpunctuated question's opening is looked for: a spoken question runs long
    /// ("have you ever had any issues where you had what we call urinary retention where you couldn't pee and …"), but
    /// further back an opening is more often a statement's (35 words lost more than it gained).
    /// </summary>
    private const int QuestionReach = 30;

    /// <summary>Exclamations that open a reply and say neither yes nor no: "my gosh no", "oh boy, yes".</summary>
    private static readonly HashSet<string> Interjections = new(StringComparer.Ordinal)
    {
        "gosh", "geez", "jeez", "golly", "goodness", "wow", "boy", "man", "god", "gee", "whoa", "ooh", "hmm", "mm", "huh",
    };

    /// <summary>Phrases that put off a reply and say neither yes nor no: "i'm trying to think, no", "i guess, yeah".</summary>
    private static readonly string[][] Hesitations =
    [
        ["i'm", "trying", "to", "think"], ["i", "am", "trying", "to", "think"], ["let", "me", "think"], ["let", "me", "see"], ["let's", "see"],
        ["let", "us", "see"], ["i", "guess"], ["to", "be", "honest"],
    ];

    /// <summary>
    /// A reply's words as an answer: without punctuation, fillers ("okay", "well", "so"), and the exclamations and
    /// hesitations it opens with ("oh my gosh, no" and "i'm trying to think, no i don't think so" read "no").
    /// </summary>
    private static List<string> ReplyWords(string reply)
    {
        var words = ClinicalNormalizer.Tokens(reply).Select(t => t.Text).Where(w => w is not ("," or "." or "!" or "okay" or "well" or "so" or "oh" or "um" or "uh")).ToList();
        var skip = 0;
        while (skip < words.Count)
        {
            var from = skip;
            if (Interjections.Contains(words[skip]) || (words[skip] == "my" && skip + 1 < words.Count && Interjections.Contains(words[skip + 1])))
            {
                skip++;
            }
            else if (Hesitations.FirstOrDefault(h => SaysAt(words, skip, h)) is { } hesitation)
            {
                skip += hesitation.Length;
            }

            if (skip == from)
            {
                break;
            }
        }

        return skip < words.Count ? words[skip..] : words;
    }

    /// <summary>Idioms that answer yes to everything asked of a kind: "anything you can think of", "you name it".</summary>
    private static readonly string[][] SweepingYeses =
    [
        ["anything", "you", "can", "think", "of"], ["anything", "you", "can", "name"], ["you", "name", "it"], ["whatever", "you", "can", "think", "of"],
    ];

    /// <summary>Whether a sweeping yes ("anything you can think of") starts at <paramref name="at"/> of a reply's words.</summary>
    private static bool SweepingYes(List<string> words, int at) => SweepingYeses.Any(idiom => SaysAt(words, at, idiom));

    /// <summary>Whether <paramref name="phrase"/> is said from <paramref name="at"/> of <paramref name="words"/>.</summary>
    private static bool SaysAt(List<string> words, int at, string[] phrase) =>
        words.Skip(at).Take(phrase.Length).SequenceEqual(phrase, StringComparer.Ordinal);

    /// <summary>
    /// A bare auxiliary with what it stands for left out, then a time gone by: "i did about three years ago", "but i had it
    /// before", "it has in the past". Not a full verb ("i had surgery three years ago" says something else).
    /// </summary>
    [GeneratedRegex(@"\b(?:i|it|we|she|he)\s+(?:did|had|have|has|used\s+to)(?:\s+(?:it|that|those|them|one|some))?\s*,?\s+(?:(?:once\s+)?before|in\s+the\s+past|once|back\s+then|(?:(?:about|like|maybe|probably|around|over|almost|nearly|just|some)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+few|a\s+couple(?:\s+of)?|several|many|few)\s+(?:years?|months?|weeks?|days?)\s+ago)\b")]
    private static partial Regex PastEllipsis();

    /// <summary>Whether a reply says yes for a time gone by in a clause of its own ("no, i haven't. i did about three years ago").</summary>
    private static bool SaysYesForThePast(string reply) => PastEllipsis().IsMatch(reply.ToLowerInvariant());

    /// <summary>
    /// "no, anything you can think of, mostly basketball": the "no" before a sweeping yes denies nothing, and the run it
    /// seemed to govern is said as it is.
    /// </summary>
    private static void NoBeforeASweepingYes(string content, List<CheckToken> tokens, Polarity[] polarities, bool[] denied)
    {
        var words = ReplyWords(content);
        if (words.Count < 2 || words[0] != "no" || !SweepingYes(words, 1))
        {
            return;
        }

        for (var k = 0; k < tokens.Count && tokens[k].Negated && tokens[k].Sentence == tokens[0].Sentence; k++)
        {
            polarities[k] = polarities[k] == Polarity.Negated ? Polarity.Affirmed : polarities[k];
            denied[k] = false;
        }
    }

    /// <summary>
    /// A reply that wishes for what was asked, and says no more of it: "i wish", "i wish i could say yes", "i wish i said
    /// so, but …", "i wish it was". Not a wish for something else ("i wish it would go away", "i wish i had known").
    /// </summary>
    private static bool WishedOtherwise(List<string> words)
    {
        if (words.Count < 2 || words[0] != "i" || words[1] != "wish")
        {
            return false;
        }

        var rest = words.Skip(2).ToList();
        var subject = rest.Count > 0 && rest[0] is "i" or "it" or "that" ? 1 : 0;
        bool EndsAt(int k) => rest.Count <= k || rest[k] == "but";
        return rest.Count == 0
            || (subject == 1 && rest.Count > 1 && rest[1] is "was" or "were" or "did" or "had" or "could" or "do" or "does" && EndsAt(2))
            || (subject == 1 && rest.Skip(1).Take(3).ToList() is var say
                && (say is ["said", "yes" or "so", ..] || say is ["could" or "can", "say", "yes" or "so"]));
    }

    private const int WhenClauseWords = 6;

    [GeneratedRegex(@"\bwhen\b", RegexOptions.IgnoreCase)]
    private static partial Regex When();

    /// <summary>
    /// "no pain when i walk", "any pain in your calves when you walk?" "no": the clause of "when" after a denied finding
    /// says when the finding is absent, neither that the walking happens nor that it does not. Its words count neither way.
    /// </summary>
    private static void LeaveWhenClausesUnsaid(SegmentFacts facts, string content, List<CheckToken> tokens)
    {
        foreach (Match match in When().Matches(content))
        {
            var k = CheckTokens.Read(content[..match.Index], out _).Count;
            if (k <= 0 || k >= tokens.Count || tokens[k - 1].Sentence != tokens[k].Sentence)
            {
                continue;
            }

            var before = tokens[k - 1].Clause;
            var deniedBefore = Enumerable.Range(0, k).Any(j => tokens[j].Clause == before && facts.Polarities[j] == Polarity.Negated);
            // A clause of time is short ("when i walk up the stairs"); an unpunctuated turn runs on past it, and a denial of
            // its own in there ("when i press there is no effusion") is still a denial.
            for (var j = k; deniedBefore && j < Math.Min(tokens.Count, k + WhenClauseWords) && tokens[j].Clause == tokens[k].Clause && !tokens[j].Negated; j++)
            {
                if (facts.Polarities[j] is Polarity.Affirmed or Polarity.Negated)
                {
                    facts.Polarities[j] = Polarity.Hypothetical;
                }
            }
        }
    }

    /// <summary>Words that open a question one answers with words, not with yes or no ("how has your health been").</summary>
    private static readonly HashSet<string> OpenQuestionOpeners = new(StringComparer.Ordinal) { "how", "how's", "what", "what's", "where", "which", "why", "who" };

    /// <summary>
    /// An open question followed by a list it asks yes or no ("how's your breathing, any cough, fever or chills?" "no"):
    /// the reply's "no" denies the listed findings, not the open question's subject, which is read as an open question
    /// is (what it names is presupposed); the list, from its "any", is asked. Whether such a question was found.
    /// </summary>
    private static bool AskListAfterOpenQuestion(string content, List<CheckToken> tokens, Polarity[] polarities)
    {
        var found = false;
        var asked = new HashSet<int>();
        foreach (Match mark in QuestionMark().Matches(content))
        {
            var end = CheckTokens.Read(content[..mark.Index], out _).Count;
            if (end > 0 && end <= tokens.Count)
            {
                asked.Add(tokens[end - 1].Sentence);
            }
        }

        foreach (var sentence in asked)
        {
            var words = Enumerable.Range(0, tokens.Count).Where(k => tokens[k].Sentence == sentence).ToList();
            var openAt = -1;
            var listAt = -1;
            for (var n = 0; n < words.Count && listAt < 0; n++)
            {
                var k = words[n];
                var opensClause = n == 0 || tokens[words[n - 1]].Clause != tokens[k].Clause || tokens[words[n - 1]].Term is "and" or "so" or "okay" or "now" or "alright" or "well";
                if (!opensClause || tokens[k].Term is "and" or "so" or "okay" or "now" or "alright" or "well")
                {
                    continue;
                }

                if (openAt < 0 && OpenQuestionOpeners.Contains(tokens[k].Term) && (k + 1 >= tokens.Count || tokens[k + 1].Term != "about"))
                {
                    openAt = k;
                }
                else if (openAt >= 0 && tokens[k].Clause != tokens[openAt].Clause && tokens[k].Term is "any" or "anything")
                {
                    listAt = k;
                }
            }

            if (listAt < 0)
            {
                continue;
            }

            foreach (var k in words)
            {
                if (k >= openAt && k < listAt && polarities[k] == Polarity.Asked)
                {
                    polarities[k] = Polarity.Affirmed;
                }
                else if (k >= listAt && polarities[k] == Polarity.Affirmed)
                {
                    polarities[k] = Polarity.Asked;
                }
            }

            found = true;
        }

        return found;
    }

    [GeneratedRegex(@"\?")]
    private static partial Regex QuestionMark();

    /// <summary>How long a tag question is at most ("is that painful", "does that hurt at all").</summary>
    private const int TagWords = 5;

    /// <summary>How long the clause a tag question covers is at most ("i'm going to press on the outside of your knee").</summary>
    private const int TaggedClauseWords = 16;

    /// <summary>Whether the words from <paramref name="at"/> to the end are a short tag ("is that painful", "does it hurt").</summary>
    private static bool IsTag(List<CheckToken> tokens, int at) =>
        tokens.Count - at is >= 2 and <= TagWords
        && tokens[at].Term is "is" or "does" or "doe" or "did" or "was" or "can" or "has" && tokens[at + 1].Term is "that" or "it" or "this";

    /// <summary>
    /// A short tag question at a turn's end ("i'm gon na press on the outside is that painful" "no") asks about the clause
    /// before it: where that clause starts, when it is short and denies nothing, else <paramref name="tag"/>.
    /// </summary>
    private static int ClauseBeforeTag(List<CheckToken> tokens, int tag)
    {
        if (tag <= 0 || !IsTag(tokens, tag))
        {
            return tag;
        }

        var start = tag;
        while (start > 0 && tokens[start - 1].Clause == tokens[tag - 1].Clause && tokens[start - 1].Sentence == tokens[tag - 1].Sentence)
        {
            start--;
        }

        return tag - start <= TaggedClauseWords && Enumerable.Range(start, tag - start).All(k => !tokens[k].Negated && !tokens[k].Hypothetical) ? start : tag;
    }
}
