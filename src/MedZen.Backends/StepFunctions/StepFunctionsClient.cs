using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MedZen.Backends.SigV4;
using MedZen.Errors;
using MedZen.Workflow.Ports;

namespace MedZen.Backends.StepFunctions;

/// <summary>
/// StartExecution and DescribeExecution on AWS Step Functions, or on anything speaking its AWS JSON 1.0 protocol (such as
/// <c>medzen serve</c>), with SigV4-signed requests. AWSSDK.StepFunctions is not available here; these are the calls the
/// system needs.
/// </summary>
public sealed class StepFunctionsClient(HttpClient http, Uri endpoint, SigV4Signer signer) : IStepFunctions
{
    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.0");

    public static Uri EndpointFor(string region) => new($"https://states.{region}.amazonaws.com/");

    public async Task<StartedExecution> StartExecutionAsync(string stateMachineArn, string name, JsonNode input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateMachineArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        var json = await SendAsync("StartExecution", JsonSerializer.SerializeToUtf8Bytes(
            new StartExecutionRequest(stateMachineArn, name, input.ToJsonString()), StepFunctionsRequestsJsonContext.Default.StartExecutionRequest),
            cancellationToken).ConfigureAwait(false);
        return new StartedExecution(RequiredString(json, "executionArn"), Date(json["startDate"]) ?? DateTimeOffset.MinValue);
    }

    public async Task<DescribedExecution> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionArn);
        var json = await SendAsync("DescribeExecution", JsonSerializer.SerializeToUtf8Bytes(
            new DescribeExecutionRequest(executionArn), StepFunctionsRequestsJsonContext.Default.DescribeExecutionRequest), cancellationToken).ConfigureAwait(false);
        return new DescribedExecution(
            RequiredString(json, "executionArn"), RequiredString(json, "status"), Date(json["startDate"]) ?? DateTimeOffset.MinValue,
            Date(json["stopDate"]), json["output"]?.GetValue<string>(), json["error"]?.GetValue<string>(), json["cause"]?.GetValue<string>());
    }

    private async Task<JsonObject> SendAsync(string action, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = AmzJson;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + action);
        await signer.SignAsync(request, ct).ConfigureAwait(false);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        JsonObject? json;
        try
        {
            json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }
        if (!response.IsSuccessStatusCode)
        {
            // AWS may qualify the name ("com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist"); keep what follows '#'.
            var type = json?["__type"]?.GetValue<string>()
                ?? (response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null) ?? "UnknownError";
            type = type[(type.LastIndexOf('#') + 1)..].Split(':')[0];
            throw new StepFunctionsApiException(type, json?["message"]?.GetValue<string>() ?? json?["Message"]?.GetValue<string>() ?? "", (int)response.StatusCode);
        }
        return json ?? throw new StepFunctionsApiException("InvalidResponse", $"{action} returned no JSON object.", (int)response.StatusCode);
    }

    private static string RequiredString(JsonObject json, string member) =>
        json[member]?.GetValue<string>() ?? throw new StepFunctionsApiException("InvalidResponse", $"The response has no {member}.", 200);

    private static DateTimeOffset? Date(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var seconds) ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)) : null;
}

/// <summary>The request bodies this client sends (AWS JSON 1.0, camelCase member names).</summary>
internal sealed record StartExecutionRequest(string StateMachineArn, string Name, string Input);

internal sealed record DescribeExecutionRequest(string ExecutionArn);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StartExecutionRequest))]
[JsonSerializable(typeof(DescribeExecutionRequest))]
internal sealed partial class StepFunctionsRequestsJsonContext : JsonSerializerContext;
