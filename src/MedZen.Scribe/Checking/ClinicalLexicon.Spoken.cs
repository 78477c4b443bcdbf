namespace MedZen.Scribe.Checking;

/// <summary>
/// The spoken half of the exam vocabulary: the everyday words a clinician says to a patient for a note's set phrase
/// ("vital signs" → "vitals", "within normal limits" → "normal"). Same rules as the rest of the lexicon: general words a
/// patient-education glossary would give, the same fold on both sides, no entry from a visit.
/// </summary>
/// <remarks>
/// Left out on purpose: "effusion" as "fluid" (a clinician explains the word right after denying it, "there is no
/// effusion, that's just like a fluid under the knee", and the explaining "fluid" stands affirmed), and "daily" as "a day"
/// (the dose clause it lets meet outweighed a negation flipped in the clause before it).
/// </remarks>
internal static partial class ClinicalLexicon
{
    /// <summary>Phrases said for the words a note writes (read with <see cref="EverydayPhrases"/>).</summary>
    private static (string Said, string Read)[] SpokenPhrases =>
    [
        // A finding "within normal limits" is the normal one a clinician says looks good or normal.
        ("within normal limits", "normal"),
        ("within the normal limits", "normal"),
        ("within normal limit", "normal"),
        // The vital signs are the "vitals" said ("your vitals look good").
        ("vital signs", "vital"),
        ("vital sign", "vital"),
    ];
}
