using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedZen.Aws.Lambda;

/// <summary>
/// The custom runtime's event loop: fetch the next event, run the step, post its result or its named error, repeat.
/// Logs carry request ids and error types only, never event or result bodies (PHI).
/// </summary>
public sealed class LambdaRuntimeLoop
{
    private readonly LambdaRuntimeApiClient _api;
    private readonly ILambdaStep _step;
    private readonly TimeProvider _time;
    private readonly LambdaRuntimeOptions _options;
    private readonly ILogger _logger;

    public LambdaRuntimeLoop(
        LambdaRuntimeApiClient api,
        ILambdaStep step,
        TimeProvider time,
        LambdaRuntimeOptions? options = null,
        ILogger? logger = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _step = step ?? throw new ArgumentNullException(nameof(step));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new LambdaRuntimeOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Processes events until <paramref name="cancellationToken"/> is cancelled (Lambda freezes or ends the process).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await ProcessNextAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fetches one event and answers it, with either a response or an error.</summary>
    public async Task<LambdaOutcome> ProcessNextAsync(CancellationToken cancellationToken)
    {
        var invocation = await _api.NextAsync(cancellationToken).ConfigureAwait(false);
        _options.OnInvocationStarted?.Invoke(invocation);
        var result = await InvokeStepAsync(invocation, cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            _logger.LogWarning("Invocation {RequestId} failed with {ErrorType}", invocation.RequestId, error.ErrorType);
            await _api.ReportInvocationErrorAsync(invocation.RequestId, error, cancellationToken).ConfigureAwait(false);
            return result;
        }

        try
        {
            await _api.RespondAsync(invocation.RequestId, result.Response!, cancellationToken).ConfigureAwait(false);
        }
        catch (LambdaRuntimeApiException rejected) when (rejected.StatusCode is { } status && (int)status is >= 400 and < 500)
        {
            // E.g. 413 for a result over the payload limit: the invocation must still end, as an error.
            var tooLarge = new LambdaErrorReport(rejected.Message, LambdaRuntimeErrorTypes.ResponseRejected);
            await _api.ReportInvocationErrorAsync(invocation.RequestId, tooLarge, cancellationToken).ConfigureAwait(false);
            return LambdaOutcome.Failed(invocation.RequestId, tooLarge);
        }

        return result;
    }

    private async Task<LambdaOutcome> InvokeStepAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        JsonNode? input;
        try
        {
            input = invocation.Payload.Length == 0 ? null : JsonNode.Parse(invocation.Payload);
        }
        catch (JsonException)
        {
            return LambdaOutcome.Failed(invocation.RequestId, new LambdaErrorReport(
                "The event body is not valid JSON.", LambdaRuntimeErrorTypes.InvalidEvent));
        }

        var remaining = invocation.Deadline - _time.GetUtcNow() - _options.DeadlineSafetyMargin;
        if (remaining <= TimeSpan.Zero)
        {
            return DeadlineExceeded(invocation);
        }

        using var deadline = new CancellationTokenSource(remaining, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var output = await _step.InvokeAsync(input, linked.Token).ConfigureAwait(false);
            var body = output is null ? "null"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(output);
            return LambdaOutcome.Succeeded(invocation.RequestId, body);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return DeadlineExceeded(invocation);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return LambdaOutcome.Failed(invocation.RequestId, LambdaErrorClassifier.Classify(exception));
        }
    }

    private static LambdaOutcome DeadlineExceeded(LambdaInvocation invocation) =>
        LambdaOutcome.Failed(invocation.RequestId, new LambdaErrorReport(
            $"The step did not finish before the invocation deadline {invocation.Deadline:O}.",
            LambdaRuntimeErrorTypes.DeadlineExceeded));
}

/// <summary>How one invocation ended: a JSON response body or an error report.</summary>
public sealed record LambdaOutcome(string RequestId, byte[]? Response, LambdaErrorReport? Error)
{
    public static LambdaOutcome Succeeded(string requestId, byte[] response) => new(requestId, response, null);

    public static LambdaOutcome Failed(string requestId, LambdaErrorReport error) => new(requestId, null, error);
}

public sealed class LambdaRuntimeOptions
{
    /// <summary>
    /// How long before the deadline the step is cancelled, leaving time to post the error before Lambda ends the sandbox.
    /// </summary>
    /// <value>500 ms.</value>
    public TimeSpan DeadlineSafetyMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Called with each event before its step runs, e.g. to set <c>_X_AMZN_TRACE_ID</c>.</summary>
    /// <value>None.</value>
    public Action<LambdaInvocation>? OnInvocationStarted { get; init; }
}
