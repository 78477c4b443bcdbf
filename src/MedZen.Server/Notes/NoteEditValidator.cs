using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Server.Hosting;

namespace MedZen.Server.Notes;

/// <summary>
/// What an edited note must keep before it is stored, for the API and the console alike: known sections only, at least
/// one statement in Subjective or Objective and one in Assessment or Plan, no empty statements, and a reason for the edit.
/// A refusal is a 400 problem naming the field.
/// </summary>
public static class NoteEditValidator
{
    private static readonly HashSet<string> NoteMembers = ["subjective", "objective", "problems", "patientInstructions", "template", "visit", "checkFindings"];

    private static readonly HashSet<string> SubjectiveMembers =
    [
        "chiefComplaint", "historyOfPresentIllness", "reviewOfSystems", "pastMedicalHistory", "pastSurgicalHistory",
        "familyHistory", "socialHistory", "medications", "allergies",
    ];

    private static readonly HashSet<string> ObjectiveMembers = ["vitals", "physicalExam", "results"];

    private static readonly HashSet<string> ProblemMembers = ["name", "icd10Code", "assessment", "plan", "evidence"];

    public const int MaxReasonLength = 500;

    /// <summary>Checks the edit's JSON shape (sections known) before it is read as a note.</summary>
    public static void ValidateShape(JsonObject note)
    {
        UnknownMember(note, NoteMembers, "note");
        if (note["subjective"] is JsonObject subjective)
        {
            UnknownMember(subjective, SubjectiveMembers, "note.subjective");
        }

        if (note["objective"] is JsonObject objective)
        {
            UnknownMember(objective, ObjectiveMembers, "note.objective");
        }

        if (note["problems"] is JsonArray problems)
        {
            for (var i = 0; i < problems.Count; i++)
            {
                if (problems[i] is JsonObject problem)
                {
                    UnknownMember(problem, ProblemMembers, $"note.problems.{i}");
                }
            }
        }
    }

    /// <summary>Checks the content of an edited note and the edit's reason.</summary>
    public static void Validate(SoapNote note, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Invalid("reason", "MissingField", "reason is required: say why the note changed.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw Invalid("reason", "FieldTooLong", $"reason is longer than {MaxReasonLength} characters.");
        }

        foreach (var (path, statement) in NoteStatementPaths.All(note))
        {
            if (string.IsNullOrWhiteSpace(statement.Text))
            {
                throw Invalid("note." + path, "EmptyStatement", $"note.{path} has no text; delete the statement instead.");
            }
        }

        for (var i = 0; i < note.Problems.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(note.Problems[i].Name))
            {
                throw Invalid($"note.problems.{i}.name", "MissingField", $"note.problems.{i}.name is required.");
            }
        }

        var subjectiveOrObjective = NoteStatementPaths.All(note).Any(p => p.Path.StartsWith("subjective.", StringComparison.Ordinal) || p.Path.StartsWith("objective.", StringComparison.Ordinal));
        if (!subjectiveOrObjective)
        {
            throw Invalid("note.subjective", "NoteIncomplete", "A note keeps at least one statement in Subjective or Objective.");
        }

        if (!note.Problems.Any(p => p.Assessment.Count + p.Plan.Count > 0))
        {
            throw Invalid("note.problems", "NoteIncomplete", "A note keeps at least one statement in Assessment or Plan.");
        }
    }

    private static void UnknownMember(JsonObject node, HashSet<string> known, string path)
    {
        foreach (var (name, _) in node)
        {
            if (!known.Contains(name))
            {
                throw Invalid($"{path}.{name}", "UnknownSection", $"{path}.{name} is not a section of a SOAP note.");
            }
        }
    }

    private static ApiProblemException Invalid(string field, string error, string detail) =>
        new(StatusCodes.Status400BadRequest, error, "The edit is invalid.", detail) { Field = field };
}
