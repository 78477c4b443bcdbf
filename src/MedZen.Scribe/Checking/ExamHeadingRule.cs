using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace MedZen.Scribe.Checking;

/// <summary>
/// An exam section's heading written as a line of its own ("Cardiovascular", "Ears, Nose, Mouth, and Throat"): it
/// claims only that the clinician examined that system, which no turn says in the heading's words. It is shown when a
/// clinician's turn names a part of that system ("your heart sounds fine", "on nasal examination"). A heading whose
/// system no clinician turn touches stays flagged: it is template text or another visit's.
/// </summary>
internal static partial class ExamHeadingRule
{
    private static FrozenSet<string> Terms(params string[] words) =>
        words.SelectMany(w => CheckTokens.Read(w, out _).Select(t => t.Term)).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Each system's heading names (as the heading is written) with the parts a clinician's turn names when examining it.</summary>
    private static readonly (string[] Names, FrozenSet<string> Parts)[] Systems =
    [
        (["cardiovascular", "cardiac", "heart"], Terms("heart", "murmur", "murmurs", "rhythm", "pulse", "pulses", "gallop", "carotid")),
        (["respiratory", "pulmonary", "lungs", "chest"], Terms("lung", "lungs", "breath", "wheeze", "wheezing", "crackles", "chest")),
        (["gastrointestinal", "abdomen", "abdominal"], Terms("abdomen", "belly", "stomach", "bowel", "abdominal")),
        (["musculoskeletal"], Terms("knee", "ankle", "foot", "hand", "finger", "wrist", "elbow", "shoulder", "arm", "leg", "hip", "spine", "paraspinal", "joint", "muscle")),
        (["neurological", "neurologic", "neuro"], Terms("reflexes", "sensation", "strength", "cranial", "gait", "neuro", "neurologic")),
        (["skin", "integumentary", "dermatologic"], Terms("skin", "rash", "lesion", "wound", "incision", "scar")),
        (["head and face", "head", "face"], Terms("head", "face", "facial", "sinus", "sinuses", "scalp")),
        (["ears, nose, mouth, and throat", "ears, nose, mouth and throat", "ears, nose and throat", "ent", "heent"],
            Terms("ear", "ears", "nose", "nasal", "mouth", "throat", "tonsils", "oropharynx", "turbinates")),
        (["eyes", "eye"], Terms("eye", "eyes", "pupil", "pupils")),
        (["neck"], Terms("neck", "thyroid", "lymph")),
        (["extremities"], Terms("arm", "arms", "leg", "legs", "extremity", "extremities")),
    ];

    /// <summary>Words of examining: "exam", "on palpation", "i'm going to listen", "looks".</summary>
    private static readonly FrozenSet<string> ExamWords = Terms("exam", "examination", "palpation", "palpate", "listen", "auscultation", "look", "looks", "press", "notable", "appreciated");

    private static readonly FrozenDictionary<string, FrozenSet<string>> PartsByHeading = Systems
        .SelectMany(s => s.Names.Select(n => (Name: n, s.Parts)))
        .ToFrozenDictionary(p => p.Name, p => p.Parts, StringComparer.Ordinal);

    [GeneratedRegex(@"[\s:.]+$")]
    private static partial Regex TrailingMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The clinician's turns that examine the system an exam heading names; null when the statement is no such heading.</summary>
    public static VisitLineRule.Found? Find(VisitFacts facts, StatementToCheck statement)
    {
        if (statement.Section != StatementSection.Objective)
        {
            return null;
        }

        var heading = Spaces().Replace(TrailingMarks().Replace(statement.Text.Trim(), ""), " ").ToLowerInvariant();
        if (!PartsByHeading.TryGetValue(heading, out var parts))
        {
            return null;
        }

        // Where turns dictate or announce an exam, only they count: a greeting's "sore throat" is the complaint, not its exam.
        var naming = facts.Segments.Where(s => !s.IsPatient && parts.Any(s.Mentions)).ToList();
        var examining = (naming.Any(s => ExamWords.Any(s.Mentions)) ? naming.Where(s => ExamWords.Any(s.Mentions)) : naming)
            .Select(s => s.Position).Take(3).ToList();
        return examining.Count == 0
            ? null
            : new VisitLineRule.Found(examining, $"exam heading: the clinician examines it in {string.Join(", ", examining.Select(p => facts.Segments[p].Segment.Id))}");
    }
}
