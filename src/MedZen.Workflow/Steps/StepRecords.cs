using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.Scribe.Notes;

namespace MedZen.Workflow.Steps;

// The five steps' payloads (six with send-notification) as the definition passes them (Parameters.Payload) and reads them
// back (ResultSelector's $.Payload.*), serialized by StepJsonContext: camelCase, nulls left out unless a member says
// otherwise. The member names are the wire format shared with soap-note.asl.json and deploy/aws; StepWireFormatTests pins them.
// An input's required members are C# `required`; a required string must also be non-empty (WorkflowStep checks both).

/// <summary>fetch-transcript's input: the session whose transcript to read.</summary>
public sealed record TranscriptRequest
{
    public required string SessionId { get; init; }
}

/// <summary>fetch-transcript's output: a reference to one transcript version and its counts, never its words.</summary>
public sealed record TranscriptReference
{
    public required string TranscriptId { get; init; }
    public required string Language { get; init; }
    public int SegmentCount { get; init; }
    public int WordCount { get; init; }
}

/// <summary>enrich-metadata's input: the visit's ids and the transcript version fetched for it.</summary>
public sealed record EnrichmentRequest
{
    public required string SessionId { get; init; }
    public required string AppointmentId { get; init; }
    public required string TranscriptId { get; init; }

    /// <summary>The provider to write for; empty or absent means the appointment's provider.</summary>
    public string? ProviderId { get; init; }

    /// <summary>The model to price; empty or absent means <see cref="WorkflowStepOptions.DefaultModelId"/>.</summary>
    public string? ModelId { get; init; }
}

/// <summary>enrich-metadata's output: the visit context and the daily budget decision for the model request's estimate.</summary>
public sealed record VisitEnrichment
{
    public bool OverBudget { get; init; }

    /// <summary>The budget day the decision was taken on (UTC), written <c>yyyy-MM-dd</c>.</summary>
    public DateOnly BudgetDay { get; init; }

    /// <summary>When the visit may run again, UTC to the second (<c>yyyy-MM-ddTHH:mm:ssZ</c>): the definition passes it on as text.</summary>
    public required string RetryAt { get; init; }

    /// <summary>The part of the wait SQS can carry (≤ 900).</summary>
    public int DelaySeconds { get; init; }

    public decimal EstimatedCostUsd { get; init; }
    public decimal SpentTodayUsd { get; init; }
    public decimal DailyBudgetUsd { get; init; }

    /// <summary>False when the model has no known price (a local server): the estimate is zero.</summary>
    public bool Priced { get; init; }

    public required string ModelId { get; init; }
    public required VisitContext Visit { get; init; }
}

/// <summary>generate-soap-note's input: what the request is built from (the transcript is read from the store by id).</summary>
public sealed record NoteGenerationRequest
{
    public required string SessionId { get; init; }
    public required string TranscriptId { get; init; }
    public required VisitContext Visit { get; init; }

    /// <summary>Informational: the configured model client decides the model.</summary>
    public string? ModelId { get; init; }
}

/// <summary>generate-soap-note's output: the model's Messages response, as the model returned it.</summary>
public sealed record ModelReply
{
    public required JsonObject Body { get; init; }
}

/// <summary>parse-model-response's input: the model's reply and what the note is checked against.</summary>
public sealed record NoteParseRequest
{
    public required string SessionId { get; init; }
    public required string TranscriptId { get; init; }

    /// <summary>The Messages response: an object (as Step Functions returns Bedrock's Body) or its JSON text. Checked by the step (<c>ModelResponseInvalid</c>).</summary>
    public JsonNode? ModelBody { get; init; }

    /// <summary>The model whose prices apply; empty or absent means the reply's <c>model</c>, then the default.</summary>
    public string? ModelId { get; init; }

    public VisitContext? Visit { get; init; }

    /// <summary>The budget ledger's key (the execution name); empty or absent means the execution ARN.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>parse-model-response's output: the checked note, its counts and the call's actual cost.</summary>
public sealed record ParsedNote
{
    public required string SoapNoteId { get; init; }

    [JsonConverter(typeof(StoredNoteJsonConverter))]
    public required SoapNote SoapNote { get; init; }

    public int StatementCount { get; init; }
    public int UnsupportedCount { get; init; }
    public decimal CostUsd { get; init; }
    public required string ModelId { get; init; }
}

/// <summary>update-clinical-record's input: the note to store as the session's draft.</summary>
public sealed record DraftNoteRequest
{
    public required string SessionId { get; init; }
    public required string SoapNoteId { get; init; }

    /// <summary>A stored note (<see cref="NoteJson"/>); an object that is not one is <c>NoteSchemaViolation</c>.</summary>
    [JsonConverter(typeof(StoredNoteJsonConverter))]
    public required SoapNote SoapNote { get; init; }

    public string? ModelId { get; init; }
    public string? TranscriptId { get; init; }

    /// <summary>The execution name, recorded on the draft and its audit entry.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>update-clinical-record's output: the stored draft.</summary>
public sealed record StoredDraftNote
{
    public required string ClinicalNoteId { get; init; }
    public int Version { get; init; }
    public required string Status { get; init; }

    /// <summary>True when this run wrote the draft; false when a re-run found it.</summary>
    public bool Created { get; init; }
}

/// <summary>send-notification's input: whom to tell which note is ready.</summary>
public sealed record NoteReadyNotice
{
    public required string SessionId { get; init; }
    public required string ProviderId { get; init; }
    public required string SoapNoteId { get; init; }
}

/// <summary>send-notification's output. <c>channel</c> and <c>notificationId</c> are written even when null: the definition reads <c>channel</c>.</summary>
public sealed record NotificationReceipt
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Channel { get; init; }

    /// <summary><c>sent</c>, <c>already_sent</c> or <c>in_flight</c>.</summary>
    public required string Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? NotificationId { get; init; }
}

/// <summary>
/// The workflow's execution input, as finalize (local or remote engine) and the retry consumer start it; the definition's
/// first states read <c>$.sessionId</c> and the optional ids, and a restart carries <see cref="Retry"/>.
/// </summary>
public sealed record SoapNoteInput
{
    public required string SessionId { get; init; }
    public string? AppointmentId { get; init; }
    public string? ProviderId { get; init; }
    public bool TranscriptionEnabled { get; init; } = true;
    public string? SourceSystem { get; init; }
    public RestartReason? Retry { get; init; }

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, StepJsonContext.Default.SoapNoteInput)!.AsObject();
}

/// <summary>Why a visit runs again: the attempt number, the parked run's error name, and that run's execution name.</summary>
public sealed record RestartReason(int Attempt, string? Reason, string? PreviousExecution);
