using System.Collections.Frozen;
using MedZen.Scribe.Normalization;

namespace MedZen.Scribe.Checking;

/// <summary>A token of checked text: its canonical form, whether it is a negation cue's target, and its sentence.</summary>
internal readonly record struct CheckToken(string Term, bool Negated, int Sentence);

/// <summary>
/// The checker's view of text: <see cref="ClinicalNormalizer"/> tokens folded to a stem and a small set of concepts
/// ("hurts", "ache", "painful" → "pain"), with the reach of negation cues marked. Both the statement and the dialogue
/// go through here, so they meet in one vocabulary.
/// </summary>
internal static class CheckTokens
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
        "some", "something", "anything", "nothing", "time", "times", "now", "then", "there's", "what's", "don't", "negative", "positive",
        "symptom", "symptoms", "issue", "issues", "problem", "problems", "complaint", "complaints", "who", "whether", "while", "because",
        "just", "even", "back", "make", "made", "take", "taking", "took", "say", "said", "tell", "told", "see", "seen", "think", "want", "need",
        "1", "one", "overall", "without", "within", "out", "up", "down", "over", "under", "after", "before", "during", "through",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NegationCues = new[] { "no", "not", "never", "without", "denies", "denied", "deny", "denying", "none", "nor", "neither", "negative" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ScopeBreaks = new[] { ".", "?", "!", ";", ":", "but", "however", "although", "though", "except", "whereas", "because", "since", "until", "when", "if", "so" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>A negation cue followed by one of these is not a negation ("not sure", "no problem", "not only").</summary>
    private static readonly FrozenSet<string> PseudoNegationFollowers = new[] { "sure", "know", "doubt", "only", "problem", "worries", "worry", "matter", "idea", "changes", "think", "believe" }
        .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Concepts = new Dictionary<string, string>
    {
        ["hurt"] = "pain",
        ["hurts"] = "pain",
        ["hurting"] = "pain",
        ["ache"] = "pain",
        ["aches"] = "pain",
        ["aching"] = "pain",
        ["achy"] = "pain",
        ["painful"] = "pain",
        ["sore"] = "pain",
        ["soreness"] = "pain",
        ["tender"] = "tenderness",
        ["emesis"] = "vomit",
        ["vomiting"] = "vomit",
        ["nauseous"] = "nausea",
        ["nauseated"] = "nausea",
        ["feverish"] = "fever",
        ["fevers"] = "fever",
        ["smoker"] = "smoke",
        ["smoking"] = "smoke",
        ["smoked"] = "smoke",
        ["cigarette"] = "smoke",
        ["cigarettes"] = "smoke",
        ["tobacco"] = "smoke",
        ["medicine"] = "medication",
        ["medicines"] = "medication",
        ["med"] = "medication",
        ["meds"] = "medication",
        ["drug"] = "medication",
        ["stomach"] = "abdomen",
        ["abdominal"] = "abdomen",
        ["belly"] = "abdomen",
        ["tummy"] = "abdomen",
        ["renal"] = "kidney",
        ["cardiac"] = "heart",
        ["pulmonary"] = "lung",
        ["tired"] = "fatigue",
        ["tiredness"] = "fatigue",
        ["fatigued"] = "fatigue",
        ["dizzy"] = "dizziness",
        ["lightheaded"] = "dizziness",
        ["lightheadedness"] = "dizziness",
        ["swelling"] = "swell",
        ["swollen"] = "swell",
        ["edema"] = "swell",
        ["swells"] = "swell",
        ["shot"] = "injection",
        ["shots"] = "injection",
        ["urinate"] = "urine",
        ["urinating"] = "urine",
        ["urination"] = "urine",
        ["urinary"] = "urine",
        ["pee"] = "urine",
        ["peeing"] = "urine",
        ["bilateral"] = "both",
        ["bilaterally"] = "both",
        ["exercising"] = "exercise",
        ["workout"] = "exercise",
        ["radiograph"] = "x-ray",
        ["xrays"] = "x-ray",
        ["x-rays"] = "x-ray",
        ["femal"] = "female",
        ["woman"] = "female",
        ["lady"] = "female",
        ["gentleman"] = "male",
        ["man"] = "male",
        ["breathing"] = "breath",
        ["sleeping"] = "sleep",
        ["slept"] = "sleep",
        ["numbness"] = "numb",
        ["tingly"] = "tingling",
        ["weakness"] = "weak",
        ["headaches"] = "headache",
        ["migraine"] = "headache",
        ["migraines"] = "headache",
        ["diabetic"] = "diabetes",
        ["sugar"] = "glucose",
        ["sugars"] = "glucose",
        ["glucose"] = "glucose",
        ["alcohol"] = "drink",
        ["drinking"] = "drink",
        ["drinks"] = "drink",
        ["beer"] = "drink",
        ["wine"] = "drink",
        ["ambulate"] = "walk",
        ["walking"] = "walk",
        ["prescribed"] = "prescribe",
        ["prescription"] = "prescribe",
        ["refer"] = "referral",
        ["referred"] = "referral",
        ["recommend"] = "recommendation",
        ["recommended"] = "recommendation",
        ["follow-up"] = "follow",
        ["followup"] = "follow",
        ["cough"] = "cough",
        ["coughing"] = "cough",
        ["sob"] = "breath",
        ["injury"] = "injure",
        ["injured"] = "injure",
        ["fell"] = "fall",
        ["falling"] = "fall",
        ["surgery"] = "surgery",
        ["surgical"] = "surgery",
        ["operation"] = "surgery",
        ["elevated"] = "high",
        ["increased"] = "increase",
        ["decreased"] = "decrease",
        ["reduce"] = "decrease",
        ["reduced"] = "decrease",
        ["pounds"] = "lb",
        ["weeks"] = "week",
        ["months"] = "month",
        ["years"] = "year",
        ["days"] = "day",
        ["hours"] = "hour",
        ["january"] = "1",
        ["february"] = "2",
        ["march"] = "3",
        ["april"] = "4",
        ["june"] = "6",
        ["july"] = "7",
        ["august"] = "8",
        ["september"] = "9",
        ["october"] = "10",
        ["november"] = "11",
        ["december"] = "12",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The canonical term of one normalized word.</summary>
    public static string Term(string word)
    {
        if (word.Length > 1 && word[0] == '0' && char.IsDigit(word[1]))
        {
            word = word.TrimStart('0');
        }

        if (Concepts.TryGetValue(word, out var concept))
        {
            return concept;
        }

        var stem = Stem(word);
        return Concepts.GetValueOrDefault(stem) ?? stem;
    }

    /// <summary>Text as check tokens: terms with negation marked, punctuation gone, sentences numbered.</summary>
    /// <param name="text">The text.</param>
    /// <param name="questionSentences">Per sentence, whether it is a question.</param>
    /// <param name="negationReach">How many content words a negation cue governs at most (a clause break ends it sooner).</param>
    public static List<CheckToken> Read(string text, out List<bool> questionSentences, int negationReach = 4)
    {
        var words = new List<string>();
        foreach (var token in ClinicalNormalizer.Tokens(text))
        {
            // "128/72", "10/2019": each number on its own, however it was written or said.
            if (token.Text.Contains('/', StringComparison.Ordinal) && char.IsDigit(token.Text[0]))
            {
                words.AddRange(token.Text.Split('/', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }

            words.AddRange(ClinicalNormalizer.Canonical(token.Text));
        }

        questionSentences = [];
        var tokens = new List<CheckToken>(words.Count);
        var sentence = 0;
        var negatedLeft = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word is "." or "?" or "!")
            {
                questionSentences.Add(word == "?");
                sentence++;
                negatedLeft = 0;
                continue;
            }

            if (ScopeBreaks.Contains(word))
            {
                negatedLeft = 0;
            }

            if (NegationCues.Contains(word))
            {
                var next = i + 1 < words.Count ? words[i + 1] : ".";
                // "no , it hurts": an answer, not a negation of what follows. "not sure": no negation at all.
                var isAnswer = word == "no" && next is "," or "." or "!" or "?";
                if (!isAnswer && !PseudoNegationFollowers.Contains(next))
                {
                    negatedLeft = negationReach;
                }

                continue;
            }

            if (word is "," or "-" or "/" or "(" or ")" or "\"" or "'" or "&")
            {
                continue;
            }

            var term = word == "one" ? "1" : Term(word);
            var negated = negatedLeft > 0;
            if (negated && !StopWords.Contains(term))
            {
                negatedLeft--;
            }

            tokens.Add(new CheckToken(term, negated, sentence));
        }

        questionSentences.Add(false);
        return tokens;
    }

    public static bool IsNumber(string term) => term.Length > 0 && char.IsDigit(term[0]);

    /// <summary>A light suffix fold, the same on both sides ("knees" → "knee", "swelled" → "swell", "walks" → "walk").</summary>
    internal static string Stem(string word)
    {
        if (word.Length <= 3 || IsNumber(word) || word.Contains('-', StringComparison.Ordinal))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return Undouble(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return Undouble(word[..^2]);
        }

        if (word.EndsWith('s') && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }

    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;
}
