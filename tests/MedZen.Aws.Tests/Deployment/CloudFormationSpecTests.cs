using System.Text.Json.Nodes;
using MedZen.Aws.Deployment;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>The template against the CloudFormation resource specification from npm's @aws-cdk/cfnspec.</summary>
public sealed class CloudFormationSpecTests
{
    private const string SpecRelativePath = "@aws-cdk/cfnspec/spec/specification.json";

    private static CloudFormationSpecValidator ValidatorOrSkip()
    {
        var path = Environment.GetEnvironmentVariable("MEDZEN_CFN_SPEC") is { Length: > 0 } fromEnv && File.Exists(fromEnv)
            ? fromEnv
            : RepositoryPaths.NodeTool(SpecRelativePath);
        if (path is null)
        {
            Assert.Skip($"No CloudFormation specification: install npm @aws-cdk/cfnspec (node_modules/{SpecRelativePath}) or set MEDZEN_CFN_SPEC.");
        }

        return CloudFormationSpecValidator.Load(path);
    }

    [Theory]
    [MemberData(nameof(Definitions.All), MemberType = typeof(Definitions))]
    public void The_template_conforms_to_the_resource_specification(string which)
    {
        var validator = ValidatorOrSkip();
        var errors = validator.Validate(Definitions.TemplateJson(Definitions.Load(which)));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_validator_catches_unknown_and_missing_properties_wrong_types_and_dangling_references()
    {
        var validator = ValidatorOrSkip();
        var template = Definitions.TemplateJson(Definitions.Load(Definitions.Fixture));
        var resources = template["Resources"]!.AsObject();
        var table = resources[LogicalIds.SessionsTable]!["Properties"]!.AsObject();
        table.Remove("KeySchema");
        table["BilingMode"] = "PAY_PER_REQUEST";
        resources[LogicalIds.RetryQueue]!["Properties"]!["VisibilityTimeout"] = "five minutes";
        resources[LogicalIds.StateMachine]!["Properties"]!["RoleArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(LogicalIds.ExecutionRole, "RoleArn") };
        resources["ExecutionsFailedAlarm"]!["Properties"]!["AlarmActions"] = new JsonArray(new JsonObject { ["Ref"] = "MissingTopic" });
        resources["Extra"] = new JsonObject { ["Type"] = "AWS::StepFunctions::Workflow" };

        var errors = validator.Validate(template);

        Assert.Contains(errors, e => e.Contains("required property KeySchema", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("BilingMode: not a property", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("VisibilityTimeout: \"five minutes\" is not a Integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("has no attribute 'RoleArn'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Ref to unknown 'MissingTopic'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown resource type 'AWS::StepFunctions::Workflow'", StringComparison.Ordinal));
        Assert.True(errors.Count == 6, string.Join("\n", errors));
    }
}
