using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>
/// The state machine role's inline policies. The seed's five (BedrockInvokeModel, LambdaInvocation, DynamoDBSessionState,
/// SQSRetryQueue, SNSNotifications) hold one statement per resource, derived from the definition's Task states, so
/// every statement names exactly one resource and only the actions the definition performs on it. Two more are needed
/// by the state machine's own configuration, not by its tasks: log delivery and X-Ray tracing.
/// </summary>
internal static class ExecutionRolePolicies
{
    private static readonly (string Service, string PolicyName)[] SeedPolicies =
    [
        ("bedrock", "BedrockInvokeModel"),
        ("lambda", "LambdaInvocation"),
        ("dynamodb", "DynamoDBSessionState"),
        ("sqs", "SQSRetryQueue"),
        ("sns", "SNSNotifications"),
    ];

    public static IReadOnlyList<RolePolicy> Build(WorkflowBinding binding)
    {
        // The alert topic is published to whether or not a state does: the seed grants it.
        var alertPublish = new RequiredPermission("sns:Publish", Cfn.Ref(LogicalIds.AlertTopic), []);
        var permissions = binding.Permissions
            .Concat(binding.Permissions.Any(p => p.Action == alertPublish.Action && p.ResourceKey == alertPublish.ResourceKey) ? [] : [alertPublish])
            .ToArray();

        var unknown = permissions.Select(p => p.Service).Except(SeedPolicies.Select(p => p.Service)).ToArray();
        if (unknown.Length > 0)
        {
            throw new DeploymentTemplateException($"The definition calls services without an execution-role policy: {string.Join(", ", unknown)}.");
        }

        var policies = new List<RolePolicy>();
        foreach (var (service, policyName) in SeedPolicies)
        {
            var statements = permissions.Where(p => p.Service == service)
                .GroupBy(p => p.ResourceKey, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select((resource, index) => new PolicyStatement
                {
                    Sid = $"{policyName}{index + 1}",
                    Action = Cfn.List(resource.Select(p => p.Action).Order(StringComparer.Ordinal)),
                    Resource = resource.First().Resource,
                })
                .ToArray();
            if (statements.Length > 0)
            {
                policies.Add(new RolePolicy(policyName, PolicyDocument.Of(statements)));
            }
        }

        // Log delivery actions take no resource-level permissions (Step Functions developer guide, "Logging using CloudWatch Logs").
        policies.Add(new RolePolicy("CloudWatchLogsDelivery", PolicyDocument.Of(new PolicyStatement
        {
            Action = Cfn.List(
                "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"),
            Resource = "*",
        })));
        policies.Add(new RolePolicy("XRayTracing", PolicyDocument.Of(new PolicyStatement
        {
            Action = Cfn.List("xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"),
            Resource = "*",
        })));
        return policies;
    }
}
