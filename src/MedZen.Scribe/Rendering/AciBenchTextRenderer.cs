using System.Text;
using System.Text.RegularExpressions;
using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Rendering;

/// <summary>
/// Plain text in ACI-Bench's section style: an ALL-CAPS header line, a blank line, the section's text.
/// Empty sections are left out. Each problem of the assessment and plan is its name, then its assessment labelled
/// "Medical Reasoning:" and its plan labelled "Medical Treatment:", and the review of systems and the physical examination are grouped by body
/// system ("Respiratory: His lungs are clear."), as ACI-Bench's scribes lay them out.
/// Used to score notes against ACI-Bench references.
/// </summary>
public static partial class AciBenchTextRenderer
{
    public static string Render(SoapNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var text = new StringBuilder();
        Section(text, "CHIEF COMPLAINT", note.Subjective.ChiefComplaint);
        Section(text, "HISTORY OF PRESENT ILLNESS", note.Subjective.HistoryOfPresentIllness);
        Section(text, "PAST MEDICAL HISTORY", note.Subjective.PastMedicalHistory);
        Section(text, "PAST SURGICAL HISTORY", note.Subjective.PastSurgicalHistory);
        Section(text, "FAMILY HISTORY", note.Subjective.FamilyHistory);
        Section(text, "SOCIAL HISTORY", note.Subjective.SocialHistory);
        Section(text, "MEDICATIONS", note.Subjective.Medications);
        Section(text, "ALLERGIES", note.Subjective.Allergies);
        Grouped(text, "REVIEW OF SYSTEMS", note.Subjective.ReviewOfSystems, ReviewSystemOf);
        Section(text, "VITALS", note.Objective.Vitals);
        Grouped(text, "PHYSICAL EXAMINATION", note.Objective.PhysicalExam, ExamSystemOf);
        Section(text, "RESULTS", note.Objective.Results);
        if (note.Problems.Count > 0)
        {
            text.Append("ASSESSMENT AND PLAN\n\n");
            foreach (var problem in note.Problems)
            {
                text.Append(problem.Name.TrimEnd('.')).Append(".\n");
                Paragraph(text, problem.Assessment, "Medical Reasoning: ");
                Paragraph(text, problem.Plan, "Medical Treatment: ");
                text.Append('\n');
            }
        }

        Section(text, "INSTRUCTIONS", note.PatientInstructions);
        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>
    /// Body systems of the examination. A finding goes under the system it names first ("on his knee exam, some erythema"
    /// is musculoskeletal, "tenderness of the right lower quadrant, but his heart sounds clear" gastrointestinal); a vital
    /// sign said in passing ("heart rate", "respiratory rate") names no system.
    /// </summary>
    private static readonly (string System, Regex Words)[] ExamSystems =
    [
        ("Neck", NeckWords()),
        ("Respiratory", RespiratoryWords()),
        ("Cardiovascular", CardiovascularWords()),
        ("Gastrointestinal", GastrointestinalWords()),
        ("Neurological", NeurologicalWords()),
        ("Skin", SkinWords()),
        ("Musculoskeletal", MusculoskeletalWords()),
    ];

    [GeneratedRegex(@"\b(?:neck|thyroid|thyromegaly|lymphadenopathy|carotids?|jvd|jugular)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeckWords();

    [GeneratedRegex(@"\b(?:lungs?|breath sounds|wheez\w*|crackles|rales|rhonchi|respiratory(?! rate)|breathing(?! rate))\b", RegexOptions.IgnoreCase)]
    private static partial Regex RespiratoryWords();

    [GeneratedRegex(@"\b(?:heart(?! rate)|murmurs?|rhythm|pulses?(?! rate| ox)|cardiac|gallops?|rubs?|capillary refill)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CardiovascularWords();

    [GeneratedRegex(@"\b(?:abdomen|abdominal|bowel sounds|liver|spleen|hernia|quadrant|epigastric|belly)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GastrointestinalWords();

    [GeneratedRegex(@"\b(?:reflexes|sensation|neuro\w*|cranial nerves?|gait|numbness|tinel'?s?|phalen'?s?|spurling'?s?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeurologicalWords();

    /// <summary>The skin itself; bruising and swelling of a limb or joint are the musculoskeletal exam (as ACI-Bench's scribes file them).</summary>
    [GeneratedRegex(@"\b(?:skin|rash|lesions?|wound|incision|erythema|laceration|moles?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SkinWords();

    [GeneratedRegex(@"\b(?:knees?|shoulders?|hips?|ankles?|wrists?|elbows?|spine|back|joints?|range of motion|extremit\w*|strength|fingers?|toes?|foot|feet|hands?|legs?|arms?|muscles?|malleolus|fracture|crepitus|metacarpals?|metatarsals?|flexion|extension)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MusculoskeletalWords();

    /// <summary>Signs that name no site ("tenderness", "swelling"): musculoskeletal only when the finding names no system at all.</summary>
    [GeneratedRegex(@"\b(?:tenderness|tender|swelling|swollen|edema|bruis\w*|ecchymosis)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MusculoskeletalSigns();

    /// <summary>Body systems of the review of systems, as ACI-Bench's scribes label them; a finding goes under the system it names first.</summary>
    private static readonly (string System, Regex Words)[] ReviewSystems =
    [
        ("Constitutional", ConstitutionalSymptoms()),
        ("HENT", HentSymptoms()),
        ("Eyes", EyeSymptoms()),
        ("Respiratory", RespiratorySymptoms()),
        ("Cardiovascular", CardiovascularSymptoms()),
        ("Gastrointestinal", GastrointestinalSymptoms()),
        ("Genitourinary", GenitourinarySymptoms()),
        ("Musculoskeletal", MusculoskeletalSymptoms()),
        ("Neurological", NeurologicalSymptoms()),
        ("Psychiatric", PsychiatricSymptoms()),
        ("Skin", SkinSymptoms()),
    ];

    [GeneratedRegex(@"\b(?:fevers?|chills|night sweats|sweats|weight (?:loss|gain)|(?:lost|gained) weight|fatigue|tired\w*|appetite|malaise|energy)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConstitutionalSymptoms();

    [GeneratedRegex(@"\b(?:ears?|hearing|sore throat|throat|sinus\w*|nasal|congestion|runny nose|nose|earache)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HentSymptoms();

    [GeneratedRegex(@"\b(?:vision|visual|eyes?|blurr\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EyeSymptoms();

    [GeneratedRegex(@"\b(?:cough\w*|shortness of breath|short of breath|wheez\w*|breathing|sputum|phlegm)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RespiratorySymptoms();

    [GeneratedRegex(@"\b(?:chest pains?|palpitations|heart|racing|swelling in (?:the|her|his|the patient's) (?:legs|feet|ankles)|leg swelling|edema)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CardiovascularSymptoms();

    [GeneratedRegex(@"\b(?:nausea|nauseous|vomit\w*|diarrhea|constipat\w*|abdominal|belly|stomach|stools?|bowel\w*|heartburn|reflux|blood in (?:the|her|his) stool)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GastrointestinalSymptoms();

    [GeneratedRegex(@"\b(?:urin\w*|bladder|dysuria|burning with urination|incontinence|pee\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GenitourinarySymptoms();

    [GeneratedRegex(@"\b(?:joints?|muscles?|back pain|knees?|shoulders?|hips?|ankles?|wrists?|elbows?|neck pain|stiffness|myalgias?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MusculoskeletalSymptoms();

    [GeneratedRegex(@"\b(?:numbness|tingling|headaches?|dizz\w*|lightheaded\w*|weakness|seizures?|fainting|passing out|syncope|balance)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeurologicalSymptoms();

    [GeneratedRegex(@"\b(?:depress\w*|anxi\w*|mood|suicid\w*|stress)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PsychiatricSymptoms();

    [GeneratedRegex(@"\b(?:rash\w*|itch\w*|skin|lesions?|hives)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SkinSymptoms();

    /// <summary>The system a finding names first in its text, or "" when it names none.</summary>
    internal static string SystemOf(string finding, (string System, Regex Words)[] systems)
    {
        var (best, at) = ("", int.MaxValue);
        foreach (var (system, words) in systems)
        {
            var match = words.Match(finding);
            if (match.Success && match.Index < at)
            {
                (best, at) = (system, match.Index);
            }
        }

        return best;
    }

    /// <summary>The exam's body system of a finding (see <see cref="ExamSystems"/>).</summary>
    internal static string ExamSystemOf(string finding) => SystemOf(finding, ExamSystems) is { Length: > 0 } system ? system
        : MusculoskeletalSigns().IsMatch(finding) ? "Musculoskeletal" : "";

    /// <summary>The review-of-systems label of a finding (see <see cref="ReviewSystems"/>).</summary>
    internal static string ReviewSystemOf(string finding) => SystemOf(finding, ReviewSystems);

    /// <summary>A section whose statements are grouped by body system, each on a line of its own under its name; findings no system names come first.</summary>
    private static void Grouped(StringBuilder text, string header, IReadOnlyList<NoteStatement> statements, Func<string, string> systemOf)
    {
        if (statements.Count == 0)
        {
            return;
        }

        text.Append(header).Append("\n\n");
        // GroupBy keeps the order in which systems first appear, and OrderBy is stable.
        foreach (var group in statements.GroupBy(s => systemOf(s.Text)).OrderBy(g => g.Key.Length == 0 ? 0 : 1))
        {
            Paragraph(text, [.. group], group.Key.Length == 0 ? "" : group.Key + ": ");
        }

        text.Append('\n');
    }

    private static void Section(StringBuilder text, string header, IReadOnlyList<NoteStatement> statements)
    {
        if (statements.Count == 0)
        {
            return;
        }

        text.Append(header).Append("\n\n");
        Paragraph(text, statements);
        text.Append('\n');
    }

    private static void Paragraph(StringBuilder text, IReadOnlyList<NoteStatement> statements, string label = "")
    {
        if (statements.Count > 0)
        {
            text.Append(label).AppendJoin(' ', statements.Select(s => s.Supported ? s.Text : $"[unsupported] {s.Text}")).Append('\n');
        }
    }
}
