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

    /// <summary>
    /// A reply's words as an answer: without punctuation, fillers ("okay", "well", "so") and the exclamations it opens
    /// with ("oh my gosh, no" reads "no").
    /// </summary>
    private static List<string> ReplyWords(string reply)
    {
        var words = ClinicalNormalizer.Tokens(reply).Select(t => t.Text).Where(w => w is not ("," or "." or "!" or "okay" or "well" or "so" or "oh" or "um" or "uh")).ToList();
        var skip = 0;
        while (skip < words.Count && (Interjections.Contains(words[skip]) || (words[skip] == "my" && skip + 1 < words.Count && Interjections.Contains(words[skip + 1]))))
        {
            skip++;
        }

        return skip < words.Count ? words[skip..] : words;
    }
}
