namespace MedZen.Scribe.Notes;

/// <summary>
/// Visit metadata given to the model and carried on the note. Holds no patient name: age and sex are enough to write the note.
/// Ids are opaque references used to link the FHIR resources; they are never sent to the model.
/// </summary>
public sealed record VisitContext
{
    public int? PatientAge { get; init; }

    /// <summary>As recorded: <c>female</c>, <c>male</c>, <c>other</c>, <c>unknown</c> (free text is passed through to the prompt).</summary>
    public string? PatientSex { get; init; }

    public string? ProviderName { get; init; }

    public string? ProviderSpecialty { get; init; }

    public string? AppointmentReason { get; init; }

    public DateTimeOffset? AppointmentDate { get; init; }

    public string? PatientId { get; init; }

    public string? ProviderId { get; init; }

    public string? AppointmentId { get; init; }
}
