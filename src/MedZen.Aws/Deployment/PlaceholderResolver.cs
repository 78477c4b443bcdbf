using MedZen.Aws.Deployment.CloudFormation;
using MedZen.Aws.Lambda;

namespace MedZen.Aws.Deployment;

/// <summary>A value the stack provides: what a placeholder becomes, and the ARN an IAM statement names for it.</summary>
/// <param name="IamResource">Null for scalars, which no task targets.</param>
public sealed record DeploymentValue(DeployedResourceKind Kind, CfnValue Substitution, CfnValue? IamResource);

/// <summary>
/// Maps a definition's placeholder to a stack value, from how the definition uses it (a Task's FunctionName,
/// TableName, QueueUrl, ModelId, TopicArn) and from its name (which function, which table). A placeholder it cannot
/// place is an error naming it, never a guess.
/// </summary>
public static class PlaceholderResolver
{
    private static readonly (string Fragment, string Handler)[] FunctionNames =
    [
        .. LambdaHandlerNames.All.Select(h => (h.Replace("-", "", StringComparison.Ordinal), h)),
        // The seed's function names.
        ("parsebedrockresponse", LambdaHandlerNames.ParseModelResponse),
        ("updatesupabasesoap", LambdaHandlerNames.UpdateClinicalRecord),
    ];

    public static DeploymentValue Resolve(string placeholder, DeployedResourceKind? usage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placeholder);
        var name = new string(placeholder.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var kind = usage ?? KindFromName(name);
        var value = kind switch
        {
            DeployedResourceKind.Function => Function(name),
            DeployedResourceKind.Table => Table(name),
            DeployedResourceKind.Queue => Queue(name),
            DeployedResourceKind.Model => Model(name),
            DeployedResourceKind.Topic => new DeploymentValue(kind, Cfn.Ref(LogicalIds.AlertTopic), Cfn.Ref(LogicalIds.AlertTopic)),
            _ => Scalar(name),
        };
        return value ?? throw new DeploymentTemplateException(
            $"No stack value for placeholder ${{{placeholder}}} ({kind}): its name matches no {kind.ToString().ToLowerInvariant()} the template deploys.");
    }

    private static DeployedResourceKind KindFromName(string name) => name switch
    {
        _ when name.Contains("function", StringComparison.Ordinal) || name.Contains("lambda", StringComparison.Ordinal) => DeployedResourceKind.Function,
        _ when name.Contains("table", StringComparison.Ordinal) => DeployedResourceKind.Table,
        _ when name.Contains("queue", StringComparison.Ordinal) => DeployedResourceKind.Queue,
        _ when name.Contains("model", StringComparison.Ordinal) => DeployedResourceKind.Model,
        _ when name.Contains("topic", StringComparison.Ordinal) => DeployedResourceKind.Topic,
        _ => DeployedResourceKind.Scalar,
    };

    private static DeploymentValue? Function(string name)
    {
        var matches = FunctionNames.Where(f => name.Contains(f.Fragment, StringComparison.Ordinal)).Select(f => f.Handler).Distinct().ToArray();
        if (matches.Length != 1)
        {
            return null;
        }

        var arn = Cfn.GetAtt(LogicalIds.Function(matches[0]), "Arn");
        return new DeploymentValue(DeployedResourceKind.Function, arn, arn);
    }

    private static DeploymentValue? Table(string name)
    {
        var logicalId = (name.Contains("session", StringComparison.Ordinal), name.Contains("note", StringComparison.Ordinal)) switch
        {
            (true, false) => LogicalIds.SessionsTable,
            (false, true) => LogicalIds.SoapNotesTable,
            _ => null,
        };
        if (logicalId is null)
        {
            return null;
        }

        var substitution = name.EndsWith("arn", StringComparison.Ordinal) ? Cfn.GetAtt(logicalId, "Arn") : Cfn.Ref(logicalId);
        return new DeploymentValue(DeployedResourceKind.Table, substitution, Cfn.GetAtt(logicalId, "Arn"));
    }

    private static DeploymentValue Queue(string name)
    {
        var logicalId = name.Contains("deadletter", StringComparison.Ordinal) || name.Contains("dlq", StringComparison.Ordinal)
            ? LogicalIds.DeadLetterQueue
            : LogicalIds.RetryQueue;
        var substitution = name switch
        {
            _ when name.EndsWith("arn", StringComparison.Ordinal) => Cfn.GetAtt(logicalId, "Arn"),
            _ when name.EndsWith("name", StringComparison.Ordinal) => Cfn.GetAtt(logicalId, "QueueName"),
            _ => Cfn.Ref(logicalId), // a queue's Ref is its URL, what sqs:sendMessage's QueueUrl takes
        };
        return new DeploymentValue(DeployedResourceKind.Queue, substitution, Cfn.GetAtt(logicalId, "Arn"));
    }

    private static DeploymentValue Model(string name)
    {
        var arn = FoundationModelArn();
        var substitution = name.EndsWith("arn", StringComparison.Ordinal) ? arn : Cfn.Ref(ParameterNames.BedrockModelId);
        return new DeploymentValue(DeployedResourceKind.Model, substitution, arn);
    }

    internal static CfnValue FoundationModelArn() =>
        Cfn.Sub($"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}::foundation-model/${{{ParameterNames.BedrockModelId}}}");

    private static DeploymentValue? Scalar(string name)
    {
        var value = name switch
        {
            "region" or "awsregion" => Cfn.Ref("AWS::Region"),
            "accountid" or "awsaccountid" => Cfn.Ref("AWS::AccountId"),
            "partition" or "awspartition" => Cfn.Ref("AWS::Partition"),
            _ when name.Contains("budget", StringComparison.Ordinal) => Cfn.Ref(ParameterNames.DailyBudgetUsd),
            _ => null,
        };
        return value is null ? null : new DeploymentValue(DeployedResourceKind.Scalar, value, null);
    }
}
