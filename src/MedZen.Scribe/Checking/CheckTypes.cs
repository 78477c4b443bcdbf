using System.Text.Json.Serialization;

namespace MedZen.Scribe.Checking;

/// <summary>The part of a note a statement belongs to; it decides whose words may support it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StatementSection>))]
public enum StatementSection
{
    /// <summary>History and symptoms: the patient's own words may support it.</summary>
    Subjective,

    /// <summary>Exam, vitals and results: the clinician's words or a dictated or measured result.</summary>
    Objective,

    /// <summary>Diagnoses and reasoning: anyone's words.</summary>
    Assessment,

    /// <summary>Orders, prescriptions, referrals, follow-up: the clinician's words only.</summary>
    Plan,

    /// <summary>What the patient is told to do: the clinician's words only.</summary>
    Instructions,
}

/// <summary>A named reason a statement is not supported.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaithfulnessProblem>))]
public enum FaithfulnessProblem
{
    /// <summary>Nothing in the dialogue says it.</summary>
    NotInTranscript,

    /// <summary>The note affirms what was denied, or denies what was affirmed.</summary>
    Polarity,

    /// <summary>A dose, vital, duration or date differs from (or is absent in) what was said.</summary>
    Number,

    /// <summary>A medication the dialogue never names.</summary>
    Medication,

    /// <summary>Left, right or both differs from what was said, or was never said.</summary>
    Laterality,

    /// <summary>Pronouns or sex that contradict the patient's, or a sex the dialogue never states.</summary>
    Sex,

    /// <summary>Only the patient said it, in a section that needs the clinician's words.</summary>
    Speaker,

    /// <summary>The dialogue only asks it; nobody answered.</summary>
    QuestionOnly,
}

/// <summary>One statement to check: its id, section and text.</summary>
public sealed record StatementToCheck(string Id, StatementSection Section, string Text, IReadOnlyList<string>? CitedEvidence = null);

/// <summary>
/// The verdict on one statement: supported or not, the dialogue segments that support it (or come closest), the named
/// problems, and a short reason a clinician can read ("number: note says 50 mg, transcript says 25 mg").
/// </summary>
public sealed record StatementCheck(
    string Id,
    bool Supported,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<FaithfulnessProblem> Problems,
    string Reason);

/// <summary>The verdicts on every statement of one note, in note order, and how long the check took.</summary>
public sealed record NoteCheck(IReadOnlyList<StatementCheck> Statements, TimeSpan Elapsed)
{
    public int SupportedCount => Statements.Count(s => s.Supported);

    /// <summary>What the check found about the note as a whole (e.g. <see cref="NoteFinding.SexNotStated"/>); empty when nothing.</summary>
    public IReadOnlyList<NoteFinding> Findings { get; init; } = [];
}

/// <summary>
/// A finding about the whole note rather than one statement, shown beside the per-statement verdicts: a clinician
/// reads it once instead of seeing every statement flagged for it.
/// </summary>
/// <param name="Code">A stable name (<c>sexNotStated</c>).</param>
/// <param name="Message">What a clinician reads.</param>
public sealed record NoteFinding(string Code, string Message)
{
    /// <summary>The dialogue never states the patient's sex (and no sex is recorded for the visit), yet the note uses he/she.</summary>
    public const string SexNotStated = "sexNotStated";
}

/// <summary>Parses section names as the check interface spells them.</summary>
public static class StatementSections
{
    /// <summary>"subjective", "objective", "assessment", "plan", "instructions" (any case); null when unknown.</summary>
    public static StatementSection? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "subjective" => StatementSection.Subjective,
        "objective" => StatementSection.Objective,
        "assessment" => StatementSection.Assessment,
        "plan" => StatementSection.Plan,
        "instructions" => StatementSection.Instructions,
        _ => null,
    };

    /// <summary>The name used in the check interface.</summary>
    public static string Name(this StatementSection section) => section.ToString().ToLowerInvariant();

    /// <summary>Sections whose statements need the clinician's words (or a dictated or measured result).</summary>
    public static bool NeedsClinician(this StatementSection section) =>
        section is StatementSection.Objective or StatementSection.Plan or StatementSection.Instructions;
}
