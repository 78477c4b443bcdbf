using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Workflow.Definition;

namespace MedZen.Aws.Deployment;

/// <summary>Builds the CloudFormation template (JSON) that deploys the SOAP-note workflow on AWS.</summary>
public static class SoapWorkflowTemplate
{
    // Relaxed escaping: the template is a file for CloudFormation, not HTML, and \u0022 for every quote of the
    // embedded definition would push it past the 51,200-byte limit for a template body sent without S3. One space per
    // level keeps the file readable and leaves room under that limit for the six functions and their roles.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The largest template body CloudFormation accepts inline (larger ones must come from S3).</summary>
    public const int MaxInlineTemplateBytes = 51_200;

    public static JsonObject Build(DeployableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var binding = WorkflowBinding.Bind(definition);
        var resources = new JsonObject();
        DataResources.AddTo(resources);
        FunctionResources.AddTo(resources);
        StateMachineResources.AddTo(resources, definition, binding);
        RetryConsumerResources.AddTo(resources);
        AlarmResources.AddTo(resources);
        return new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = "MedZen Scribe: the SOAP-note workflow on AWS Step Functions with six provided.al2023 Lambda steps.",
            ["Parameters"] = TemplateParameters.Build(),
            ["Conditions"] = TemplateParameters.Conditions(),
            ["Resources"] = resources,
            ["Outputs"] = Outputs(),
        };
    }

    /// <summary>Writes <c>template.json</c> and the definition before substitution, <c>soap-note.asl.json</c>.</summary>
    public static IReadOnlyList<string> Write(DeployableDefinition definition, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Directory.CreateDirectory(outputDirectory);
        var templatePath = Path.Combine(outputDirectory, "template.json");
        var definitionPath = Path.Combine(outputDirectory, DefinitionLoader.ResourceName);
        File.WriteAllText(templatePath, Serialize(Build(definition)));
        File.WriteAllText(definitionPath, definition.Text);
        return [templatePath, definitionPath];
    }

    public static string Serialize(JsonObject template) => template.ToJsonString(Indented) + "\n";

    private static JsonObject Outputs()
    {
        static JsonObject Output(string description, JsonNode value) => new() { ["Description"] = description, ["Value"] = value };
        return new JsonObject
        {
            ["StateMachineArn"] = Output("STEP_FUNCTIONS_STATE_MACHINE_ARN for finalize-video-call.", Cfn.Ref(LogicalIds.StateMachine)),
            ["SessionsTableName"] = Output("The video-call sessions table.", Cfn.Ref(LogicalIds.SessionsTable)),
            ["SoapNotesTableName"] = Output("The SOAP notes table.", Cfn.Ref(LogicalIds.SoapNotesTable)),
            ["RetryQueueUrl"] = Output("The retry queue; its consumer is the retry-queue-consumer function.", Cfn.Ref(LogicalIds.RetryQueue)),
            ["DeadLetterQueueUrl"] = Output("Visits that exhausted their retries.", Cfn.Ref(LogicalIds.DeadLetterQueue)),
            ["AlertTopicArn"] = Output("Subscribe operators here (email, chat).", Cfn.Ref(LogicalIds.AlertTopic)),
            ["ClinicalDatabaseSecretArn"] = Output("Put the clinical database connection here.", Cfn.Ref(LogicalIds.ClinicalDatabaseSecret)),
            ["FcmServiceAccountSecretArn"] = Output("Put the FCM service account JSON here.", Cfn.Ref(LogicalIds.FcmServiceAccountSecret)),
        };
    }
}
