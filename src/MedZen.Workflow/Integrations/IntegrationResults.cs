using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.States.Integrations;

namespace MedZen.Workflow.Integrations;

/// <summary>A function error's cause, as Lambda reports an unhandled error: <c>{"errorType", "errorMessage", "requestId", "stackTrace"}</c>.</summary>
internal sealed record LambdaFunctionError(
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace);

/// <summary>SQS SendMessage's response (the fields a standard queue returns).</summary>
internal sealed record SqsSendMessageResult(string MD5OfMessageBody, string MessageId, SdkHttpMetadata SdkHttpMetadata, SdkResponseMetadata SdkResponseMetadata);

/// <summary>Bedrock InvokeModel's response: the model's arbitrary JSON body.</summary>
internal sealed record BedrockInvokeModelResult(JsonNode? Body, string ContentType);

/// <summary>DynamoDB GetItem's response: <c>Item</c> (an item in DynamoDB JSON) only when the key is found.</summary>
internal sealed record DynamoDbGetItemResult(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Item,
    SdkHttpMetadata SdkHttpMetadata, SdkResponseMetadata SdkResponseMetadata);

/// <summary>DynamoDB PutItem's and UpdateItem's response: <c>Attributes</c> only when ReturnValues asks for them and there are some.</summary>
internal sealed record DynamoDbAttributesResult(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Attributes,
    SdkHttpMetadata SdkHttpMetadata, SdkResponseMetadata SdkResponseMetadata);

/// <summary>
/// The integrations' response shapes, source-generated: AWS's PascalCase names as declared, nulls written unless a member
/// says otherwise (Lambda's Invoke output is written by <see cref="LambdaInvokeOutput.ToResult"/>, as on every path).
/// <see cref="Engine"/> writes with the engine's escaping, so a result reads as the engine writes state data;
/// <see cref="JsonSerializerContext"/>'s default instance writes a Lambda error's cause with the default escaping, as
/// AWS's SDKs do.
/// </summary>
[JsonSerializable(typeof(LambdaFunctionError))]
[JsonSerializable(typeof(SqsSendMessageResult))]
[JsonSerializable(typeof(BedrockInvokeModelResult))]
[JsonSerializable(typeof(DynamoDbGetItemResult))]
[JsonSerializable(typeof(DynamoDbAttributesResult))]
internal sealed partial class IntegrationJsonContext : JsonSerializerContext
{
    public static IntegrationJsonContext Engine { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
