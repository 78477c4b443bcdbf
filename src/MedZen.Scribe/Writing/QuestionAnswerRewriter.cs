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

    [GeneratedRegex(@"^\W*(?:(?:oh|well|um|uh|so|ah)\W+)?(?:yes|yeah|yep|yup|uh-huh|mm-hmm|i have|i do|i did|i am|i'm|i've|sometimes|a little|definitely|correct|that's right|that is right|right)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Affirmative();

    [GeneratedRegex(@"^\W*(?:(?:oh|well|um|uh|so)\W+)?(?:no|nope|nah|not really|never|i have not|i do not|i did not|none|not that i|not at all|negative)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negative();

    /// <summary>
    /// After a "no" opener, what takes it back: a yes or a hedged admission ("not really. yeah. maybe a bit of nausea",
    /// "no, just a little stiffness sometimes"). Such an answer is not a denial.
    /// </summary>
    [GeneratedRegex(@"\b(?:yes|yeah|yep|yup|maybe|a (?:little|bit|tiny bit|touch)|a little bit|slight(?:ly)?|mild(?:ly)?|some|sometimes|occasionally|at times|once in a while|now and then|every now and then|kind of|sort of|i guess|i think so)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TakenBack();

    /// <summary>A second question joined on ("…, or are you experiencing …"): the first one is the topic.</summary>
    [GeneratedRegex(@",?\s+or\s+(?:are|is|do|does|have|has|did|were|was)\s.*$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicTail();

    [GeneratedRegex(@"^(?:and\s+|so\s+)?(?:the patient|she|he)\s+(?:mentioned|said|told (?:me|us)|reported)\s+(?:that\s+)?(?<statement>(?:the patient|she|he)\s[^?]{3,120})\?$", RegexOptions.IgnoreCase)]
    private static partial Regex Confirmation();

    /// <summary>"And tell me, are you …", "Okay, so do you …": the lead-in before the question itself.</summary>
    [GeneratedRegex(@"^(?:(?:and|so|okay|ok|now|also|how about|what about|tell (?:me|the patient|her|him)|let me ask(?: you)?)\W+)+", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLead();

    [GeneratedRegex(@"^(?:(?:and|so|okay|ok|now)\W+)*(?:how|what) about\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutLead();

    [GeneratedRegex(@"^allergic to\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AllergicTo();

    [GeneratedRegex(@"^an?\s+(?<kind>family\s+|medical\s+|past\s+)?history of\s+(?:any\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex HistoryArticle();

    /// <summary>"a sore throat, cough or earache": the article before a denied or reported finding.</summary>
    [GeneratedRegex(@"^(?:an?|any)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex TopicArticle();

    /// <summary>"So, the patient is following up for high blood pressure?" + "yes": a statement put as a question and confirmed.</summary>
    [GeneratedRegex(@"^(?:(?:and|so|okay|ok|now)\W+)*(?<statement>(?:the patient|she|he)(?: (?:also|still|just|currently|already))? (?:is|was|has|had|takes|took|uses|used|lives|works|smokes|drinks|came|comes|needs|wants|does|did)\b[^?]{3,120})\?$", RegexOptions.IgnoreCase)]
    private static partial Regex DeclarativeQuestion();

    /// <summary>"Anyone sick in your family?", "Anybody else in your family suffers from this condition?".</summary>
    [GeneratedRegex(@"^(?:(?:and|so|okay|now|is|does|do|has)\W+)*(?:anybody|anyone|any one)(?<else> else)?(?: (?<state>sick|ill|healthy))? in (?:the patient's|your|her|his|the) family(?<rest> [^?]{3,80})?\?$", RegexOptions.IgnoreCase)]
    private static partial Regex FamilyQuestion();

    /// <summary>"Smoke or drink?", "Alcohol, tobacco?": a short question of one or two habits or findings with no verb before it.</summary>
    [GeneratedRegex(@"^(?<topic>[a-z]+(?:,? (?:or|and) [a-z]+|, [a-z]+)?)\?$", RegexOptions.IgnoreCase)]
    private static partial Regex ElliptQuestion();

    private static readonly Dictionary<string, string> Habits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["smoke"] = "smoking",
        ["drink"] = "drinking alcohol",
        ["vape"] = "vaping",
        ["alcohol"] = "alcohol",
        ["tobacco"] = "tobacco",
        ["drugs"] = "drugs",
        ["smoking"] = "smoking",
        ["drinking"] = "drinking alcohol",
        ["fever"] = "fever",
        ["chills"] = "chills",
        ["pain"] = "pain",
        ["nausea"] = "nausea",
        ["vomiting"] = "vomiting",
        ["diarrhea"] = "diarrhea",
        ["cough"] = "cough",
        ["headaches"] = "headaches",
        ["allergies"] = "allergies",
    };

    /// <summary>"… at all", "… or anything like that", "… that you noticed": how the question was put, not what was asked.</summary>
    [GeneratedRegex(@"(?:\s+(?:at all|or anything like that|or anything|that (?:the patient|she|he|you) (?:noticed|have noticed|has noticed)|lately|recently))+$", RegexOptions.IgnoreCase)]
    private static partial Regex TopicFiller();

    [GeneratedRegex(@"^(?:been\s+)?diagnosed with\s+(?:any\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosedWith();

    [GeneratedRegex(@"^[^,.;?!]*")]
    private static partial Regex FirstClauseOf();

    /// <summary>
    /// A clear "no": the answer opens with a negative and nothing after it takes the "no" back (see <see cref="TakenBack"/>).
    /// </summary>
    private static bool Denies(string answer)
    {
        var expanded = Negation.ExpandContractions(answer);
        var first = FirstClause(expanded);
        if (!Negative().IsMatch(first))
        {
            return false;
        }

        // What follows the "no" itself, in its own clause too: an unpunctuated answer ("no just a little stiffness") has
        // only the one clause.
        var opener = Interjection().Replace(expanded.Trim(), "");
        var negative = Negative().Match(opener);
        return !TakenBack().IsMatch(opener[(negative.Success ? negative.Index + negative.Length : Math.Min(opener.Length, first.Length))..]);
    }

    [GeneratedRegex(@"^(?:(?:yes|yeah|yep|well|maybe|just|so|oh|um|uh|and|but|i guess|i think)\b\W*)+", RegexOptions.IgnoreCase)]
    private static partial Regex AdmissionLead();

    [GeneratedRegex(@"[,.;!?]")]
    private static partial Regex ClauseEnd();

    private const int MaximumAdmissionWords = 8;

    /// <summary>
    /// The clause of a taken-back "no" that names something asked about ("maybe a bit of nausea" for "nausea or vomiting"
    /// gives "a bit of nausea"); null when no clause names it, or the clause is not a short third-person phrase.
    /// </summary>
    private static string? Admitted(string answer, string topic)
    {
        var asked = topic.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3 && w is not ("with" or "your" or "their")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var clause in ClauseEnd().Split(Negation.ExpandContractions(answer)).Skip(1))
        {
            var phrase = AdmissionLead().Replace(clause.Trim(), "").Trim();
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 0 && words.Length <= MaximumAdmissionWords && words.Any(asked.Contains) && !Negation.HasCue(phrase)
                && !words.Any(w => w is "i" or "me" or "my" or "you" or "your" or "we" or "it" or "that"))
            {
                return phrase;
            }
        }

        return null;
    }

    private static string FirstClause(string answer) => FirstClauseOf().Match(Interjection().Replace(answer.Trim(), "")).Value;

    [GeneratedRegex(@"^\W*(?:(?:oh|well|um|uh|hmm|so|ah)\b\W*)+", RegexOptions.IgnoreCase)]
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

        var subjectWord = char.ToUpperInvariant(pronouns.Subject[0]) + pronouns.Subject[1..];
        var answerClause = FirstClause(Negation.ExpandContractions(answer));
        var asked = QuestionLead().Replace(question.Trim(), "");
        var family = FamilyQuestion().Match(asked);
        if (family.Success)
        {
            if (!Denies(answer))
            {
                return null;
            }

            var rest = family.Groups["rest"].Value.Trim();
            var state = family.Groups["state"].Value;
            var predicate = rest.Length > 0 ? " " + rest : state.Length > 0 ? " is " + state : " has this";
            return $"No one{family.Groups["else"].Value} in the family{predicate}.";
        }

        var declared = DeclarativeQuestion().Match(asked);
        if (declared.Success && !Negation.HasCue(declared.Groups["statement"].Value))
        {
            var statement = declared.Groups["statement"].Value.Trim();
            return Affirmative().IsMatch(answerClause) && !Negation.HasCue(answerClause)
                ? char.ToUpperInvariant(statement[0]) + statement[1..] + "."
                : null;
        }

        var elliptic = ElliptQuestion().Match(asked);
        if (elliptic.Success)
        {
            var habits = elliptic.Groups["topic"].Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("or" or "and")).ToList();
            if (habits.Count > 0 && habits.All(Habits.ContainsKey))
            {
                var named = string.Join(" or ", habits.Select(h => Habits[h]));
                if (Denies(answer))
                {
                    return $"{subjectWord} denies {named}.";
                }
            }

            return null;
        }

        var match = YesNoQuestion().Match(asked);
        // "How about allergies to medications?": after "how about" the rest is the topic itself.
        var aboutTopic = !match.Success && AboutLead().IsMatch(question.Trim()) && asked.EndsWith('?') ? asked.TrimEnd('?').Trim() : null;
        if (!match.Success && aboutTopic is null)
        {
            return null;
        }

        var topic = TopicTail().Replace(aboutTopic ?? match.Groups["topic"].Value, "").Trim().TrimEnd(',', ' ');
        topic = DiagnosedWith().Replace(topic, "");
        topic = TopicFiller().Replace(topic, "");
        topic = HistoryArticle().Replace(topic, m => m.Groups["kind"].Value.Trim().Length > 0 ? m.Groups["kind"].Value.Trim().ToLowerInvariant() + " history of " : "history of ");
        topic = TopicArticle().Replace(topic, "");
        topic = AllergicTo().Replace(topic, "allergies to ");
        var firstWord = topic.Split(' ')[0].ToLowerInvariant();
        if (NotATopic.Contains(firstWord) || topic.Contains("question", StringComparison.OrdinalIgnoreCase) || topic.Split(' ').Length > 16)
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
        if (Denies(answer))
        {
            return $"{subject} denies {topic}.";
        }

        if (Negative().IsMatch(firstClause))
        {
            // A "no" taken back ("not really. yeah. maybe a bit of nausea"): never a denial; what it admits, when it names the topic.
            return Admitted(answer, topic) is { } admitted ? $"{subject} reports {admitted}." : null;
        }

        // "i did n't", "i'm not", "yes, but not since…": an answer that opens with a yes but carries a negation is neither.
        return Affirmative().IsMatch(firstClause) && !Negation.HasCue(firstClause) ? $"{subject} reports {topic}." : null;
    }
}
