namespace MedZen.Aws.Lambda;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms, as an instant.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id (X-Ray), when tracing is on.</param>
/// <param name="InvokedFunctionArn">Lambda-Runtime-Invoked-Function-Arn.</param>
/// <param name="Payload">The event body, exactly as received.</param>
public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    string? InvokedFunctionArn,
    byte[] Payload);
