namespace MedZen.Workflow.Integrations;

/// <summary>The AWS service-integration resource ARNs the SOAP-note definition uses.</summary>
public static class ResourceArns
{
    public const string LambdaInvoke = "arn:aws:states:::lambda:invoke";
    public const string DynamoDbGetItem = "arn:aws:states:::dynamodb:getItem";
    public const string DynamoDbPutItem = "arn:aws:states:::dynamodb:putItem";
    public const string DynamoDbUpdateItem = "arn:aws:states:::dynamodb:updateItem";
    public const string SqsSendMessage = "arn:aws:states:::sqs:sendMessage";
    public const string BedrockInvokeModel = "arn:aws:states:::bedrock:invokeModel";
}
