using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

using MedZen.States.Text;

namespace MedZen.States.Integrations;

/// <summary>
/// The AWS response shapes the engine's own integrations return as task results, typed; a result becomes state data
/// through <see cref="JsonSerializer.SerializeToNode{TValue}(TValue, JsonTypeInfo{TValue})"/> with <see cref="TaskResultsJson.Engine"/>. The payloads inside (a function's answer, a JSON response body) are arbitrary JSON.
/// </summary>
internal static class TaskResults
{
    /// <summary>Execution data in a result: the JSON value its text holds, or (<paramref name="json"/> false) the text as a string.</summary>
    public static JsonElement Data(string text, bool json)
    {
        if (!json)
        {
            return JsonSerializer.SerializeToElement(text, TaskResultsJson.Engine.String);
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}

/// <summary><c>arn:aws:states:::http:invoke</c>'s result: each header's values, the body (parsed when JSON) and the status.</summary>
internal sealed record HttpInvokeOutput(Dictionary<string, IReadOnlyList<string>> Headers, JsonNode? ResponseBody, int StatusCode, string StatusText);

/// <summary><c>states:startExecution</c>'s result: the child's ARN and its start as epoch milliseconds.</summary>
internal sealed record StartExecutionOutput(string ExecutionArn, long StartDate);

/// <summary>
/// A child execution's DescribeExecution as <c>states:startExecution.sync</c> (Input and Output as strings) and
/// <c>.sync:2</c> (as JSON values) return it: PascalCase, dates as epoch milliseconds, absent members left out.
/// </summary>
internal sealed record NestedExecutionOutput(
    string ExecutionArn,
    JsonElement Input,
    IncludedDetails InputDetails,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IncludedDetails? OutputDetails,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause,
    int RedriveCount,
    string RedriveStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RedriveStatusReason,
    long StartDate,
    string StateMachineArn,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? StopDate);

/// <summary><c>InputDetails</c>/<c>OutputDetails</c>: the data is in the response.</summary>
internal sealed record IncludedDetails(bool Included)
{
    public static IncludedDetails Yes { get; } = new(true);
}

/// <summary>The task results' serializer: AWS's PascalCase names as declared, nulls written, the engine's escaping.</summary>
[JsonSerializable(typeof(LambdaInvokeOutput))]
[JsonSerializable(typeof(HttpInvokeOutput))]
[JsonSerializable(typeof(StartExecutionOutput))]
[JsonSerializable(typeof(NestedExecutionOutput))]
[JsonSerializable(typeof(string))]
internal sealed partial class TaskResultsJson : JsonSerializerContext
{
    public static TaskResultsJson Engine { get; } = new(new JsonSerializerOptions { Encoder = Json.Escaping });
}
