namespace MedZen.Workflow.Steps;

/// <summary>
/// The function names the six steps answer to under <c>lambda:invoke</c> locally (the definition's
/// <c>${…FunctionArn}</c> placeholders are filled with these). On AWS the same classes run behind
/// <c>&lt;prefix&gt;-&lt;handler&gt;</c> functions; an ARN or <c>name:qualifier</c> resolves by its name part.
/// </summary>
public static class WorkflowFunctionNames
{
    public const string FetchTranscript = "medzen-fetch-transcript";
    public const string EnrichMetadata = "medzen-enrich-metadata";
    public const string GenerateSoapNote = "medzen-generate-soap-note";
    public const string ParseModelResponse = "medzen-parse-model-response";
    public const string UpdateClinicalRecord = "medzen-update-clinical-record";
    public const string SendNotification = "medzen-send-notification";
}
