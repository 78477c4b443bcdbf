namespace MedZen.Aws.Deployment;

/// <summary>What a deployed value is, which decides both its substitution and its IAM resource.</summary>
public enum DeployedResourceKind
{
    Function,
    Table,
    Queue,
    Model,
    Topic,
    Scalar,
}

/// <summary>
/// One Step Functions service integration: the Task Resource ARN, the IAM action the execution role needs for it,
/// and the parameter that names its target.
/// </summary>
public sealed record ServiceIntegration(string ResourceArn, string IamAction, string TargetParameter, DeployedResourceKind TargetKind)
{
    /// <summary>The service prefix of <see cref="IamAction"/>, e.g. <c>dynamodb</c>.</summary>
    public string Service => IamAction[..IamAction.IndexOf(':', StringComparison.Ordinal)];
}

/// <summary>The integrations the template knows how to grant, per the Step Functions developer guide's IAM pages.</summary>
public static class ServiceIntegrations
{
    public static IReadOnlyList<ServiceIntegration> All { get; } =
    [
        new("arn:aws:states:::lambda:invoke", "lambda:InvokeFunction", "FunctionName", DeployedResourceKind.Function),
        new("arn:aws:states:::dynamodb:getItem", "dynamodb:GetItem", "TableName", DeployedResourceKind.Table),
        new("arn:aws:states:::dynamodb:putItem", "dynamodb:PutItem", "TableName", DeployedResourceKind.Table),
        new("arn:aws:states:::dynamodb:updateItem", "dynamodb:UpdateItem", "TableName", DeployedResourceKind.Table),
        new("arn:aws:states:::dynamodb:deleteItem", "dynamodb:DeleteItem", "TableName", DeployedResourceKind.Table),
        new("arn:aws:states:::bedrock:invokeModel", "bedrock:InvokeModel", "ModelId", DeployedResourceKind.Model),
        new("arn:aws:states:::sqs:sendMessage", "sqs:SendMessage", "QueueUrl", DeployedResourceKind.Queue),
        new("arn:aws:states:::sns:publish", "sns:Publish", "TopicArn", DeployedResourceKind.Topic),
    ];

    /// <summary>The integration a Task calls. Only request-response is granted; <c>.sync</c> and <c>.waitForTaskToken</c> need more.</summary>
    public static ServiceIntegration For(TaskStateReference task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return All.FirstOrDefault(i => string.Equals(i.ResourceArn, task.Resource, StringComparison.Ordinal))
            ?? throw new DeploymentTemplateException(
                $"State '{task.StatePath}' calls '{task.Resource}', which the template cannot grant. Known: {string.Join(", ", All.Select(i => i.ResourceArn))}.");
    }

    /// <summary>The literal target parameter of a Task (e.g. FunctionName); a path-valued target cannot be granted narrowly.</summary>
    public static string TargetOf(TaskStateReference task, ServiceIntegration integration)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(integration);
        if (task.Parameters?[integration.TargetParameter] is { } node && node.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            return node.GetValue<string>();
        }

        var dynamic = task.Parameters?.ContainsKey(integration.TargetParameter + ".$") == true;
        throw new DeploymentTemplateException(dynamic
            ? $"State '{task.StatePath}' takes {integration.TargetParameter} from a path; least-privilege IAM needs a fixed target."
            : $"State '{task.StatePath}' has no {integration.TargetParameter}.");
    }
}
