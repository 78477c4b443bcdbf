using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedZen.Workflow.Integrations;

/// <summary>The SdkHttpMetadata/SdkResponseMetadata fields that AWS service integrations return, and the request id they carry.</summary>
internal static class AwsResponseMetadata
{
    /// <summary>A request id derived from the idempotency key, so a replayed attempt reports the same id.</summary>
    public static string RequestId(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    public static SdkHttpMetadata Http(string requestId, string contentType) =>
        new(new SdkAllHttpHeaders([contentType], [requestId]), new SdkHttpHeaders(contentType, requestId), 200);

    public static SdkResponseMetadata Response(string requestId) => new(requestId);
}

internal sealed record SdkAllHttpHeaders(
    [property: JsonPropertyName("Content-Type")] IReadOnlyList<string> ContentType,
    [property: JsonPropertyName("x-amzn-RequestId")] IReadOnlyList<string> RequestId);

internal sealed record SdkHttpHeaders(
    [property: JsonPropertyName("Content-Type")] string ContentType,
    [property: JsonPropertyName("x-amzn-RequestId")] string RequestId);

internal sealed record SdkHttpMetadata(SdkAllHttpHeaders AllHttpHeaders, SdkHttpHeaders HttpHeaders, int HttpStatusCode);

internal sealed record SdkResponseMetadata(string RequestId);

/// <summary>Lambda's Invoke response as <c>arn:aws:states:::lambda:invoke</c> returns it; the payload is the function's arbitrary JSON.</summary>
internal sealed record LambdaInvokeResult(string ExecutedVersion, JsonNode? Payload, int StatusCode, SdkHttpMetadata SdkHttpMetadata, SdkResponseMetadata SdkResponseMetadata);

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
/// The integrations' response shapes, source-generated: AWS's PascalCase names as declared, nulls written (Lambda's
/// <c>"Payload": null</c>) unless a member says otherwise. <see cref="Engine"/> writes with the engine's escaping, so a
/// result reads as the engine writes state data; <see cref="JsonSerializerContext"/>'s default instance writes a Lambda
/// error's cause with the default escaping, as AWS's SDKs do.
/// </summary>
[JsonSerializable(typeof(LambdaInvokeResult))]
[JsonSerializable(typeof(LambdaFunctionError))]
[JsonSerializable(typeof(SqsSendMessageResult))]
[JsonSerializable(typeof(BedrockInvokeModelResult))]
[JsonSerializable(typeof(DynamoDbGetItemResult))]
[JsonSerializable(typeof(DynamoDbAttributesResult))]
internal sealed partial class IntegrationJsonContext : JsonSerializerContext
{
    public static IntegrationJsonContext Engine { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
