using MedZen.Errors;

namespace MedZen.Workflow.Ports;

/// <summary>
/// The retry queue (the seed's <c>medzen-soap-retry-queue</c>) with SQS semantics: delayed delivery,
/// a visibility timeout per receive, a receive count, and a dead-letter queue after too many receives.
/// </summary>
public interface IRetryQueue
{
    /// <param name="delay">Not delivered before now + delay (SQS allows at most 15 minutes).</param>
    Task<SentMessage> SendAsync(string body, TimeSpan delay, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="visibilityTimeout"/>.
    /// A message already received <c>MaxReceiveCount</c> times goes to the dead-letter queue instead.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <exception cref="RetryQueueException">The receipt handle is stale (the message was received again or deleted).</exception>
    Task DeleteAsync(string receiptHandle, CancellationToken cancellationToken);

    Task ChangeVisibilityAsync(string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Counts of waiting, in-flight and dead-lettered messages.</summary>
    Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken);

    /// <summary>Messages on the main queue without receiving them (the SQS adapter cannot peek and returns an empty list).</summary>
    Task<IReadOnlyList<QueuedMessage>> ListAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<QueuedMessage>> ListDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>Moves every dead-lettered message back to the main queue with a fresh receive count.</summary>
    /// <returns>How many messages moved.</returns>
    Task<int> RedriveDeadLettersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves a received message to the dead-letter queue now (its consumer gave up on it), as a consumer does on SQS by
    /// sending it to the dead-letter queue and deleting it. Adapters that cannot throw <see cref="NotSupportedException"/>.
    /// </summary>
    /// <exception cref="RetryQueueException">The receipt handle is stale.</exception>
    Task DeadLetterAsync(string receiptHandle, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} cannot dead-letter a message on demand.");

    /// <summary>Deletes every message on the main queue (not the dead-letter queue).</summary>
    Task<int> PurgeAsync(CancellationToken cancellationToken);
}

public sealed record SentMessage(string MessageId, string Md5OfBody);

public sealed record ReceivedMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    int ReceiveCount,
    DateTimeOffset SentAt,
    IReadOnlyDictionary<string, string> Attributes);

public sealed record QueuedMessage(string MessageId, string Body, int ReceiveCount, DateTimeOffset SentAt, DateTimeOffset VisibleAt);

public sealed record QueueDepth(int Visible, int InFlightOrDelayed, int DeadLettered);

public sealed class RetryQueueException(string errorCode, string message) : NamedErrorException(errorCode, message, ErrorCategory.Dependency);
