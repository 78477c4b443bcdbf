using MedZen.Workflow.Configuration;
using MedZen.Workflow.Steps;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Definition;

/// <summary>
/// The function names and model the definition's placeholders resolve to locally, bound from <c>MedZen:Workflow</c>.
/// On AWS, CloudFormation's DefinitionSubstitutions supply the same names (function ARNs there).
/// </summary>
public sealed class WorkflowDefinitionOptions
{
    /// <value>medzen-fetch-transcript</value>
    public string FetchTranscriptFunction { get; set; } = WorkflowFunctionNames.FetchTranscript;

    /// <value>medzen-enrich-metadata</value>
    public string EnrichMetadataFunction { get; set; } = WorkflowFunctionNames.EnrichMetadata;

    /// <value>medzen-generate-soap-note</value>
    public string GenerateSoapNoteFunction { get; set; } = WorkflowFunctionNames.GenerateSoapNote;

    /// <value>medzen-parse-model-response</value>
    public string ParseModelResponseFunction { get; set; } = WorkflowFunctionNames.ParseModelResponse;

    /// <value>medzen-update-clinical-record</value>
    public string UpdateClinicalRecordFunction { get; set; } = WorkflowFunctionNames.UpdateClinicalRecord;

    /// <value>medzen-send-notification</value>
    public string SendNotificationFunction { get; set; } = WorkflowFunctionNames.SendNotification;

    /// <summary>The model id the GenerateSoapNote state names (the generate step's configured model client answers).</summary>
    /// <value>anthropic.claude-opus-4-5-20251101-v1:0</value>
    public string BedrockModelId { get; set; } = "anthropic.claude-opus-4-5-20251101-v1:0";
}

/// <summary>The definition with every placeholder filled from configuration: what the local engine runs.</summary>
public sealed class WorkflowDefinition(IOptions<WorkflowDefinitionOptions> workflow, IOptions<StoreOptions> stores, IOptions<RetryQueueOptions> queue)
{
    private readonly Lazy<string> _json = new(() => DefinitionLoader.Load(Substitutions(workflow.Value, stores.Value, queue.Value)));

    /// <summary>The state machine name (<c>soap-note</c>).</summary>
    public const string Name = "soap-note";

    public string Json => _json.Value;

    public static Dictionary<string, string> Substitutions(WorkflowDefinitionOptions workflow, StoreOptions stores, RetryQueueOptions queue) => new()
    {
        ["SessionsTableName"] = stores.SessionsTableName,
        ["SoapNotesTableName"] = stores.SoapNotesTableName,
        ["FetchTranscriptFunctionArn"] = workflow.FetchTranscriptFunction,
        ["EnrichMetadataFunctionArn"] = workflow.EnrichMetadataFunction,
        ["GenerateSoapNoteFunctionArn"] = workflow.GenerateSoapNoteFunction,
        ["ParseModelResponseFunctionArn"] = workflow.ParseModelResponseFunction,
        ["UpdateClinicalRecordFunctionArn"] = workflow.UpdateClinicalRecordFunction,
        ["SendNotificationFunctionArn"] = workflow.SendNotificationFunction,
        ["BedrockModelId"] = workflow.BedrockModelId,
        // Locally only the last segment matters: SqsSendMessageHandler checks it names the configured queue.
        ["RetryQueueUrl"] = queue.QueueUrl ?? $"https://sqs.{stores.AwsRegion}.amazonaws.com/000000000000/{queue.QueueName}",
    };
}
