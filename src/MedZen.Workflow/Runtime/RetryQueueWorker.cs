using MedZen.Workflow.Configuration;
using MedZen.Workflow.Diagnostics;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Runtime;

/// <summary>What one pass over the retry queue did.</summary>
/// <param name="Restarted">Parked visits whose workflow was restarted (or found already restarted).</param>
/// <param name="Deferred">Messages received before their <c>notBefore</c> (over-budget visits): hidden again until then.</param>
/// <param name="DeadLettered">Visits that used up their restarts, or messages that are not parked visits.</param>
public sealed record RetryPassResult(int Restarted, int Deferred, int DeadLettered)
{
    public int Total => Restarted + Deferred + DeadLettered;
}

/// <summary>A parked visit as the definition's park states write it (session ids only; no clinical text).</summary>
public sealed record ParkedVisit(string MessageId, string SessionId, string? Reason, string? ExecutionName, DateTimeOffset? NotBefore, int ReceiveCount, DateTimeOffset SentAt, DateTimeOffset VisibleAt);

/// <summary>The retry queue as <c>medzen queue list</c> shows it.</summary>
public sealed record RetryQueueSnapshot(QueueDepth Depth, IReadOnlyList<ParkedVisit> Waiting, IReadOnlyList<ParkedVisit> DeadLettered);

/// <summary>
/// Restarts parked visits. A message the definition parked (BedrockUnavailable after its retries, or ParkOverBudget) is
/// received when SQS delivers it; one whose <c>notBefore</c> has not come yet is hidden again until then (SQS cannot delay
/// longer than 15 minutes). A due one starts the next attempt, named <c>soap-&lt;session&gt;-r&lt;n&gt;</c> after the run that
/// parked it, so a message received twice (a crash before its delete) starts nothing new. After
/// <see cref="WorkflowOptions.MaxRestartAttempts"/> restarts the next park goes to the dead-letter queue (its session marked
/// <c>soap_failed</c>, RetriesExhausted), where
/// <see cref="RedriveDeadLettersAsync"/> (<c>medzen queue redrive</c>) gives it fresh attempts. Time comes from the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class RetryQueueWorker(
    WorkflowRuntime runtime,
    IRetryQueue queue,
    IOptions<WorkflowOptions> options,
    IOptions<RetryQueueOptions> queueOptions,
    WorkflowMetrics metrics,
    TimeProvider timeProvider,
    ILogger<RetryQueueWorker>? logger = null)
{
    private const int MaxBatchesPerPass = 100;
    private readonly ILogger _logger = logger ?? NullLogger<RetryQueueWorker>.Instance;

    /// <summary>Runs passes every <see cref="WorkflowOptions.RetryPollInterval"/> until cancelled (a hosted service calls this).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ProcessDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Only the type: messages of store or engine errors may quote data.
                _logger.LogWarning("Retry-queue pass failed with {ErrorType}; trying again next poll.", error.GetType().Name);
            }

            try
            {
                await Task.Delay(options.Value.RetryPollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: handles every message that is visible now. <c>medzen queue drain</c> calls this.</summary>
    public async Task<RetryPassResult> ProcessDueAsync(CancellationToken cancellationToken = default)
    {
        await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        int restarted = 0, deferred = 0, deadLettered = 0;
        for (var batch = 0; batch < MaxBatchesPerPass; batch++)
        {
            var messages = await queue.ReceiveAsync(10, queueOptions.Value.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
            if (messages.Count == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                switch (await HandleAsync(message, cancellationToken).ConfigureAwait(false))
                {
                    case Outcome.Restarted: restarted++; break;
                    case Outcome.Deferred: deferred++; break;
                    default: deadLettered++; break;
                }
            }
        }

        metrics.ObserveQueueDepth(await queue.GetDepthAsync(cancellationToken).ConfigureAwait(false));
        return new RetryPassResult(restarted, deferred, deadLettered);
    }

    /// <summary>Same as <see cref="ProcessDueAsync"/>: handles everything due now (<c>medzen queue drain</c>).</summary>
    public Task<RetryPassResult> DrainAsync(CancellationToken cancellationToken = default) => ProcessDueAsync(cancellationToken);

    /// <summary>Waiting and dead-lettered visits (<c>medzen queue list</c>). The SQS adapter cannot peek and lists none.</summary>
    public async Task<RetryQueueSnapshot> ListAsync(CancellationToken cancellationToken = default)
    {
        var depth = await queue.GetDepthAsync(cancellationToken).ConfigureAwait(false);
        metrics.ObserveQueueDepth(depth);
        var waiting = await queue.ListAsync(cancellationToken).ConfigureAwait(false);
        var dead = await queue.ListDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        return new RetryQueueSnapshot(depth, waiting.Select(Describe).ToList(), dead.Select(Describe).ToList());
    }

    /// <summary>
    /// Gives every dead-lettered visit one more restart now, past the limit (<c>medzen queue redrive</c>), and moves the
    /// messages back to the queue, where the worker finds their restart already started and deletes them. The SQS
    /// adapter cannot list dead letters: there the messages only move back.
    /// </summary>
    /// <returns>How many messages moved back.</returns>
    public async Task<int> RedriveDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (var message in await queue.ListDeadLettersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ParkedMessage.TryRead(message.Body) is { } parked)
            {
                await RestartAsync(parked, parked.NextAttempt, cancellationToken).ConfigureAwait(false);
            }
        }

        var moved = await queue.RedriveDeadLettersAsync(cancellationToken).ConfigureAwait(false);
        metrics.ObserveQueueDepth(await queue.GetDepthAsync(cancellationToken).ConfigureAwait(false));
        return moved;
    }

    private enum Outcome { Restarted, Deferred, DeadLettered }

    private async Task<Outcome> HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        switch (RetryPolicy.Decide(message.Body, timeProvider.GetUtcNow(), options.Value.MaxRestartAttempts))
        {
            case RetryDecision.Defer defer:
                await queue.ChangeVisibilityAsync(message.ReceiptHandle, defer.For, cancellationToken).ConfigureAwait(false);
                return Outcome.Deferred;
            case RetryDecision.Due due:
                if (await runtime.ExecutionExistsAsync(due.ExecutionName, cancellationToken).ConfigureAwait(false))
                {
                    // Received before (a crash before the delete) or restarted by a redrive: the next attempt exists already.
                    await queue.DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
                    return Outcome.Restarted;
                }

                if (due.Exhausted)
                {
                    _logger.LogWarning("Parked visit in message {MessageId} used {Attempts} restarts; dead-lettering it.", message.MessageId, due.Attempt - 1);
                    await runtime.MarkSessionDeadLetteredAsync(due.Visit.SessionId, cancellationToken).ConfigureAwait(false);
                    return await DeadLetterAsync(message, cancellationToken).ConfigureAwait(false);
                }

                await RestartAsync(due.Visit, due.Attempt, cancellationToken).ConfigureAwait(false);
                await queue.DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
                return Outcome.Restarted;
            default:
                _logger.LogWarning("Retry-queue message {MessageId} is not a parked visit; dead-lettering it.", message.MessageId);
                return await DeadLetterAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RestartAsync(ParkedMessage parked, int attempt, CancellationToken cancellationToken)
    {
        var name = SoapNoteExecutionNames.ForAttempt(parked.SessionId, attempt);
        var (_, startedNow) = await runtime.RestartAsync(parked.SessionId, name, parked.RestartInput(attempt), cancellationToken).ConfigureAwait(false);
        if (startedNow)
        {
            metrics.RetryRestarts.Add(1, new KeyValuePair<string, object?>("reason", parked.Reason ?? "unknown"));
        }
    }

    private async Task<Outcome> DeadLetterAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeadLetterAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            // The adapter cannot move it: leave it visible; the queue's redrive policy dead-letters it after maxReceiveCount.
            await queue.ChangeVisibilityAsync(message.ReceiptHandle, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        metrics.RetryDeadLettered.Add(1);
        return Outcome.DeadLettered;
    }

    private static ParkedVisit Describe(QueuedMessage message)
    {
        var parked = ParkedMessage.TryRead(message.Body);
        return new ParkedVisit(message.MessageId, parked?.SessionId ?? "", parked?.Reason, parked?.ExecutionName, parked?.NotBefore,
            message.ReceiveCount, message.SentAt, message.VisibleAt);
    }
}
