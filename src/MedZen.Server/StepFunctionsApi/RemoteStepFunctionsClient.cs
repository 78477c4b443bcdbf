using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Aws.SigV4;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>Where remote-engine mode sends executions and with which credentials.</summary>
public sealed class RemoteStepFunctionsOptions
{
    /// <summary>The state machine to start (<c>STEP_FUNCTIONS_STATE_MACHINE_ARN</c> / <c>MedZen:Engine:RemoteStateMachineArn</c>).</summary>
    public required string StateMachineArn { get; init; }

    /// <summary>AWS region (<c>AWS_REGION</c> / <c>MedZen:Aws:Region</c>). <value>Default <c>us-east-1</c>.</value></summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The endpoint (<c>MedZen:Engine:RemoteEndpoint</c>). <value>Default <c>https://states.{Region}.amazonaws.com/</c>.</value></summary>
    public Uri? Endpoint { get; init; }

    public required AwsCredentials Credentials { get; init; }

    public Uri EffectiveEndpoint => Endpoint ?? StepFunctionsStartExecutionClient.EndpointFor(Region);

    /// <summary>
    /// Reads the seed's variables (<c>STEP_FUNCTIONS_STATE_MACHINE_ARN</c>, <c>AWS_REGION</c>, <c>AWS_ACCESS_KEY_ID</c>,
    /// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>) or <c>MedZen:Engine:*</c> / <c>MedZen:Aws:*</c>.
    /// Returns null when no remote state machine is configured (embedded mode).
    /// </summary>
    public static RemoteStepFunctionsOptions? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var arn = configuration["MedZen:Engine:RemoteStateMachineArn"] ?? configuration["STEP_FUNCTIONS_STATE_MACHINE_ARN"];
        if (string.IsNullOrWhiteSpace(arn)) return null;
        var accessKey = configuration["MedZen:Aws:AccessKeyId"] ?? configuration["AWS_ACCESS_KEY_ID"];
        var secret = configuration["MedZen:Aws:SecretAccessKey"] ?? configuration["AWS_SECRET_ACCESS_KEY"];
        if (string.IsNullOrWhiteSpace(accessKey) || string.IsNullOrWhiteSpace(secret))
            throw new InvalidOperationException(
                "Remote-engine mode needs AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or MedZen:Aws:AccessKeyId/SecretAccessKey).");
        var endpoint = configuration["MedZen:Engine:RemoteEndpoint"];
        return new RemoteStepFunctionsOptions
        {
            StateMachineArn = arn,
            Region = configuration["MedZen:Aws:Region"] ?? configuration["AWS_REGION"] ?? "us-east-1",
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? null : new Uri(endpoint),
            Credentials = new AwsCredentials(accessKey, secret, configuration["MedZen:Aws:SessionToken"] ?? configuration["AWS_SESSION_TOKEN"]),
        };
    }
}

/// <summary>A remote execution as DescribeExecution reports it.</summary>
public sealed record RemoteExecution(
    string ExecutionArn, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate, string? Output, string? Error, string? Cause);

/// <summary>
/// Remote-engine mode: StartExecution and DescribeExecution on AWS Step Functions (or anything speaking its AWS JSON 1.0
/// protocol, such as this server's own endpoint), SigV4-signed for service <c>states</c>.
/// </summary>
public sealed class RemoteStepFunctionsClient(HttpClient http, RemoteStepFunctionsOptions options, TimeProvider? time = null)
{
    private static readonly MediaTypeHeaderValue AmzJson = new(AwsJson.ContentType);
    private readonly SigV4Signer _signer = new(options.Credentials, options.Region, "states", time ?? TimeProvider.System);

    public Task<StartedExecution> StartExecutionAsync(string name, JsonNode input, CancellationToken cancellationToken) =>
        StartExecutionAsync(options.StateMachineArn, name, input, cancellationToken);

    public async Task<StartedExecution> StartExecutionAsync(string stateMachineArn, string name, JsonNode input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        var json = await SendAsync("StartExecution",
            new JsonObject { ["stateMachineArn"] = stateMachineArn, ["name"] = name, ["input"] = input.ToJsonString() }, cancellationToken).ConfigureAwait(false);
        return new StartedExecution(RequiredString(json, "executionArn"), Date(json["startDate"]) ?? DateTimeOffset.MinValue);
    }

    /// <summary>The ARN an execution named <paramref name="name"/> of the configured state machine has.</summary>
    public string ExecutionArnFor(string name) =>
        options.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    public async Task<RemoteExecution> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(executionArn);
        var json = await SendAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn }, cancellationToken).ConfigureAwait(false);
        return new RemoteExecution(
            RequiredString(json, "executionArn"), RequiredString(json, "status"), Date(json["startDate"]) ?? DateTimeOffset.MinValue,
            Date(json["stopDate"]), json["output"]?.GetValue<string>(), json["error"]?.GetValue<string>(), json["cause"]?.GetValue<string>());
    }

    private async Task<JsonObject> SendAsync(string action, JsonObject body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
        content.Headers.ContentType = AmzJson;
        using var request = new HttpRequestMessage(HttpMethod.Post, options.EffectiveEndpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions." + action);
        await _signer.SignAsync(request, ct).ConfigureAwait(false);
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
