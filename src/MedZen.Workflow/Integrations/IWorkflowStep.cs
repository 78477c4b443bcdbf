using System.Text.Json.Nodes;
using MedZen.Errors;

namespace MedZen.Workflow.Integrations;

/// <summary>
/// One workflow step: JSON in, JSON out, named errors out (<see cref="WorkflowStepException"/>).
/// The same class runs in-process behind <c>lambda:invoke</c> and behind a Lambda handler on AWS.
/// </summary>
public interface IWorkflowStep
{
    /// <summary>The function name the definition's FunctionName resolves to (e.g. <c>medzen-fetch-transcript</c>).</summary>
    string FunctionName { get; }

    ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken);
}

/// <param name="FunctionName">The FunctionName as the definition passed it (name, ARN or name:alias).</param>
/// <param name="IdempotencyKey">Stable across replays of the same attempt (from the engine).</param>
/// <param name="ExecutionArn">The execution the call belongs to.</param>
/// <param name="StateName">The Task state that invoked the step.</param>
/// <param name="Attempt">0 for the first try, then 1, 2, … per Retry.</param>
/// <param name="RequestId">The Lambda-style request id of this invocation.</param>
public sealed record StepContext(
    string FunctionName,
    string IdempotencyKey,
    string ExecutionArn,
    string StateName,
    int Attempt,
    string RequestId)
{
    /// <summary>The embedded engine's invocation behind this call; null elsewhere (AWS Lambda).</summary>
    internal States.Integrations.TaskInvocation? Invocation { get; init; }

    /// <summary>
    /// Runs a wait on a dependency outside the process (the model call) without holding the embedded engine's worker
    /// slot (<see cref="States.Integrations.TaskInvocation.WhileWaitingAsync{T}"/>); elsewhere it just runs it.
    /// </summary>
    public Task<T> WhileWaitingAsync<T>(Func<Task<T>> wait, CancellationToken cancellationToken) =>
        Invocation is null ? wait() : Invocation.WhileWaitingAsync(wait, cancellationToken);
}

/// <summary>
/// A step failed with a name the definition's Retry/Catch can match (surfaces like a Lambda function error:
/// Error = <see cref="NamedErrorException.ErrorName"/>). The message must never contain PHI.
/// </summary>
public sealed class WorkflowStepException(string errorType, string message, Exception? inner = null, bool retryable = false)
    : NamedErrorException(errorType, message, ErrorCategory.Dependency, retryable, inner: inner);
