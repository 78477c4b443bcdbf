using MedZen.States.Integrations.Http;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// Access to the AWS Step Functions API endpoint (<c>MedZen:AwsApi</c>, env <c>MEDZEN__AWSAPI__…</c>).
/// </summary>
public sealed class StepFunctionsApiOptions
{
    public const string Section = "MedZen:AwsApi";

    /// <summary>Access key id that SigV4-signed requests (service <c>states</c>) must use.</summary>
    /// <value>Default: none (signed requests are rejected with UnrecognizedClientException).</value>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret paired with <see cref="AccessKeyId"/>.</summary>
    /// <value>Default: none.</value>
    public string? SecretAccessKey { get; set; }

    /// <summary>When set, a signature's credential scope must name this region.</summary>
    /// <value>Default: none (any region).</value>
    public string? Region { get; set; }

    /// <summary>The service API key accepted in <c>x-api-key</c> (from <c>MedZen:Auth:ServiceApiKey</c>).</summary>
    /// <value>Default: none; the host's <see cref="MedZen.Server.Security.ServiceApiKey"/> is used when registered.</value>
    public string? ServiceApiKey { get; set; }

    /// <summary>A key check supplied by the host; wins over <see cref="ServiceApiKey"/>.</summary>
    /// <value>Default: none.</value>
    public Func<string?, bool>? ApiKeyCheck { get; set; }

    /// <summary>Step Functions Local mock configuration file (<c>MedZen:Engine:MockConfigFile</c> or env <c>SFN_MOCK_CONFIG</c>).</summary>
    /// <value>Default: none (no mocking; <c>stateMachineArn#TestCase</c> is rejected).</value>
    public string? MockConfigFile { get; set; }

    /// <summary>
    /// A user's own Lambda functions by name, each to an endpoint speaking the Lambda Invoke API
    /// (<c>MedZen:Engine:LambdaEndpoints:NAME</c>); <c>MedZen:Engine:LambdaEndpoint</c> (or env <c>LAMBDA_ENDPOINT</c>, as
    /// Step Functions Local reads it) is the endpoint for every function not named here.
    /// </summary>
    /// <value>Default: none (Lambda tasks run the in-process workflow steps only).</value>
    public Dictionary<string, string> LambdaEndpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// EventBridge connections for HTTP Tasks (<c>arn:aws:states:::http:invoke</c>) by the name in their ARN
    /// (<c>MedZen:Engine:HttpConnections:NAME:AuthorizationType</c> = ApiKey | Basic, <c>ApiKeyName</c>,
    /// <c>ApiKeyValue</c>, <c>Username</c>, <c>Password</c>, <c>Headers:…</c>, <c>QueryParameters:…</c>,
    /// <c>BodyParameters:…</c>).
    /// </summary>
    /// <value>Default: none (an HTTP Task's connection then adds nothing to its calls).</value>
    public Dictionary<string, HttpConnection> HttpConnections { get; } = new(StringComparer.Ordinal);

    internal bool HasSigV4Keys => !string.IsNullOrEmpty(AccessKeyId) && !string.IsNullOrEmpty(SecretAccessKey);
}
