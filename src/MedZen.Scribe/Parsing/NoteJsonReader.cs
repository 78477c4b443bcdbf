using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Transcripts;

namespace MedZen.Scribe.Parsing;

/// <summary>
/// Checks a reply object against <see cref="Prompting.NoteReplySchema"/> strictly and builds the note.
/// Evidence is verified: an id not in the transcript is dropped and its statement marked unsupported;
/// a statement with no valid id left is unsupported too.
/// </summary>
internal sealed class NoteJsonReader(Transcript transcript)
{
    public SoapNote Read(JsonObject root)
    {
        var subjective = RequiredObject(root, "subjective", "$");
        var objective = RequiredObject(root, "objective", "$");
        return new SoapNote
        {
            Subjective = new Subjective
            {
                ChiefComplaint = Statements(subjective, "chiefComplaint", "$.subjective"),
                HistoryOfPresentIllness = Statements(subjective, "historyOfPresentIllness", "$.subjective"),
                ReviewOfSystems = Statements(subjective, "reviewOfSystems", "$.subjective"),
                PastMedicalHistory = Statements(subjective, "pastMedicalHistory", "$.subjective"),
                PastSurgicalHistory = Statements(subjective, "pastSurgicalHistory", "$.subjective"),
                FamilyHistory = Statements(subjective, "familyHistory", "$.subjective"),
                SocialHistory = Statements(subjective, "socialHistory", "$.subjective"),
                Medications = Statements(subjective, "medications", "$.subjective"),
                Allergies = Statements(subjective, "allergies", "$.subjective"),
            },
            Objective = new Objective
            {
                Vitals = Statements(objective, "vitals", "$.objective"),
                PhysicalExam = Statements(objective, "physicalExam", "$.objective"),
                Results = Statements(objective, "results", "$.objective"),
            },
            Problems = Problems(root),
            PatientInstructions = Statements(root, "patientInstructions", "$"),
        };
    }

    private List<Problem> Problems(JsonObject root)
    {
        var array = root["problems"] as JsonArray
            ?? throw Violation("$.problems", root["problems"] is null ? "is missing" : "must be an array");
        var problems = new List<Problem>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.problems[{i}]";
            var item = array[i] as JsonObject ?? throw Violation(path, "must be an object");
            var name = RequiredString(item, "name", path);
            string? icd10 = null;
            if (item["icd10Code"] is { } code)
            {
                icd10 = code is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? v.GetValue<string>()
                    : throw Violation($"{path}.icd10Code", "must be a string or null");
                icd10 = string.IsNullOrWhiteSpace(icd10) ? null : icd10.Trim();
            }

            var assessment = Statements(item, "assessment", path);
            var plan = Statements(item, "plan", path);
            var evidence = assessment.Concat(plan).SelectMany(s => s.Evidence).Distinct(StringComparer.Ordinal).ToList();
            problems.Add(new Problem(name, icd10, assessment, plan, evidence));
        }

        return problems;
    }

    private List<NoteStatement> Statements(JsonObject parent, string property, string parentPath)
    {
        var path = $"{parentPath}.{property}";
        var node = parent[property];
        if (node is null)
        {
            return [];
        }

        var array = node as JsonArray ?? throw Violation(path, "must be an array of statements");
        var statements = new List<NoteStatement>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = array[i] as JsonObject ?? throw Violation(itemPath, "must be an object with text and evidence");
            var text = RequiredString(item, "text", itemPath);
            var evidenceNode = item["evidence"] as JsonArray
                ?? throw Violation($"{itemPath}.evidence", item["evidence"] is null ? "is missing" : "must be an array of segment ids");
            var cited = new List<string>(evidenceNode.Count);
            for (var j = 0; j < evidenceNode.Count; j++)
            {
                cited.Add(evidenceNode[j] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                    ? v.GetValue<string>().Trim()
                    : throw Violation($"{itemPath}.evidence[{j}]", "must be a string segment id"));
            }

            statements.Add(Verified(text, cited));
        }

        return statements;
    }

    /// <summary>Keeps the cited ids that exist; the statement is supported only when it cited something and all of it exists.</summary>
    internal NoteStatement Verified(string text, IReadOnlyList<string> cited)
    {
        var known = cited.Where(id => transcript.Find(id) is not null).Distinct(StringComparer.Ordinal).ToList();
        var supported = cited.Count > 0 && known.Count == cited.Distinct(StringComparer.Ordinal).Count();
        return new NoteStatement(text, known, supported);
    }

    private static JsonObject RequiredObject(JsonObject parent, string property, string parentPath) =>
        parent[property] as JsonObject
        ?? throw Violation($"{parentPath}.{property}", parent[property] is null ? "is missing" : "must be an object");

    private static string RequiredString(JsonObject parent, string property, string parentPath)
    {
        var node = parent[property];
        var value = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : null;
        return string.IsNullOrEmpty(value)
            ? throw Violation($"{parentPath}.{property}", node is null ? "is missing" : "must be a non-empty string")
            : value;
    }

    private static NoteParseException Violation(string path, string problem) =>
        new(NoteParseErrorNames.NoteSchemaViolation, $"The model's note does not match the schema: {path} {problem}.");
}
