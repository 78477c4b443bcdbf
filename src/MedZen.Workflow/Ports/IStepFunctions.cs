using System.Text.Json.Nodes;
using MedZen.Errors;

namespace MedZen.Workflow.Ports;

/// <summary>
/// The two Step Functions calls the system makes against a remote engine: <c>medzen serve</c> in remote-engine mode starts
/// and describes SOAP-note executions, and the retry queue's consumer on AWS starts restarts.
/// </summary>
public interface IStepFunctions
{
    /// <exception cref="StepFunctionsApiException">Step Functions refused (e.g. <c>ExecutionAlreadyExists</c>) or failed.</exception>
    Task<StartedExecution> StartExecutionAsync(string stateMachineArn, string name, JsonNode input, CancellationToken cancellationToken);

    /// <exception cref="StepFunctionsApiException">Step Functions refused (e.g. <c>ExecutionDoesNotExist</c>) or failed.</exception>
    Task<DescribedExecution> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken);
}

/// <summary>The result of StartExecution.</summary>
public sealed record StartedExecution(string ExecutionArn, DateTimeOffset StartDate);

/// <summary>An execution as DescribeExecution reports it.</summary>
public sealed record DescribedExecution(
    string ExecutionArn, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate, string? Output, string? Error, string? Cause);

/// <summary>Step Functions answered with an error (<c>__type</c>, e.g. ExecutionAlreadyExists, InvalidSignatureException).</summary>
public sealed class StepFunctionsApiException(string errorType, string message, int statusCode)
    : NamedErrorException(errorType, $"{errorType}: {message}", ErrorCategory.Dependency, statusCode is 429 or >= 500)
{
    public int StatusCode { get; } = statusCode;
}
