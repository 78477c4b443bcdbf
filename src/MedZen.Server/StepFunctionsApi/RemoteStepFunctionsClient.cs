using System.Text.Json.Nodes;
using MedZen.Backends.SigV4;
using MedZen.Backends.StepFunctions;
using MedZen.Workflow.Ports;

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

    public Uri EffectiveEndpoint => Endpoint ?? StepFunctionsClient.EndpointFor(Region);

    /// <summary>
    /// Reads the seed's variables (<c>STEP_FUNCTIONS_STATE_MACHINE_ARN</c>, <c>AWS_REGION</c>, <c>AWS_ACCESS_KEY_ID</c>,
    /// <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>) or <c>MedZen:Engine:*</c> / <c>MedZen:Aws:*</c>.
    /// Returns null when no remote state machine is configured (embedded mode).
    /// </summary>
    public static RemoteStepFunctionsOptions? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var arn = configuration["MedZen:Engine:RemoteStateMachineArn"] ?? configuration["STEP_FUNCTIONS_STATE_MACHINE_ARN"];
        if (string.IsNullOrWhiteSpace(arn))
        {
            return null;
        }

        var accessKey = configuration["MedZen:Aws:AccessKeyId"] ?? configuration["AWS_ACCESS_KEY_ID"];
        var secret = configuration["MedZen:Aws:SecretAccessKey"] ?? configuration["AWS_SECRET_ACCESS_KEY"];
        if (string.IsNullOrWhiteSpace(accessKey) || string.IsNullOrWhiteSpace(secret))
        {
            throw new InvalidOperationException(
                "Remote-engine mode needs AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or MedZen:Aws:AccessKeyId/SecretAccessKey).");
        }

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

/// <summary>
/// Remote-engine mode: the configured state machine on AWS Step Functions (or another <c>medzen serve</c>), through the
/// SigV4 <see cref="StepFunctionsClient"/> with the configured region, endpoint and credentials.
/// </summary>
public sealed class RemoteStepFunctionsClient(HttpClient http, RemoteStepFunctionsOptions options, TimeProvider? time = null)
{
    private readonly IStepFunctions _client = new StepFunctionsClient(http, options.EffectiveEndpoint,
        new SigV4Signer(options.Credentials, options.Region, "states", time ?? TimeProvider.System));

    public Task<StartedExecution> StartExecutionAsync(string name, JsonNode input, CancellationToken cancellationToken) =>
        _client.StartExecutionAsync(options.StateMachineArn, name, input, cancellationToken);

    /// <summary>The ARN an execution named <paramref name="name"/> of the configured state machine has.</summary>
    public string ExecutionArnFor(string name) =>
        options.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    public Task<DescribedExecution> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken) =>
        _client.DescribeExecutionAsync(executionArn, cancellationToken);
}
