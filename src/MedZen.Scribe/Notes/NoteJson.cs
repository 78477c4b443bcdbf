using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedZen.Scribe.Notes;

/// <summary>
/// JSON for stored notes: camelCase, enums as their names, nulls omitted. Source-generated (no reflection).
/// The model's reply uses the same property names (see <c>Prompting.NoteReplySchema</c>).
/// </summary>
public static class NoteJson
{
    public static string Serialize(SoapNote note, bool indented = false) =>
        JsonSerializer.Serialize(note, indented ? NoteJsonContext.Indented.SoapNote : NoteJsonContext.Default.SoapNote);

    /// <exception cref="JsonException">The text is not a stored note.</exception>
    public static SoapNote Deserialize(string json) =>
        NoteDefaults.Complete(JsonSerializer.Deserialize(json, NoteJsonContext.Default.SoapNote)
            ?? throw new JsonException("A stored note is null."));
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(SoapNote))]
internal sealed partial class NoteJsonContext : JsonSerializerContext
{
    private static NoteJsonContext? _indented;

    public static NoteJsonContext Indented => _indented ??= new(new JsonSerializerOptions(Default.Options) { WriteIndented = true });
}
