using System.Text.Json.Nodes;
using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>The state machine, its execution role, its log group and the alert topic.</summary>
internal static class StateMachineResources
{
    public const string StateMachineNameSuffix = "-soap-workflow";

    public static void AddTo(OrderedDictionary<string, Resource> resources, DeployableDefinition definition, WorkflowBinding binding)
    {
        // No KMS key: CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and alerts carry no PHI.
        resources.Add(LogicalIds.AlertTopic, new Resource(new SnsTopic(Cfn.Sub("${NamePrefix}-soap-workflow-alerts"))));
        // The vendedlogs prefix keeps CloudWatch Logs' resource policy from growing with each log group.
        resources.Add(LogicalIds.LogGroup, new Resource(new LogGroup(
            Cfn.Sub($"/aws/vendedlogs/states/${{NamePrefix}}{StateMachineNameSuffix}"),
            Cfn.Ref(ParameterNames.LogRetentionDays))));
        resources.Add(LogicalIds.ExecutionRole, new Resource(new IamRole
        {
            RoleName = Cfn.Sub("${NamePrefix}-soap-workflow-execution-role"),
            AssumeRolePolicyDocument = PolicyDocument.TrustPolicy("states.amazonaws.com"),
            Policies = ExecutionRolePolicies.Build(binding),
        }));
        resources.Add(LogicalIds.StateMachine, new Resource(new StateMachine
        {
            StateMachineName = Cfn.Sub($"${{NamePrefix}}{StateMachineNameSuffix}"),
            StateMachineType = "STANDARD",
            RoleArn = Cfn.GetAtt(LogicalIds.ExecutionRole, "Arn"),
            // Minified: CloudFormation takes at most 51,200 bytes of template body without S3.
            DefinitionString = JsonNode.Parse(definition.Text)!.ToJsonString(),
            DefinitionSubstitutions = binding.DefinitionSubstitutions(),
            LoggingConfiguration = new LoggingConfiguration(
                [new LogDestination(new CloudWatchLogsLogGroup(Cfn.GetAtt(LogicalIds.LogGroup, "Arn")))],
                // Inputs and outputs carry transcripts and notes: PHI stays out of the logs.
                IncludeExecutionData: false,
                Level: Cfn.Ref(ParameterNames.LogLevel)),
            TracingConfiguration = new TracingConfiguration(Enabled: true),
        }));
    }
}
