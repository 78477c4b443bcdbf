using System.Text.RegularExpressions;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Evaluation;

/// <summary>One note's clinical figures: what a physician reviewer would count by hand.</summary>
public sealed record ClinicalCounts(
    int Statements,
    int GarbledNumberStatements,
    int QuestionStatements,
    int SpokenMarkerStatements,
    bool WrongSex,
    bool MissingAssessmentOrPlan,
    int ReferenceDrugs,
    int RecalledDrugs,
    int ReferenceDoses,
    int ExactDoses)
{
    public static readonly ClinicalCounts None = new(0, 0, 0, 0, false, false, 0, 0, 0, 0);
}

/// <summary>
/// Counts, per note, the faults a physician reviewer finds: ASR-split numbers left in ("20 5 milligrams"), questions
/// copied as statements, spoken style (first or second person, fillers, voice commands), the wrong patient sex against
/// the reference note, a missing assessment or plan, and the reference's drugs and exact doses that the note misses.
/// </summary>
public static partial class ClinicalMetrics
{
    /// <summary>A tens word or a round ten followed by a lone digit ("20 5", "eighty 1"), or digits split by spaces before a unit.</summary>
    [GeneratedRegex(@"\b(?:(?:[2-9]0|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred) (?:[1-9]|one|two|three|four|five|six|seven|eight|nine)\b(?! ?(?:to|-|or|and)\b)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) ?\d|\d+ (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b|\b1 [1-9]0 [1-9]\b)", RegexOptions.IgnoreCase)]
    private static partial Regex GarbledNumber();

    [GeneratedRegex(@"^(?:(?:and|so|okay|now),? )?(?:(?:do|does|did|have|has|are|is|were|was|can|could|would|will|any) (?:you|she|he|they|it|there|the patient|him|her)\b|(?:what|how|when|where|why|which|who)\b(?! (?:she|he|the patient) (?:\w+s|is|was|has)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionOpening();

    [GeneratedRegex(@"\b(?:I|I'm|I've|I'd|I'll|us)\b")]
    private static partial Regex FirstPersonCapitalI();

    [GeneratedRegex(@"(?:\b(?:me|my|mine|myself|we|we're|we've|we'll|our|ours|you|you're|you've|your|yours|yourself|um+|uh+|hmm+|mm-hmm|uh-huh|gon na|gonna|wan na|wanna|kinda|sorta|yeah|yep|okay|alright|let's)\b|\bdragon\b|\blike,)", RegexOptions.IgnoreCase)]
    private static partial Regex SpokenMarker();

    [GeneratedRegex(@"\b(?:she|her|hers|herself|mrs|ms|miss|woman|female|lady|girl)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FemaleWord();

    [GeneratedRegex(@"\b(?:he|him|his|himself|mr|man|male|gentleman|boy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MaleWord();

    [GeneratedRegex(@"(?<number>\d+(?:\.\d+)?)\s?(?<unit>mg|mcg|milligrams?|micrograms?|units?|ml|milliliters?|g|grams?|meq|%)(?![a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex Dose();

    /// <param name="dialogue">The visit as said: a reference drug counts only when the transcript names it too.</param>
    public static ClinicalCounts Count(SoapNote note, string reference, string dialogue)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(dialogue);
        var statements = note.AllStatements.Select(s => s.Text).Concat(note.Problems.Select(p => p.Name)).ToList();
        var noteText = string.Join(' ', statements);
        var said = DrugLexicon.Find(dialogue);
        var referenceDrugs = DrugLexicon.Find(reference).Where(said.Contains).ToList();
        var noteDrugs = DrugLexicon.Find(noteText);
        var referenceDoses = Doses(reference);
        var noteDoses = Doses(noteText);
        return new ClinicalCounts(
            statements.Count,
            statements.Count(IsGarbledNumber),
            statements.Count(IsQuestion),
            statements.Count(HasSpokenMarker),
            IsWrongSex(noteText, reference),
            note.Problems.Count == 0 || !note.Problems.Any(p => p.Plan.Count > 0),
            referenceDrugs.Count,
            referenceDrugs.Count(noteDrugs.Contains),
            referenceDoses.Count,
            referenceDoses.Count(noteDoses.Contains));
    }

    public static bool IsGarbledNumber(string statement) => GarbledNumber().IsMatch(statement);

    public static bool IsQuestion(string statement)
    {
        var text = statement.Trim();
        return text.EndsWith('?') || QuestionOpening().IsMatch(text);
    }

    public static bool HasSpokenMarker(string statement) => SpokenMarker().IsMatch(statement) || FirstPersonCapitalI().IsMatch(statement);

    /// <summary>The sex a text's pronouns and titles give, when one side clearly dominates; null when unclear.</summary>
    public static char? SexOf(string text)
    {
        int female = FemaleWord().Count(text ?? ""), male = MaleWord().Count(text ?? "");
        if (female >= 2 && female >= 3 * male)
        {
            return 'F';
        }

        return male >= 2 && male >= 3 * female ? 'M' : null;
    }

    /// <summary>The reference settles the sex; the note is wrong when it refers to the patient by the other sex more than by theirs.</summary>
    private static bool IsWrongSex(string noteText, string reference)
    {
        var expected = SexOf(reference);
        if (expected is null)
        {
            return false;
        }

        int female = FemaleWord().Count(noteText), male = MaleWord().Count(noteText);
        return expected == 'F' ? male > female : female > male;
    }

    private static HashSet<string> Doses(string text) =>
        Dose().Matches(text).Select(m => m.Groups["number"].Value + " " + UnitOf(m.Groups["unit"].Value)).ToHashSet(StringComparer.Ordinal);

    private static string UnitOf(string unit) => unit.ToLowerInvariant() switch
    {
        "milligram" or "milligrams" => "mg",
        "microgram" or "micrograms" => "mcg",
        "unit" => "units",
        "milliliter" or "milliliters" => "ml",
        "gram" or "grams" => "g",
        var u => u,
    };
}
