using MedZen.Scribe.Notes;

namespace MedZen.Server.Notes;

/// <summary>A place in a note that holds a list of statements, e.g. <c>subjective.chiefComplaint</c> or <c>problems.0.plan</c>.</summary>
public sealed record StatementList(string Path, string Section, string Label, IReadOnlyList<NoteStatement> Statements);

/// <summary>
/// Names every statement of a note by its JSON path (<c>subjective.chiefComplaint.0</c>, <c>problems.1.plan.2</c>), and
/// builds edited notes from those paths. The path is the statement's id within one version of the note.
/// </summary>
public static class NoteStatementPaths
{
    private static readonly (string Member, string Label, NotePart Part)[] SubjectiveParts =
    [
        ("chiefComplaint", "Chief complaint", NotePart.ChiefComplaint),
        ("historyOfPresentIllness", "History of present illness", NotePart.HistoryOfPresentIllness),
        ("reviewOfSystems", "Review of systems", NotePart.ReviewOfSystems),
        ("pastMedicalHistory", "Past medical history", NotePart.PastMedicalHistory),
        ("pastSurgicalHistory", "Past surgical history", NotePart.PastSurgicalHistory),
        ("familyHistory", "Family history", NotePart.FamilyHistory),
        ("socialHistory", "Social history", NotePart.SocialHistory),
        ("medications", "Medications", NotePart.Medications),
        ("allergies", "Allergies", NotePart.Allergies),
    ];

    private static readonly (string Member, string Label, NotePart Part)[] ObjectiveParts =
    [
        ("vitals", "Vitals", NotePart.Vitals),
        ("physicalExam", "Physical exam", NotePart.PhysicalExam),
        ("results", "Results", NotePart.Results),
    ];

    /// <summary>Every statement list in reading order (Subjective, Objective, Assessment, Plan, Instructions), empty ones included.</summary>
    public static IReadOnlyList<StatementList> Lists(SoapNote note)
    {
        var lists = new List<StatementList>();
        lists.AddRange(SubjectiveParts.Select(p => new StatementList("subjective." + p.Member, "Subjective", p.Label, NoteParts.Get(note, p.Part))));
        lists.AddRange(ObjectiveParts.Select(p => new StatementList("objective." + p.Member, "Objective", p.Label, NoteParts.Get(note, p.Part))));
        lists.AddRange(note.Problems.Select((p, i) => new StatementList($"problems.{i}.assessment", "Assessment", ProblemLabel(p), p.Assessment)));
        lists.AddRange(note.Problems.Select((p, i) => new StatementList($"problems.{i}.plan", "Plan", ProblemLabel(p), p.Plan)));
        lists.Add(new StatementList("patientInstructions", "Patient instructions", "Instructions", note.PatientInstructions));
        return lists;
    }

    public static IEnumerable<(string Path, NoteStatement Statement)> All(SoapNote note) =>
        Lists(note).SelectMany(l => l.Statements.Select((s, i) => ($"{l.Path}.{i}", s)));

    public static string ProblemLabel(Problem problem) =>
        problem.Icd10Code is { Length: > 0 } code ? $"{problem.Name} (ICD-10 {code})" : problem.Name;

    /// <summary>The note with the statement at <paramref name="path"/> given new text (its evidence stays).</summary>
    public static SoapNote Replace(SoapNote note, string path, string text) =>
        Change(note, path, (list, index) => index >= 0 && index < list.Count
            ? [.. list.Take(index), list[index] with { Text = text.Trim() }, .. list.Skip(index + 1)]
            : throw UnknownPath(path));

    /// <summary>The note without the statement at <paramref name="path"/>.</summary>
    public static SoapNote Remove(SoapNote note, string path) =>
        Change(note, path, (list, index) => index >= 0 && index < list.Count ? [.. list.Take(index), .. list.Skip(index + 1)] : throw UnknownPath(path));

    /// <summary>
    /// The note with a clinician's statement appended to the list at <paramref name="listPath"/>. It links to no transcript
    /// turn, so it is marked unsupported: the transcript does not say it.
    /// </summary>
    public static SoapNote Add(SoapNote note, string listPath, string text) =>
        Change(note, listPath + ".-1", (list, _) => [.. list, NoteStatement.Unsupported(text.Trim())]);

    private static SoapNote Change(SoapNote note, string path, Func<IReadOnlyList<NoteStatement>, int, IReadOnlyList<NoteStatement>> change)
    {
        var parts = path.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[^1], out var index) || index < -1)
        {
            throw UnknownPath(path);
        }

        switch (parts[0])
        {
            case "subjective" when parts.Length == 3:
                var s = note.Subjective;
                var subjective = parts[1] switch
                {
                    "chiefComplaint" => s with { ChiefComplaint = change(s.ChiefComplaint, index) },
                    "historyOfPresentIllness" => s with { HistoryOfPresentIllness = change(s.HistoryOfPresentIllness, index) },
                    "reviewOfSystems" => s with { ReviewOfSystems = change(s.ReviewOfSystems, index) },
                    "pastMedicalHistory" => s with { PastMedicalHistory = change(s.PastMedicalHistory, index) },
                    "pastSurgicalHistory" => s with { PastSurgicalHistory = change(s.PastSurgicalHistory, index) },
                    "familyHistory" => s with { FamilyHistory = change(s.FamilyHistory, index) },
                    "socialHistory" => s with { SocialHistory = change(s.SocialHistory, index) },
                    "medications" => s with { Medications = change(s.Medications, index) },
                    "allergies" => s with { Allergies = change(s.Allergies, index) },
                    _ => throw UnknownPath(path),
                };
                return note with { Subjective = subjective };
            case "objective" when parts.Length == 3:
                var o = note.Objective;
                var objective = parts[1] switch
                {
                    "vitals" => o with { Vitals = change(o.Vitals, index) },
                    "physicalExam" => o with { PhysicalExam = change(o.PhysicalExam, index) },
                    "results" => o with { Results = change(o.Results, index) },
                    _ => throw UnknownPath(path),
                };
                return note with { Objective = objective };
            case "problems" when parts.Length == 4 && int.TryParse(parts[1], out var p) && p >= 0 && p < note.Problems.Count:
                var problem = note.Problems[p];
                problem = parts[2] switch
                {
                    "assessment" => problem with { Assessment = change(problem.Assessment, index) },
                    "plan" => problem with { Plan = change(problem.Plan, index) },
                    _ => throw UnknownPath(path),
                };
                return note with { Problems = [.. note.Problems.Take(p), problem, .. note.Problems.Skip(p + 1)] };
            case "patientInstructions" when parts.Length == 2:
                return note with { PatientInstructions = change(note.PatientInstructions, index) };
            default:
                throw UnknownPath(path);
        }
    }

    private static Hosting.ApiProblemException UnknownPath(string path) =>
        new(StatusCodes.Status400BadRequest, "UnknownStatement", "The edit is invalid.", "No statement of the note has this id.") { Field = "statement" };
}
