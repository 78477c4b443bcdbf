using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.Aws.SigV4;

/// <summary>The result of StartExecution.</summary>
public sealed record StartedExecution(string ExecutionArn, DateTimeOffset StartDate);

/// <summary>AWS answered StartExecution with an error (<c>__type</c>, e.g. ExecutionAlreadyExists, InvalidSignatureException).</summary>
public sealed class StepFunctionsApiException(string errorType, string message, int statusCode)
    : Exception($"{errorType}: {message}")
{
    public string ErrorType { get; } = errorType;

    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Remote-engine mode: starts executions on AWS Step Functions (or any endpoint speaking its AWS JSON 1.0 protocol)
/// with SigV4-signed requests. AWSSDK.StepFunctions is not available here; this is the one call the system needs.
/// </summary>
public sealed class StepFunctionsStartExecutionClient(HttpClient http, Uri endpoint, SigV4Signer signer)
{
    private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.0");

    public static Uri EndpointFor(string region) => new($"https://states.{region}.amazonaws.com/");

    public async Task<StartedExecution> StartExecutionAsync(string stateMachineArn, string name, JsonNode input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateMachineArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        var body = new JsonObject { ["stateMachineArn"] = stateMachineArn, ["name"] = name, ["input"] = input.ToJsonString() };
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = AmzJson;
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.StartExecution");
        await signer.SignAsync(request, cancellationToken).ConfigureAwait(false);

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        if (!response.IsSuccessStatusCode)
        {
            // AWS JSON errors: {"__type": "com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists", "message": "..."}; keep the name after '#'.
            var type = json?["__type"]?.GetValue<string>() ?? "UnknownError";
            throw new StepFunctionsApiException(type[(type.LastIndexOf('#') + 1)..], json?["message"]?.GetValue<string>() ?? json?["Message"]?.GetValue<string>() ?? "", (int)response.StatusCode);
        }

        var arn = json?["executionArn"]?.GetValue<string>() ?? throw new StepFunctionsApiException("InvalidResponse", "StartExecution returned no executionArn.", (int)response.StatusCode);
        var started = json["startDate"] is JsonValue date && date.TryGetValue<double>(out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : DateTimeOffset.MinValue;
        return new StartedExecution(arn, started);
    }
}
