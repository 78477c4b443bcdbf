using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace MedZen.Backends.Sqs;

/// <summary>
/// <see cref="IRetryQueue"/> on Amazon SQS. Dead-lettering is SQS's redrive policy on the main queue
/// (maxReceiveCount = <see cref="RetryQueueOptions.MaxReceiveCount"/> when the queue is deployed); listing and
/// redrive read the configured dead-letter queue. SQS cannot peek, so <see cref="ListAsync"/> returns nothing.
/// </summary>
public sealed class SqsRetryQueue(IAmazonSQS client, IOptions<RetryQueueOptions> options) : IRetryQueue
{
    private string QueueUrl => options.Value.QueueUrl ?? throw new InvalidOperationException("MedZen:Queue:QueueUrl is not configured.");

    private string DeadLetterQueueUrl => options.Value.DeadLetterQueueUrl
        ?? throw new InvalidOperationException("MedZen:Queue:DeadLetterQueueUrl is not configured.");

    public Task<SentMessage> SendAsync(string body, TimeSpan delay, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var response = await client.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = QueueUrl,
                MessageBody = body,
                DelaySeconds = (int)delay.TotalSeconds,
                MessageAttributes = attributes is { Count: > 0 }
                    ? attributes.ToDictionary(kv => kv.Key, kv => new MessageAttributeValue { DataType = "String", StringValue = kv.Value })
                    : null,
            }, cancellationToken).ConfigureAwait(false);
            return new SentMessage(response.MessageId, response.MD5OfMessageBody);
        });

    /// <summary>
    /// Sends a copy of a message to the dead-letter queue, as a consumer that gives up on it does (the Lambda consumer
    /// then reports the message processed, so its event source mapping deletes it from the main queue).
    /// </summary>
    public Task<SentMessage> SendToDeadLetterQueueAsync(string body, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var response = await client.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = DeadLetterQueueUrl,
                MessageBody = body,
                MessageAttributes = attributes is { Count: > 0 }
                    ? attributes.ToDictionary(kv => kv.Key, kv => new MessageAttributeValue { DataType = "String", StringValue = kv.Value })
                    : null,
            }, cancellationToken).ConfigureAwait(false);
            return new SentMessage(response.MessageId, response.MD5OfMessageBody);
        });

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        ReceiveFromAsync(QueueUrl, maxMessages, visibilityTimeout, cancellationToken);

    public Task DeleteAsync(string receiptHandle, CancellationToken cancellationToken) =>
        CallAsync(() => client.DeleteMessageAsync(QueueUrl, receiptHandle, cancellationToken));

    public Task ChangeVisibilityAsync(string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        CallAsync(() => client.ChangeMessageVisibilityAsync(QueueUrl, receiptHandle, (int)visibilityTimeout.TotalSeconds, cancellationToken));

    public Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var main = await client.GetQueueAttributesAsync(QueueUrl,
                ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"], cancellationToken).ConfigureAwait(false);
            var dead = options.Value.DeadLetterQueueUrl is { } dlq
                ? Count(await client.GetQueueAttributesAsync(dlq, ["ApproximateNumberOfMessages"], cancellationToken).ConfigureAwait(false), "ApproximateNumberOfMessages")
                : 0;
            return new QueueDepth(
                Count(main, "ApproximateNumberOfMessages"),
                Count(main, "ApproximateNumberOfMessagesNotVisible") + Count(main, "ApproximateNumberOfMessagesDelayed"),
                dead);
        });

    public Task<IReadOnlyList<QueuedMessage>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QueuedMessage>>([]);

    /// <summary>A sample of up to 10 dead letters (received with visibility 0, so they stay on the queue).</summary>
    public async Task<IReadOnlyList<QueuedMessage>> ListDeadLettersAsync(CancellationToken cancellationToken)
    {
        var received = await ReceiveFromAsync(DeadLetterQueueUrl, 10, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return received.Select(m => new QueuedMessage(m.MessageId, m.Body, m.ReceiveCount, m.SentAt, m.SentAt)).ToList();
    }

    public async Task<int> RedriveDeadLettersAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        while (true)
        {
            var batch = await ReceiveFromAsync(DeadLetterQueueUrl, 10, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return moved;
            }

            foreach (var message in batch)
            {
                await SendAsync(message.Body, TimeSpan.Zero, message.Attributes, cancellationToken).ConfigureAwait(false);
                await CallAsync(() => client.DeleteMessageAsync(DeadLetterQueueUrl, message.ReceiptHandle, cancellationToken)).ConfigureAwait(false);
                moved++;
            }
        }
    }

    public Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var depth = await GetDepthAsync(cancellationToken).ConfigureAwait(false);
            await client.PurgeQueueAsync(QueueUrl, cancellationToken).ConfigureAwait(false);
            return depth.Visible + depth.InFlightOrDelayed;
        });

    private Task<IReadOnlyList<ReceivedMessage>> ReceiveFromAsync(string queueUrl, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            var response = await client.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = maxMessages,
                VisibilityTimeout = (int)visibilityTimeout.TotalSeconds,
                MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
                MessageAttributeNames = ["All"],
            }, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ReceivedMessage>)(response.Messages ?? []).Select(ToReceived).ToList();
        });

    private static ReceivedMessage ToReceived(Message message)
    {
        var attributes = message.Attributes ?? [];
        var receiveCount = attributes.TryGetValue("ApproximateReceiveCount", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : 1;
        var sentAt = attributes.TryGetValue("SentTimestamp", out var sent)
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(sent, CultureInfo.InvariantCulture))
            : DateTimeOffset.UnixEpoch;
        var messageAttributes = (message.MessageAttributes ?? [])
            .Where(kv => kv.Value.StringValue is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value.StringValue);
        return new ReceivedMessage(message.MessageId, message.ReceiptHandle, message.Body, receiveCount, sentAt, messageAttributes);
    }

    private static int Count(GetQueueAttributesResponse response, string name) =>
        response.Attributes is not null && response.Attributes.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;

    private static async Task CallAsync(Func<Task> call) => await CallAsync(async () => { await call().ConfigureAwait(false); return 0; }).ConfigureAwait(false);

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ReceiptHandleIsInvalidException)
        {
            throw new RetryQueueException("ReceiptHandleIsInvalid", "The receipt handle is not valid for any message on the queue.");
        }
        catch (AmazonSQSException error)
        {
            var code = error.ErrorCode?.Split('.')[^1] ?? "InternalError";
            throw new RetryQueueException(code, $"SQS failed with {code}.");
        }
    }
}
