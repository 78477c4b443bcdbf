using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MedZen.Workflow.Integrations;

/// <summary>Adds the SdkHttpMetadata/SdkResponseMetadata fields that AWS service integrations return.</summary>
internal static class AwsResponseMetadata
{
    /// <summary>A request id derived from the idempotency key, so a replayed attempt reports the same id.</summary>
    public static string RequestId(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    public static JsonObject With(JsonObject result, string requestId, string contentType)
    {
        result["SdkHttpMetadata"] = new JsonObject
        {
            ["AllHttpHeaders"] = new JsonObject
            {
                ["Content-Type"] = new JsonArray(contentType),
                ["x-amzn-RequestId"] = new JsonArray(requestId),
            },
            ["HttpHeaders"] = new JsonObject
            {
                ["Content-Type"] = contentType,
                ["x-amzn-RequestId"] = requestId,
            },
            ["HttpStatusCode"] = 200,
        };
        result["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = requestId };
        return result;
    }
}
