namespace MedZen.Aws.Lambda;

/// <summary>The <c>_HANDLER</c> values of the six workflow functions; the template sets one per function.</summary>
public static class LambdaHandlerNames
{
    public const string FetchTranscript = "fetch-transcript";
    public const string EnrichMetadata = "enrich-metadata";
    public const string GenerateSoapNote = "generate-soap-note";
    public const string ParseModelResponse = "parse-model-response";
    public const string UpdateClinicalRecord = "update-clinical-record";
    public const string SendNotification = "send-notification";

    /// <summary>The retry queue's consumer (SQS event source mapping); not a workflow step, so not in <see cref="All"/>.</summary>
    public const string RetryQueueConsumer = "retry-queue-consumer";

    public static IReadOnlyList<string> All { get; } =
        [FetchTranscript, EnrichMetadata, GenerateSoapNote, ParseModelResponse, UpdateClinicalRecord, SendNotification];
}
