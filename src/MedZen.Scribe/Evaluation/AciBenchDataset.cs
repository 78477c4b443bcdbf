using System.Text.Json;

namespace MedZen.Scribe.Evaluation;

/// <summary>
/// One evaluation visit: ACI-Bench's <c>{id, dialogue, note}</c>, or MTS-Dialog's <c>{id, section_header, dialogue,
/// section_text}</c>, whose reference is one note section: <see cref="Note"/> holds that section's text and
/// <see cref="SectionHeader"/> names it.
/// </summary>
public sealed record EvaluationVisit(string Id, string Dialogue, string Note, string? SectionHeader = null);

/// <summary>Reads ACI-Bench style JSON Lines and finds the project's shared data folder.</summary>
public static class AciBenchDataset
{
    public const string SharedFolderVariable = "MEDZEN_SHARED";

    public static IReadOnlyList<EvaluationVisit> Read(string path)
    {
        var visits = new List<EvaluationVisit>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = ParseLine(line, lineNumber);
            var root = document.RootElement;
            var header = OptionalField(root, "section_header");
            visits.Add(new EvaluationVisit(
                Field(root, "id", lineNumber),
                Field(root, "dialogue", lineNumber),
                OptionalField(root, "note") ?? (header is null ? null : OptionalField(root, "section_text")) ?? "",
                header));
        }

        return visits;
    }

    /// <summary>
    /// The shared data folder: <c>MEDZEN_SHARED</c> when set, else <c>&lt;repo root&gt;/../shared</c> where the repo root is the
    /// nearest folder above <paramref name="startDirectory"/> holding <c>MedZen.slnx</c>. Null when neither exists.
    /// </summary>
    public static string? FindSharedFolder(string? startDirectory = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(SharedFolderVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var directory = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MedZen.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }

    private static JsonDocument ParseLine(string line, int lineNumber)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Line {lineNumber} is not valid JSON.", e);
        }
    }

    private static string? OptionalField(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Field(JsonElement root, string name, int lineNumber) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"Line {lineNumber} has no string field '{name}'.");
}
