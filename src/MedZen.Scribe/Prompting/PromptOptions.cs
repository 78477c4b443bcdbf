using MedZen.Scribe.Notes;

namespace MedZen.Scribe.Prompting;

/// <summary>Knobs of the note-writing request.</summary>
public sealed record PromptOptions
{
    public static PromptOptions Default { get; } = new();

    /// <summary>Most tokens the reply may use. <value>Default 4,096: a long visit's note in JSON with evidence ids is ~2,500.</value></summary>
    public int MaxTokens { get; init; } = 4096;

    /// <summary>Sampling temperature; omitted from the request when null. <value>Default 0.2 (notes should be stable, not creative).</value></summary>
    public double? Temperature { get; init; } = 0.2;

    /// <summary>The layout the clinician wants; the model is told the headings it will be shown under. <value>Default SOAP.</value></summary>
    public NoteTemplate Template { get; init; } = NoteTemplate.Soap;
}
