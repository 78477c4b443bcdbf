namespace MedZen.Scribe.Notes;

/// <summary>How a note is laid out. The structured content is the same; only section order and headings differ.</summary>
public enum NoteTemplate
{
    /// <summary>Subjective, Objective, Assessment, Plan.</summary>
    Soap,

    /// <summary>Assessment and Plan first, then Subjective and Objective.</summary>
    Apso,

    /// <summary>History and physical in ACI-Bench's style: CHIEF COMPLAINT … ASSESSMENT AND PLAN.</summary>
    HistoryAndPhysical,
}

/// <summary>One list of statements in a <see cref="SoapNote"/>.</summary>
public enum NotePart
{
    ChiefComplaint,
    HistoryOfPresentIllness,
    ReviewOfSystems,
    PastMedicalHistory,
    PastSurgicalHistory,
    FamilyHistory,
    SocialHistory,
    Medications,
    Allergies,
    Vitals,
    PhysicalExam,
    Results,

    /// <summary>The per-problem assessments.</summary>
    Assessment,

    /// <summary>The per-problem plans.</summary>
    Plan,

    /// <summary>Each problem with its assessment and plan together.</summary>
    AssessmentAndPlan,
    PatientInstructions,
}

/// <summary>A labelled part inside a section. A null label means the part is the section's whole content.</summary>
public sealed record TemplatePart(string? Label, NotePart Part);

/// <summary>A top-level section: its heading and the parts under it, in order.</summary>
public sealed record TemplateSection(string Heading, IReadOnlyList<TemplatePart> Parts);

/// <summary>A template: section order and headings.</summary>
public sealed record NoteTemplateDefinition(NoteTemplate Template, string Title, IReadOnlyList<TemplateSection> Sections)
{
    private static readonly TemplateSection Subjective = new("Subjective",
    [
        new("Chief complaint", NotePart.ChiefComplaint),
        new("History of present illness", NotePart.HistoryOfPresentIllness),
        new("Review of systems", NotePart.ReviewOfSystems),
        new("Past medical history", NotePart.PastMedicalHistory),
        new("Past surgical history", NotePart.PastSurgicalHistory),
        new("Family history", NotePart.FamilyHistory),
        new("Social history", NotePart.SocialHistory),
        new("Medications", NotePart.Medications),
        new("Allergies", NotePart.Allergies),
    ]);

    private static readonly TemplateSection Objective = new("Objective",
    [
        new("Vitals", NotePart.Vitals),
        new("Physical exam", NotePart.PhysicalExam),
        new("Results", NotePart.Results),
    ]);

    private static readonly TemplateSection Assessment = new("Assessment", [new(null, NotePart.Assessment)]);
    private static readonly TemplateSection Plan = new("Plan", [new(null, NotePart.Plan)]);
    private static readonly TemplateSection Instructions = new("Patient instructions", [new(null, NotePart.PatientInstructions)]);

    public static NoteTemplateDefinition Soap { get; } =
        new(NoteTemplate.Soap, "SOAP Note", [Subjective, Objective, Assessment, Plan, Instructions]);

    public static NoteTemplateDefinition Apso { get; } =
        new(NoteTemplate.Apso, "APSO Note", [Assessment, Plan, Subjective, Objective, Instructions]);

    /// <summary>ACI-Bench's note headings (upper case, as its reference notes write them).</summary>
    public static NoteTemplateDefinition HistoryAndPhysical { get; } = new(NoteTemplate.HistoryAndPhysical, "History and Physical",
    [
        new("CHIEF COMPLAINT", [new(null, NotePart.ChiefComplaint)]),
        new("HISTORY OF PRESENT ILLNESS", [new(null, NotePart.HistoryOfPresentIllness)]),
        new("PAST HISTORY",
        [
            new("Medical", NotePart.PastMedicalHistory),
            new("Surgical", NotePart.PastSurgicalHistory),
            new("Family", NotePart.FamilyHistory),
            new("Social", NotePart.SocialHistory),
        ]),
        new("CURRENT MEDICATIONS", [new(null, NotePart.Medications)]),
        new("ALLERGIES", [new(null, NotePart.Allergies)]),
        new("REVIEW OF SYSTEMS", [new(null, NotePart.ReviewOfSystems)]),
        new("VITALS", [new(null, NotePart.Vitals)]),
        new("PHYSICAL EXAMINATION", [new(null, NotePart.PhysicalExam)]),
        new("RESULTS", [new(null, NotePart.Results)]),
        new("ASSESSMENT AND PLAN", [new(null, NotePart.AssessmentAndPlan)]),
        new("INSTRUCTIONS", [new(null, NotePart.PatientInstructions)]),
    ]);

    public static NoteTemplateDefinition For(NoteTemplate template) => template switch
    {
        NoteTemplate.Soap => Soap,
        NoteTemplate.Apso => Apso,
        NoteTemplate.HistoryAndPhysical => HistoryAndPhysical,
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Unknown note template."),
    };
}

/// <summary>Reads and writes the statement lists of a note by <see cref="NotePart"/>.</summary>
public static class NoteParts
{
    public static IReadOnlyList<NoteStatement> Get(SoapNote note, NotePart part) => part switch
    {
        NotePart.ChiefComplaint => note.Subjective.ChiefComplaint,
        NotePart.HistoryOfPresentIllness => note.Subjective.HistoryOfPresentIllness,
        NotePart.ReviewOfSystems => note.Subjective.ReviewOfSystems,
        NotePart.PastMedicalHistory => note.Subjective.PastMedicalHistory,
        NotePart.PastSurgicalHistory => note.Subjective.PastSurgicalHistory,
        NotePart.FamilyHistory => note.Subjective.FamilyHistory,
        NotePart.SocialHistory => note.Subjective.SocialHistory,
        NotePart.Medications => note.Subjective.Medications,
        NotePart.Allergies => note.Subjective.Allergies,
        NotePart.Vitals => note.Objective.Vitals,
        NotePart.PhysicalExam => note.Objective.PhysicalExam,
        NotePart.Results => note.Objective.Results,
        NotePart.Assessment => note.Problems.SelectMany(p => p.Assessment).ToList(),
        NotePart.Plan => note.Problems.SelectMany(p => p.Plan).ToList(),
        NotePart.AssessmentAndPlan => note.Problems.SelectMany(p => p.Assessment.Concat(p.Plan)).ToList(),
        NotePart.PatientInstructions => note.PatientInstructions,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "Unknown note part."),
    };
}
