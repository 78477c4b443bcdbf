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
    };
}
