using System.Text.Json.Nodes;

namespace MedZen.Aws.Deployment;

/// <summary>The state machine, its execution role, its log group and the alert topic.</summary>
internal static class StateMachineResources
{
    public const string StateMachineNameSuffix = "-soap-workflow";

    public static void AddTo(JsonObject resources, DeployableDefinition definition, WorkflowBinding binding)
    {
        resources[LogicalIds.AlertTopic] = new JsonObject
        {
            ["Type"] = "AWS::SNS::Topic",
            // No KMS key: CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and alerts carry no PHI.
            ["Properties"] = new JsonObject { ["TopicName"] = Cfn.Sub("${NamePrefix}-soap-workflow-alerts") },
        };
        resources[LogicalIds.LogGroup] = new JsonObject
        {
            ["Type"] = "AWS::Logs::LogGroup",
            ["Properties"] = new JsonObject
            {
                // The vendedlogs prefix keeps CloudWatch Logs' resource policy from growing with each log group.
                ["LogGroupName"] = Cfn.Sub($"/aws/vendedlogs/states/${{NamePrefix}}{StateMachineNameSuffix}"),
                ["RetentionInDays"] = Cfn.Ref(ParameterNames.LogRetentionDays),
            },
        };
        resources[LogicalIds.ExecutionRole] = new JsonObject
        {
            ["Type"] = "AWS::IAM::Role",
            ["Properties"] = new JsonObject
            {
                ["RoleName"] = Cfn.Sub("${NamePrefix}-soap-workflow-execution-role"),
                ["AssumeRolePolicyDocument"] = IamDocuments.TrustPolicy("states.amazonaws.com"),
                ["Policies"] = ExecutionRolePolicies.Build(binding),
            },
        };
        resources[LogicalIds.StateMachine] = new JsonObject
        {
            ["Type"] = "AWS::StepFunctions::StateMachine",
            ["Properties"] = new JsonObject
            {
                ["StateMachineName"] = Cfn.Sub($"${{NamePrefix}}{StateMachineNameSuffix}"),
                ["StateMachineType"] = "STANDARD",
                ["RoleArn"] = Cfn.GetAtt(LogicalIds.ExecutionRole, "Arn"),
                // Minified: CloudFormation takes at most 51,200 bytes of template body without S3.
                ["DefinitionString"] = JsonNode.Parse(definition.Text)!.ToJsonString(),
                ["DefinitionSubstitutions"] = binding.DefinitionSubstitutions(),
                ["LoggingConfiguration"] = new JsonObject
                {
                    ["Destinations"] = new JsonArray(new JsonObject
                    {
                        ["CloudWatchLogsLogGroup"] = new JsonObject { ["LogGroupArn"] = Cfn.GetAtt(LogicalIds.LogGroup, "Arn") },
                    }),
                    // Inputs and outputs carry transcripts and notes: PHI stays out of the logs.
                    ["IncludeExecutionData"] = false,
                    ["Level"] = Cfn.Ref(ParameterNames.LogLevel),
                },
                ["TracingConfiguration"] = new JsonObject { ["Enabled"] = true },
            },
        };
    }
}
