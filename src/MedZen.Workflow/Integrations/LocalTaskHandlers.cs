using MedZen.States.Integrations;

namespace MedZen.Workflow.Integrations;

/// <summary>The local AWS integrations keyed by the resource ARN the engine sees in the definition.</summary>
public sealed class LocalTaskHandlers(
    LambdaInvokeHandler lambda, DynamoDbHandler dynamoDb, SqsSendMessageHandler sqs, BedrockInvokeModelHandler bedrock)
{
    public IReadOnlyDictionary<string, ITaskHandler> ByResource { get; } = new Dictionary<string, ITaskHandler>(StringComparer.Ordinal)
    {
        [ResourceArns.LambdaInvoke] = lambda,
        [ResourceArns.DynamoDbGetItem] = dynamoDb,
        [ResourceArns.DynamoDbPutItem] = dynamoDb,
        [ResourceArns.DynamoDbUpdateItem] = dynamoDb,
        [ResourceArns.SqsSendMessage] = sqs,
        [ResourceArns.BedrockInvokeModel] = bedrock,
    };
}
