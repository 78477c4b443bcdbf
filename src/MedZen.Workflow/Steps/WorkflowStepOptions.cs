using MedZen.Scribe.Prompting;
using MedZen.Scribe.Transcripts;

namespace MedZen.Workflow.Steps;

/// <summary>Knobs of the five steps (built from <see cref="Runtime.WorkflowOptions"/>).</summary>
public sealed record WorkflowStepOptions
{
    public static WorkflowStepOptions Default { get; } = new();

    /// <summary>The model id used for prices when a step's payload names none (the runtime sets the configured model's id).</summary>
    /// <value>medzen-offline-writer-1</value>
    public string DefaultModelId { get; init; } = MedZen.Scribe.Writing.OfflineNoteWriter.DefaultModelId;

    /// <summary>How long after a call ends a missing transcript still counts as not ready rather than not found.</summary>
    /// <value>10 minutes: transcription jobs finish within minutes of the call.</value>
    public TimeSpan TranscriptGracePeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Size limits a transcript must respect.</summary>
    /// <value><see cref="TranscriptReaderOptions.Default"/> (2,000,000 characters, 5,000 segments).</value>
    public TranscriptReaderOptions TranscriptLimits { get; init; } = TranscriptReaderOptions.Default;

    /// <summary>The note request's knobs.</summary>
    /// <value><see cref="PromptOptions.Default"/>.</value>
    public PromptOptions Prompt { get; init; } = PromptOptions.Default;
}
