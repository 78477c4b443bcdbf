using System.Collections.Frozen;

namespace MedZen.Scribe.Checking;

/// <summary>
/// The everyday half of the vocabulary: how a patient or clinician says in conversation what a note writes in its own
/// register ("typically" → "usually", "progressed" → "got worse", "nevi" → "moles"). Same rules as the clinical half: general
/// words a patient-education glossary would give, the same fold on both sides, no entry from a visit.
/// </summary>
internal static partial class ClinicalLexicon
{
    /// <summary>A note's word → the plain words said for it (merged into <see cref="PlainWords"/>).</summary>
    private static Dictionary<string, string> EverydayPlainWords => new()
    {
        ["nevi"] = "mole",
        ["nevus"] = "mole",
        ["modify"] = "change",
        ["modified"] = "change",
        ["ill"] = "sick",
        ["illness"] = "sick",
        ["minimal"] = "mild",
        ["minimally"] = "mild",
        // A complaint that "progressed" got worse; not "progress", which a follow-up checks on.
        ["progressed"] = "worse",
        ["progressing"] = "worse",
        ["repair"] = "surgery",
        ["repaired"] = "surgery",
        ["employed"] = "work",
        ["unemployed"] = "not work",
        ["jvd"] = "jugular venous distention",
        ["distension"] = "distention",
        ["pft"] = "pulmonary function test",
        ["pfts"] = "pulmonary function test",
    };

    /// <summary>A word → the concept both sides meet in (merged into <see cref="Concepts"/>); an entry also reads its inflections.</summary>
    private static Dictionary<string, string> EverydayConcepts => new()
    {
        ["asleep"] = "sleep",
        ["born"] = "birth",
        ["mom"] = "mother",
        ["mommy"] = "mother",
        ["dad"] = "father",
        ["daddy"] = "father",
        ["moles"] = "mole",
        ["bought"] = "buy",
        ["purchase"] = "buy",
        ["tried"] = "try",
        ["tries"] = "try",
        ["trying"] = "try",
        ["attempt"] = "try",
        ["typical"] = "usual",
        ["typically"] = "usual",
        ["usually"] = "usual",
        ["frequent"] = "often",
        ["frequently"] = "often",
        // Ordinals as said ("the second metatarsal") meet the note's "2nd", whose suffix is no word.
        ["second"] = "2",
        // "A couple weeks" is the note's "2 weeks".
        ["couple"] = "2",
        ["third"] = "3",
        ["fourth"] = "4",
        ["fifth"] = "5",
        ["sixth"] = "6",
        ["seventh"] = "7",
        ["eighth"] = "8",
        ["ninth"] = "9",
        ["tenth"] = "10",
        // The second finger, as a patient names it.
        ["pointer"] = "index",
        // "I'm a VA", with the VA: a veteran.
        ["va"] = "veteran",
        // The adverb said for the note's adjective ("taking those consistently" for "on a consistent basis").
        ["consistently"] = "consistent",
        // To refrain from a thing is to stop it, as a note's "cease".
        ["refrain"] = "stop",
    };

    /// <summary>
    /// Phrases said for the one word a note writes ("all the time" → "constant", "a hard time" → "difficulty"), read on
    /// both sides after the word-by-word fold; the replacement is in the words that fold yields.
    /// </summary>
    private static (string Said, string Read)[] EverydayPhrases =>
    [
        ("all the time", "constant"),
        // Swallowing said to be hard is the dysphagia a note names, and still a swallow ("denies trouble swallowing"
        // against "it hurts to swallow"); a painful swallow alone is no dysphagia.
        ("difficulty swallowing", "dysphagia swallow"),
        ("difficulty with swallowing", "dysphagia swallow"),
        ("trouble swallowing", "dysphagia swallow"),
        ("trouble with swallowing", "dysphagia swallow"),
        ("hard to swallow", "dysphagia swallow"),
        ("hard time swallowing", "dysphagia swallow"),
        ("difficult to swallow", "dysphagia swallow"),
        ("problems swallowing", "dysphagia swallow"),
        ("problem swallowing", "dysphagia swallow"),
        ("swallowing problem", "dysphagia swallow"),
        ("swallowing problems", "dysphagia swallow"),
        // Lungs that sound good to the stethoscope are the clear lungs a note writes.
        ("lungs sound good", "lungs sound clear"),
        ("lungs sound fine", "lungs sound clear"),
        ("lungs sound great", "lungs sound clear"),
        ("lungs sound normal", "lungs sound clear"),
        // "about me not breathing ." names the apnea; not "not breathing well", which the clause's end leaves out.
        ("not breathing .", "apnea ."),
        ("not breathing ,", "apnea ,"),
        ("not breathing ?", "apnea ?"),
        ("stop breathing", "apnea"),
        ("stops breathing", "apnea"),
        ("stopped breathing", "apnea"),
        // The one strength these everyday names have.
        ("baby aspirin", "aspirin 81 mg"),
        ("low dose aspirin", "aspirin 81 mg"),
        ("hard time", "difficulty"),
        // "Take it easy" is the rest a note advises.
        ("take it easy", "rest"),
        ("taking it easy", "rest"),
        // The heart's "pumping function" is how a clinician says ejection fraction to a patient.
        ("pumping function", "ejection fraction"),
        // A heart of regular rate and rhythm is the heart a clinician calls regular ("your heart is nice and regular").
        ("regular rate and rhythm", "heart regular rhythm"),
        // A bowel movement is the stool, and still the bowel ("denies change in bowel habits").
        ("bowel movement", "bowel stool"),
        ("bowel movements", "bowel stool"),
        // "Not long ago" is recent; its "not" denies nothing.
        ("not long ago", "recently"),
        ("not too long ago", "recently"),
        ("not that long ago", "recently"),
        ("in tact", "intact"),
        // A finding "within normal limits" is the normal one a clinician says looks good or normal.
        ("within normal limits", "normal"),
        ("within the normal limits", "normal"),
        ("within normal limit", "normal"),
        // The vital signs are the "vitals" said ("your vitals look good").
        ("vital signs", "vital"),
        ("vital sign", "vital"),
    ];

    /// <summary>The phrases of <see cref="EverydayPhrases"/> by their first word, longest first.</summary>
    private static readonly FrozenDictionary<string, (string[] Said, string[] Read)[]> PhrasesByStart = EverydayPhrases
        .Select(p => (Said: p.Said.Split(' '), Read: p.Read.Split(' ')))
        .GroupBy(p => p.Said[0], StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(p => p.Said.Length).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// Reads the phrases of <paramref name="words"/> as the words a note writes for them; a phrase never spans a
    /// punctuation mark, which is a word of its own here. A phrase read as more words than its first continues it
    /// (<paramref name="tails"/>, one per word, says which words only continue an earlier one).
    /// </summary>
    public static (List<string> Words, List<bool> Tails) ReadPhrases(List<string> words, List<bool> tails)
    {
        List<string>? read = null;
        List<bool>? readTails = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (PhrasesByStart.TryGetValue(words[i], out var candidates)
                && candidates.FirstOrDefault(p => Matches(words, i, p.Said)) is { Said: not null } phrase)
            {
                read ??= words.Take(i).ToList();
                readTails ??= tails.Take(i).ToList();
                read.AddRange(phrase.Read);
                readTails.AddRange(phrase.Read.Select((_, k) => k > 0 || tails[i]));
                i += phrase.Said.Length - 1;
                continue;
            }

            if (CenturyDecade(words, i) is { } decade)
            {
                // "the 1970s" is the note's or the speaker's "the seventies": the decade without its century.
                read ??= words.Take(i).ToList();
                readTails ??= tails.Take(i).ToList();
                read.Add(decade);
                readTails.Add(tails[i]);
                continue;
            }

            read?.Add(words[i]);
            readTails?.Add(tails[i]);
        }

        return (read ?? words, readTails ?? tails);
    }

    /// <summary>The decade of a twentieth-century year written with its "s" ("1970s" → "70"), else null.</summary>
    private static string? CenturyDecade(List<string> words, int at) =>
        IsDecadeYear(words[at]) && at + 1 < words.Count && words[at + 1] == "s" ? words[at][2..] : null;

    private static bool IsDecadeYear(string word) => word.Length == 4 && word.StartsWith("19", StringComparison.Ordinal) && char.IsDigit(word[2]) && word[3] == '0';

    /// <summary>The spoken decades, read as the note writes them ("in the sixties" → "in the 60s", tokens "60" "s").</summary>
    private static readonly FrozenDictionary<string, string[]> Decades = new Dictionary<string, string>
    {
        ["twenties"] = "20",
        ["thirties"] = "30",
        ["forties"] = "40",
        ["fifties"] = "50",
        ["sixties"] = "60",
        ["seventies"] = "70",
        ["eighties"] = "80",
        ["nineties"] = "90",
    }.ToFrozenDictionary(p => p.Key, p => new[] { p.Value, "s" }, StringComparer.Ordinal);

    /// <summary>A spoken decade as its number and "s" ("sixties" → "60", "s"), else null.</summary>
    public static string[]? Decade(string word) => Decades.GetValueOrDefault(word);

    private static bool Matches(List<string> words, int at, string[] said)
    {
        if (at + said.Length > words.Count)
        {
            return false;
        }

        for (var k = 1; k < said.Length; k++)
        {
            if (!string.Equals(words[at + k], said[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
