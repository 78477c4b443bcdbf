using System.Text.Json.Nodes;
using MedZen.Errors;
using MedZen.States.Errors;

namespace MedZen.States.Integrations;

/// <summary>
/// Runs one Task state's resource (e.g. <c>arn:aws:states:::lambda:invoke</c>).
/// The engine resolves the state's Parameters/Arguments first and hands them over here.
/// </summary>
public interface ITaskHandler
{
    /// <summary>
    /// Returns the task's JSON result, or throws <see cref="TaskFailedException"/> with an ASL error
    /// name that the state's Retry and Catch can match.
    /// </summary>
    ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <param name="Resource">The state's Resource ARN as written in the definition (after substitution).</param>
/// <param name="Parameters">The resolved parameters (JSONPath) or arguments (JSONata).</param>
/// <param name="Context">The context object (<c>$$</c>) as the state sees it.</param>
/// <param name="IdempotencyKey">Stable across a crash and replay of the same attempt: execution, state, entry and attempt.</param>
/// <param name="Attempt">0 for the first try, then 1, 2, … for each Retry.</param>
public sealed record TaskInvocation(
    string Resource,
    JsonNode? Parameters,
    JsonObject Context,
    string IdempotencyKey,
    string ExecutionArn,
    string StateName,
    int Attempt)
{
    /// <summary>Where an HTTP Task reports its raw request and response: set by TestState's TRACE level only.</summary>
    public Http.IHttpExchangeTrace? HttpTrace { get; init; }

    /// <summary>The execution's worker slot (none in TestState), given back by <see cref="WhileWaitingAsync{T}"/>.</summary>
    internal Execution.IExecutionSlot? Slot { get; init; }

    /// <summary>
    /// Runs <paramref name="wait"/>, a wait on something outside this process (a model or service call), without the
    /// execution's worker slot, and takes a slot again before returning: the slots bound executions that compute, so
    /// executions waiting on a slow dependency do not hold up those with work to do. Work done inside
    /// <paramref name="wait"/> is not bounded by the slots, so it should be waiting, not computing.
    /// </summary>
    public async Task<T> WhileWaitingAsync<T>(Func<Task<T>> wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wait);
        if (Slot is null)
        {
            return await wait().ConfigureAwait(false);
        }

        T result = default!;
        await Slot.WhileSuspendedAsync(async () => result = await wait().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return result;
    }
}

/// <summary>
/// A task failed with an ASL error name (e.g. <c>Lambda.ServiceException</c>, <c>TranscriptNotFound</c>). The cause is
/// the step's or service's PHI-free text (it goes into the execution's history), so it is the safe message.
/// </summary>
public sealed class TaskFailedException(string error, string? cause, Exception? inner = null, bool retryable = false)
    : NamedErrorException(error, cause is null ? error : $"{error}: {cause}", ErrorCategory.Dependency, retryable,
        !StatesErrorNames.IsTerminal(error), inner)
{
    public string? Cause { get; } = cause;

    public override string? SafeMessage => Cause;

    /// <summary>A named error raised by a task's resource, under the name <paramref name="errorName"/> (its own, or prefixed).</summary>
    public static TaskFailedException From(NamedErrorException error, string errorName, string? cause) =>
        new(errorName, cause, error, error.Retryable);
}
