using System.Collections.Frozen;
using MedZen.Scribe.Normalization;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Checking;

/// <summary>The patient's sex against the note's pronouns: per statement when the sex is stated, a note finding when it is not.</summary>
internal static class SexRules
{
    private static readonly FrozenSet<string> FemaleWords = new[] { "she", "her", "hers", "herself" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> MaleWords = new[] { "he", "him", "his", "himself" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Findings about the note as a whole. When neither the dialogue nor the visit's record states the patient's sex,
    /// a he or she in the note cannot be verified: one finding says so for the note, instead of flagging every statement
    /// (the checker never guesses sex). When the sex is stated, a wrong pronoun is a <see cref="FaithfulnessProblem.Sex"/>
    /// problem of its statement.
    /// </summary>
    internal static List<NoteFinding> FindingsOf(VisitFacts facts, PatientSex recorded, IEnumerable<string> texts)
    {
        var findings = new List<NoteFinding>();
        if (facts.Sex == PatientSex.Unknown && recorded == PatientSex.Unknown)
        {
            var gendered = texts.Count(t => ClinicalNormalizer.Tokens(t).Any(w => FemaleWords.Contains(w.Text) || MaleWords.Contains(w.Text)));
            if (gendered > 0)
            {
                findings.Add(new NoteFinding(NoteFinding.SexNotStated,
                    $"sex not stated in transcript; pronouns unverified ({gendered} statement{(gendered == 1 ? "" : "s")} use he or she)"));
            }
        }

        return findings;
    }

    /// <summary>The sex recorded for the visit (not guessed): used only when the dialogue itself never states it.</summary>
    internal static PatientSex RecordedSex(VisitContext? visit) => visit?.PatientSex?.Trim().ToLowerInvariant() switch
    {
        "female" or "f" => PatientSex.Female,
        "male" or "m" => PatientSex.Male,
        _ => PatientSex.Unknown,
    };

    internal static void CheckSex(PatientSex sex, string text, List<(FaithfulnessProblem, string)> problems)
    {
        var words = ClinicalNormalizer.Tokens(text).Select(t => t.Text).ToList();
        var female = words.Count(FemaleWords.Contains);
        var male = words.Count(MaleWords.Contains);
        if (female + male == 0)
        {
            return;
        }

        // Sex never stated: not this statement's problem but the note's (FindingsOf), so nothing is guessed either way.
        switch (sex)
        {
            case PatientSex.Female when female == 0:
                problems.Add((FaithfulnessProblem.Sex, "sex: note says he, the transcript's patient is female"));
                break;
            case PatientSex.Male when male == 0:
                problems.Add((FaithfulnessProblem.Sex, "sex: note says she, the transcript's patient is male"));
                break;
        }
    }
}
