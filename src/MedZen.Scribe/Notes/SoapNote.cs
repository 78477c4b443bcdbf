using System.Text.Json.Serialization;

namespace MedZen.Scribe.Notes;

/// <summary>
/// One sentence of a note with the transcript segments that support it.
/// <see cref="Supported"/> is false when no segment backs the statement: it is shown flagged, never as fact.
/// </summary>
public sealed record NoteStatement(string Text, IReadOnlyList<string> Evidence, bool Supported = true)
{
    /// <summary>Why the faithfulness checker flagged the statement (problem kinds, e.g. "Number"); null when not checked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Checking.FaithfulnessProblem>? Problems { get; init; }

    /// <summary>The checker's short reason a clinician can read ("number: note says 50 mg, transcript says 25 mg").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    public static NoteStatement Unsupported(string text) => new(text, [], Supported: false);
}

/// <summary>An assessed problem with its optional ICD-10 suggestion and its own plan.</summary>
public sealed record Problem(
    string Name,
    string? Icd10Code,
    IReadOnlyList<NoteStatement> Assessment,
    IReadOnlyList<NoteStatement> Plan,
    IReadOnlyList<string>? Evidence = null);

public sealed record Subjective
{
    public IReadOnlyList<NoteStatement> ChiefComplaint { get; init; } = [];
    public IReadOnlyList<NoteStatement> HistoryOfPresentIllness { get; init; } = [];
    public IReadOnlyList<NoteStatement> ReviewOfSystems { get; init; } = [];
    public IReadOnlyList<NoteStatement> PastMedicalHistory { get; init; } = [];
    public IReadOnlyList<NoteStatement> PastSurgicalHistory { get; init; } = [];
    public IReadOnlyList<NoteStatement> FamilyHistory { get; init; } = [];
    public IReadOnlyList<NoteStatement> SocialHistory { get; init; } = [];
    public IReadOnlyList<NoteStatement> Medications { get; init; } = [];
    public IReadOnlyList<NoteStatement> Allergies { get; init; } = [];
}

public sealed record Objective
{
    public IReadOnlyList<NoteStatement> Vitals { get; init; } = [];
    public IReadOnlyList<NoteStatement> PhysicalExam { get; init; } = [];
    public IReadOnlyList<NoteStatement> Results { get; init; } = [];
}

/// <summary>The structured note. Assessment and Plan are kept per problem.</summary>
public sealed record SoapNote
{
    public Subjective Subjective { get; init; } = new();
    public Objective Objective { get; init; } = new();
    public IReadOnlyList<Problem> Problems { get; init; } = [];
    public IReadOnlyList<NoteStatement> PatientInstructions { get; init; } = [];

    /// <summary>The layout the note is shown in; the content is the same for every template.</summary>
    public NoteTemplate Template { get; init; } = NoteTemplate.Soap;

    /// <summary>Who and what the visit was, when known (no names of the patient).</summary>
    public VisitContext? Visit { get; init; }

    /// <summary>
    /// The faithfulness checker's findings about the note as a whole ("sex not stated in transcript; pronouns
    /// unverified"); null when the note was not checked or nothing was found.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Checking.NoteFinding>? CheckFindings { get; init; }

    [JsonIgnore]
    public IEnumerable<NoteStatement> AllStatements =>
        new[]
        {
            Subjective.ChiefComplaint, Subjective.HistoryOfPresentIllness, Subjective.ReviewOfSystems,
            Subjective.PastMedicalHistory, Subjective.PastSurgicalHistory, Subjective.FamilyHistory,
            Subjective.SocialHistory, Subjective.Medications, Subjective.Allergies,
            Objective.Vitals, Objective.PhysicalExam, Objective.Results,
        }
        .SelectMany(s => s)
        .Concat(Problems.SelectMany(p => p.Assessment.Concat(p.Plan)))
        .Concat(PatientInstructions);
}
