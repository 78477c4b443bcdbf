using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace MedZen.States.Integrations;

/// <summary>
/// The SdkHttpMetadata/SdkResponseMetadata that Step Functions' AWS service integrations add to a result (Lambda's Invoke,
/// SQS, DynamoDB, …), and the request id they carry.
/// </summary>
public static class AwsResponseMetadata
{
    /// <summary>A request id derived from the idempotency key, so a replayed attempt reports the same id.</summary>
    public static string RequestId(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    public static SdkHttpMetadata Http(string requestId, string contentType, int statusCode = 200) =>
        new(new SdkAllHttpHeaders([contentType], [requestId]), new SdkHttpHeaders(contentType, requestId), statusCode);

    public static SdkResponseMetadata Response(string requestId) => new(requestId);
}

public sealed record SdkAllHttpHeaders(
    [property: JsonPropertyName("Content-Type")] IReadOnlyList<string> ContentType,
    [property: JsonPropertyName("x-amzn-RequestId")] IReadOnlyList<string> RequestId);

public sealed record SdkHttpHeaders(
    [property: JsonPropertyName("Content-Type")] string ContentType,
    [property: JsonPropertyName("x-amzn-RequestId")] string RequestId);

public sealed record SdkHttpMetadata(SdkAllHttpHeaders AllHttpHeaders, SdkHttpHeaders HttpHeaders, int HttpStatusCode);

public sealed record SdkResponseMetadata(string RequestId);

/// <summary>
/// Lambda's Invoke response as <c>arn:aws:states:::lambda:invoke</c> returns it, whichever way the function runs (an
/// endpoint that speaks the Invoke API, or a step in process): the payload is the function's arbitrary JSON, and the
/// SDK metadata is there as AWS gives it.
/// </summary>
public sealed record LambdaInvokeOutput(
    string ExecutedVersion, System.Text.Json.Nodes.JsonNode? Payload, int StatusCode, SdkHttpMetadata SdkHttpMetadata, SdkResponseMetadata SdkResponseMetadata)
{
    /// <summary>The task's result as the engine writes it (its escaping, nulls written), for every path that invokes.</summary>
    public System.Text.Json.Nodes.JsonNode? ToResult() => System.Text.Json.JsonSerializer.SerializeToNode(this, TaskResultsJson.Engine.LambdaInvokeOutput);
}
