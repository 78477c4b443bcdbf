using System.Collections.Frozen;

namespace MedZen.Scribe.Checking;

/// <summary>The word sets <see cref="CheckTokens"/> reads with: stop words, normal words, negation cues and the words that end their reach.</summary>
internal static partial class CheckTokens
{
    /// <summary>Words that carry no clinical content in a note statement or a turn.</summary>
    public static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "into", "onto",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "having",
        "i", "me", "my", "you", "your", "he", "him", "his", "she", "her", "hers", "we", "us", "our", "they", "them",
        "their", "it", "its", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom", "how", "when", "where", "why",
        "okay", "ok", "yeah", "yes", "like", "just", "know", "well", "oh", "alright", "right", "mm", "hmm", "um", "uh",
        "s", "m", "ve", "ll", "d", "re", "t", "will", "would", "can", "could", "should", "shall", "may", "might", "must", "about", "if", "then", "than",
        "patient", "pt", "report", "reports", "reported", "state", "states", "stated", "deny", "denies", "denied", "endorse", "endorses", "endorsed",
        "note", "notes", "noted", "also", "any", "some", "very", "really", "get", "got", "go", "going", "gone", "went", "not", "no", "never", "none", "nor",
        "himself", "herself", "themselves", "yourself", "myself", "other", "others", "all", "been", "since", "still", "currently", "today",
        "mr", "mrs", "ms", "miss", "dr", "doctor", "indicate", "indicates", "mention", "mentions", "mentioned", "describe", "describes",
        "explain", "explains", "per", "regarding", "additionally", "further", "that's", "it's", "i'm", "she's", "he's", "you're", "we'll",
        "i've", "let's", "also", "too", "both", "each", "more", "most", "much", "many", "few", "little", "bit", "lot", "thing", "things",
        "some", "something", "anything", "nothing", "time", "times", "now", "then", "there's", "what's", "don't", "positive",
        "symptom", "symptoms", "issue", "issues", "problem", "problems", "complaint", "complaints", "who", "whether", "while", "because",
        "just", "even", "back", "make", "made", "take", "taking", "took", "say", "said", "tell", "told", "see", "seen", "think", "want", "need",
        "st", "nd", "rd", "th", "1", "one", "sided", "overall", "without", "within", "out", "up", "down", "over", "under", "after", "before", "during", "through",
        // Adverbs of time that only place a denial in time ("has not seen him yet", "no pain anymore"): never what it is about.
        "yet", "anymore",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that call a finding normal, which a note may write as the absence of the abnormal ("lungs are clear" → "no wheezes").</summary>
    public static readonly FrozenSet<string> NormalWords = new[]
    {
        "normal", "normally", "unremarkable", "clear", "intact", "fine", "good", "great", "well", "benign", "stable", "regular", "nontender",
        "non-tender", "negative", "absent", "resolv", "resolve", "free", "healthy", "perfect", "excellent", "wnl", "symmetric", "supple", "soft",
        "better", "improv", "improve", "controll", "control", "quit", "stop", "stopp",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>What a test is called negative as: its sign, test, result or margins, a result rather than an absence.</summary>
    private static readonly FrozenSet<string> TestResultNouns = new[]
    {
        "sign", "signs", "test", "tests", "testing", "raise", "maneuver", "margin", "margins", "result", "results", "screen", "screening", "study",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Cues that deny a list of findings: "no", "denies", "without", "negative for", "nothing".</summary>
    private static readonly FrozenSet<string> NegationCues = new[] { "no", "without", "denies", "denied", "deny", "denying", "none", "nor", "neither", "negative", "nothing" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Cues that deny a verb ("did not relieve") or, after a verb of having, a list ("does not have fever").</summary>
    private static readonly FrozenSet<string> VerbCues = new[] { "not", "never" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ScopeBreaks = new[] { ":", "but", "however", "although", "though", "except", "whereas", "because", "since", "until", "when", "so", "then", "otherwise" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> OpenQuestionWords = new[] { "what", "what's", "how", "how's", "when", "where", "which", "why", "who", "whose" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SentenceFillers = new[] { ",", "and", "so", "okay", "ok", "all", "right", "alright", "well", "now", "then", "but", "um", "uh", "oh" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that open a new clause after a comma or "and"/"or": the negation before does not reach past them.</summary>
    private static readonly FrozenSet<string> ClauseStarters = new[]
    {
        "i", "we", "you", "he", "she", "they", "it", "there", "this", "that", "which", "who", "whose", "patient", "pt",
        "reports", "reported", "endorses", "endorsed", "notes", "noted", "states", "stated", "complains", "complained", "admits",
        "describes", "says", "said", "has", "have", "had", "is", "was", "are", "were", "feels", "felt", "does", "did", "will",
        "would", "can", "could", "should", "may", "might", "also", "then", "but", "however", "otherwise", "denies", "denied",
        "we'll", "i'm", "it's", "she's", "he's", "there's", "let's",
        // A subject and its verb in one word open a clause as the pronoun alone does ("without a cough, that's less likely").
        "that's", "they're", "you're", "we're", "i've", "you've", "we've", "they've", "i'll", "you'll", "she'll", "he'll",
        "they'll", "i'd", "you'd", "we'd", "she'd", "he'd", "they'd",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>After "not"/"never", these take findings as their object: "does not have fever or chills".</summary>
    private static readonly FrozenSet<string> HavingVerbs = new[]
    {
        "have", "has", "had", "having", "get", "gets", "got", "getting", "experience", "experienced", "experiencing", "notice",
        "noticed", "noticing", "feel", "felt", "feeling", "see", "saw", "seen", "develop", "developed", "complain", "complained",
        "report", "reported", "endorse", "endorsed", "take", "took", "taking", "use", "used", "using", "smoke", "drink", "drank",
        "show", "showed", "shows", "reveal", "revealed", "demonstrate", "demonstrated", "find", "found", "appreciate",
        "appreciated", "detect", "detected", "any", "suffer", "suffered",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>After a denied verb, these open its object: "did not relieve | the pain" denies the relief, not the pain.</summary>
    private static readonly FrozenSet<string> VerbObjectStarts = new[]
    {
        "the", "a", "an", "his", "her", "my", "your", "their", "our", "its", "this", "that", "these", "those", "to", "with", "from",
        "for", "in", "on", "at", "by", "about", "him", "me", "you", "them", "us", "it", "as", "than", "while", "after", "before", "during",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>After a denied finding, these open where or when it is ("no pain | with pronation", "denies blood | in her stool"): still denied, not the head.</summary>
    private static readonly FrozenSet<string> Prepositions = new[]
    {
        "in", "on", "at", "to", "with", "from", "for", "by", "about", "after", "before", "during", "while", "around", "into", "over", "under",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A negation cue followed by one of these is not a negation ("not sure", "no problem", "not only").</summary>
    /// <remarks>"I don't think we need a diuretic" does deny what follows, so "think" and "believe" are not here.</remarks>
    private static readonly FrozenSet<string> PseudoNegationFollowers = new[] { "sure", "know", "doubt", "only", "problem", "worries", "worry", "matter", "idea", "changes" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Nouns of a kind: "any type of injury?", "what kind of pain".</summary>
    private static readonly FrozenSet<string> KindNouns = new[] { "type", "types", "kind", "kinds", "sort" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Nouns that, before "of" in a denial, only measure out the finding: "no evidence of", "any sign of", "any kind of".</summary>
    private static readonly FrozenSet<string> PartitiveNouns = new[] { "evidence", "sign", "signs" }.Concat(KindNouns).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>After "it", words that make it a new clause's subject ("no shortness of breath | it just seems to be a cough").</summary>
    private static readonly FrozenSet<string> ItPredicates = new[]
    {
        "just", "seems", "feels", "is", "was", "gets", "got", "hurts", "comes", "goes", "happens", "started", "starts", "usually", "only", "kind", "kinda",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>What an exam reports of a finding it does not find: "X is not noted", "X are not seen".</summary>
    private static readonly FrozenSet<string> UnseenPredicates = new[]
    {
        "noted", "seen", "present", "appreciated", "found", "identified", "observed", "detected", "elicited", "palpable", "palpated", "visualized", "heard",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Possessive determiners: after a denied finding, one opens a new subject ("no murmurs your lungs are clear").</summary>
    private static readonly FrozenSet<string> Possessives = new[] { "your", "his", "her", "my", "their", "our" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A subject with its verb in one word, or "i": a new clause even without a comma.</summary>
    private static readonly FrozenSet<string> SpokenClauseOpeners = new[]
    {
        "i", "please", "it's", "that's", "i'm", "she's", "he's", "there's", "let's", "they're", "you're", "we're", "i've", "you've", "we've", "they've",
        "i'll", "you'll", "she'll", "he'll", "they'll", "we'll", "i'd", "we'd",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Subjects that open a main clause after a condition said without a comma: "i", "we", "let's", "you can".</summary>
    private static readonly FrozenSet<string> MainClauseSubjects = new[] { "i", "please", "we", "i'll", "we'll", "i'm", "we're", "i'd", "we'd", "let's", "i've", "we've" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Modals = new[] { "can", "should", "will", "may", "might", "must", "need", "could", "would", "want" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="word"/> starts the main clause after an unpunctuated condition: a first-person subject or
    /// "you" with a modal, not joined by "and"/"or" to the condition ("if the pain gets worse and i can't walk").
    /// </summary>
    private static bool OpensMainClause(string word, string next, string previous) =>
        previous is not ("and" or "or" or "that" or "what" or "which" or "how" or "where" or "when" or "who")
        && (MainClauseSubjects.Contains(word) || (word is "you" or "you'll" && (word == "you'll" || Modals.Contains(next))));

    /// <summary>What "not as" compares by: "not as much", "not as bad", "not as often".</summary>
    private static readonly FrozenSet<string> DegreeWords = new[]
    {
        "much", "bad", "badly", "severe", "often", "frequent", "frequently", "strong", "sharp", "intense", "painful", "sore", "many", "high", "long",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that open a noun phrase which, with a linking verb after it, is a new clause's subject.</summary>
    private static readonly FrozenSet<string> Determiners = new[] { "your", "my", "his", "her", "their", "our", "the" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Verbs that follow a new clause's subject: "your heart rate | is fine", "the lungs | sound clear".</summary>
    private static readonly FrozenSet<string> LinkingVerbs = new[]
    {
        "is", "are", "was", "were", "looks", "look", "looked", "seems", "seem", "seemed", "sounds", "sound", "sounded", "feels", "appears", "appear",
        "appeared", "has", "have", "had", "remains", "remain", "came", "come", "comes", "showed", "shows",
    }.ToFrozenSet(StringComparer.Ordinal);
}
