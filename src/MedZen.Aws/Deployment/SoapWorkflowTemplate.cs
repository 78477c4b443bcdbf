using System.Text.Json;
using MedZen.Aws.Deployment.CloudFormation;
using MedZen.Workflow.Definition;

namespace MedZen.Aws.Deployment;

/// <summary>Builds the CloudFormation template that deploys the SOAP-note workflow on AWS.</summary>
public static class SoapWorkflowTemplate
{
    /// <summary>The largest template body CloudFormation accepts inline (larger ones must come from S3).</summary>
    public const int MaxInlineTemplateBytes = 51_200;

    public static CloudFormationTemplate Build(DeployableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var binding = WorkflowBinding.Bind(definition);
        var resources = new OrderedDictionary<string, Resource>(StringComparer.Ordinal);
        DataResources.AddTo(resources);
        FunctionResources.AddTo(resources);
        StateMachineResources.AddTo(resources, definition, binding);
        RetryConsumerResources.AddTo(resources);
        AlarmResources.AddTo(resources);
        return new CloudFormationTemplate
        {
            Description = "MedZen Scribe: the SOAP-note workflow on AWS Step Functions with six provided.al2023 Lambda steps.",
            Parameters = TemplateParameters.Build(),
            Conditions = TemplateParameters.Conditions(),
            Resources = resources,
            Outputs = Outputs(),
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

    /// <summary>The template as <c>template.json</c> holds it.</summary>
    public static string Serialize(CloudFormationTemplate template) =>
        JsonSerializer.Serialize(template, CloudFormationJsonContext.TemplateFile.CloudFormationTemplate) + "\n";

    private static OrderedDictionary<string, TemplateOutput> Outputs() => new(StringComparer.Ordinal)
    {
        ["StateMachineArn"] = new("STEP_FUNCTIONS_STATE_MACHINE_ARN for finalize-video-call.", Cfn.Ref(LogicalIds.StateMachine)),
        ["SessionsTableName"] = new("The video-call sessions table.", Cfn.Ref(LogicalIds.SessionsTable)),
        ["SoapNotesTableName"] = new("The SOAP notes table.", Cfn.Ref(LogicalIds.SoapNotesTable)),
        ["RetryQueueUrl"] = new("The retry queue; its consumer is the retry-queue-consumer function.", Cfn.Ref(LogicalIds.RetryQueue)),
        ["DeadLetterQueueUrl"] = new("Visits that exhausted their retries.", Cfn.Ref(LogicalIds.DeadLetterQueue)),
        ["AlertTopicArn"] = new("Subscribe operators here (email, chat).", Cfn.Ref(LogicalIds.AlertTopic)),
        ["ClinicalDatabaseSecretArn"] = new("Put the clinical database connection here.", Cfn.Ref(LogicalIds.ClinicalDatabaseSecret)),
        ["FcmServiceAccountSecretArn"] = new("Put the FCM service account JSON here.", Cfn.Ref(LogicalIds.FcmServiceAccountSecret)),
    };
}
