using System.Globalization;
using System.Text.Json;
using Dapper;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Local.Database;
using MedZen.Workflow.Ports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Local.Queue;

/// <summary>
/// The retry queue in the local SQLite file. Times are stored as sortable UTC text and come from the
/// injected TimeProvider, so delay and visibility follow a fake clock in tests.
/// </summary>
public sealed class SqliteRetryQueue(SqliteDatabase database, IOptions<RetryQueueOptions> options, TimeProvider timeProvider) : IRetryQueue
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public async Task<SentMessage> SendAsync(string body, TimeSpan delay, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (delay < TimeSpan.Zero || delay > TimeSpan.FromMinutes(15))
        {
            throw new RetryQueueException("InvalidParameterValue", "DelaySeconds must be between 0 and 900.");
        }

        var now = timeProvider.GetUtcNow();
        var id = Guid.NewGuid().ToString();
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO queue_messages (message_id, body, attributes_json, sent_at, visible_at) VALUES (@id, @body, @attributes, @sentAt, @visibleAt)",
            new { id, body, attributes = JsonSerializer.Serialize(attributes ?? new Dictionary<string, string>()), sentAt = Format(now), visibleAt = Format(now + delay) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new SentMessage(id, MessageDigest.Md5Hex(body));
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        if (maxMessages is < 1 or > 10)
        {
            throw new RetryQueueException("InvalidParameterValue", "MaxNumberOfMessages must be between 1 and 10.");
        }

        var now = timeProvider.GetUtcNow();
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var received = new List<ReceivedMessage>();
        while (received.Count < maxMessages)
        {
            var row = await connection.QueryFirstOrDefaultAsync<MessageRow>(new CommandDefinition(
                "SELECT message_id AS MessageId, body AS Body, attributes_json AS AttributesJson, sent_at AS SentAt, visible_at AS VisibleAt, receive_count AS ReceiveCount FROM queue_messages WHERE dead_lettered_at IS NULL AND visible_at <= @now ORDER BY visible_at, sent_at LIMIT 1",
                new { now = Format(now) }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is null)
            {
                break;
            }

            if (row.ReceiveCount >= options.Value.MaxReceiveCount)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE queue_messages SET dead_lettered_at = @now, receipt_handle = NULL WHERE message_id = @id",
                    new { now = Format(now), id = row.MessageId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                continue;
            }

            var handle = Guid.NewGuid().ToString("N");
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE queue_messages SET receive_count = receive_count + 1, receipt_handle = @handle, visible_at = @visibleAt WHERE message_id = @id",
                new { handle, visibleAt = Format(now + visibilityTimeout), id = row.MessageId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            received.Add(new ReceivedMessage(row.MessageId, handle, row.Body, (int)row.ReceiveCount + 1, Parse(row.SentAt),
                JsonSerializer.Deserialize<Dictionary<string, string>>(row.AttributesJson) ?? []));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return received;
    }

    public async Task DeleteAsync(string receiptHandle, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM queue_messages WHERE receipt_handle = @receiptHandle AND dead_lettered_at IS NULL", new { receiptHandle }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (deleted == 0)
        {
            throw new RetryQueueException("ReceiptHandleIsInvalid", "The receipt handle is not valid for any message on the queue.");
        }
    }

    public async Task DeadLetterAsync(string receiptHandle, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE queue_messages SET dead_lettered_at = @now, receipt_handle = NULL WHERE receipt_handle = @receiptHandle AND dead_lettered_at IS NULL",
            new { receiptHandle, now = Format(timeProvider.GetUtcNow()) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (moved == 0)
        {
            throw new RetryQueueException("ReceiptHandleIsInvalid", "The receipt handle is not valid for any message on the queue.");
        }
    }

    public async Task ChangeVisibilityAsync(string receiptHandle, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        if (visibilityTimeout < TimeSpan.Zero || visibilityTimeout > TimeSpan.FromHours(12))
        {
            throw new RetryQueueException("InvalidParameterValue", "VisibilityTimeout must be between 0 and 43200 seconds.");
        }

        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE queue_messages SET visible_at = @visibleAt WHERE receipt_handle = @receiptHandle AND dead_lettered_at IS NULL",
            new { receiptHandle, visibleAt = Format(timeProvider.GetUtcNow() + visibilityTimeout) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw new RetryQueueException("ReceiptHandleIsInvalid", "The receipt handle is not valid for any message on the queue.");
        }
    }

    public async Task<QueueDepth> GetDepthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<(long Visible, long Hidden, long Dead)>(new CommandDefinition(
            """
            SELECT
              COALESCE(SUM(CASE WHEN dead_lettered_at IS NULL AND visible_at <= @now THEN 1 ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN dead_lettered_at IS NULL AND visible_at > @now THEN 1 ELSE 0 END), 0),
              COALESCE(SUM(CASE WHEN dead_lettered_at IS NOT NULL THEN 1 ELSE 0 END), 0)
            FROM queue_messages
            """, new { now = Format(timeProvider.GetUtcNow()) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new QueueDepth((int)row.Visible, (int)row.Hidden, (int)row.Dead);
    }

    public Task<IReadOnlyList<QueuedMessage>> ListAsync(CancellationToken cancellationToken) => ListAsync(deadLettered: false, cancellationToken);

    public Task<IReadOnlyList<QueuedMessage>> ListDeadLettersAsync(CancellationToken cancellationToken) => ListAsync(deadLettered: true, cancellationToken);

    public async Task<int> RedriveDeadLettersAsync(CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE queue_messages SET dead_lettered_at = NULL, receive_count = 0, receipt_handle = NULL, visible_at = @now WHERE dead_lettered_at IS NOT NULL",
            new { now = Format(timeProvider.GetUtcNow()) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM queue_messages WHERE dead_lettered_at IS NULL", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<QueuedMessage>> ListAsync(bool deadLettered, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"SELECT message_id AS MessageId, body AS Body, attributes_json AS AttributesJson, sent_at AS SentAt, visible_at AS VisibleAt, receive_count AS ReceiveCount FROM queue_messages WHERE dead_lettered_at IS {(deadLettered ? "NOT NULL" : "NULL")} ORDER BY sent_at",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new QueuedMessage(r.MessageId, r.Body, (int)r.ReceiveCount, Parse(r.SentAt), Parse(r.VisibleAt))).ToList();
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        database.OpenMigratedAsync("queue", () => SqlMigrator.Load(typeof(SqliteRetryQueue).Assembly, "Local/Queue/Sql"), timeProvider, cancellationToken);

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record MessageRow(string MessageId, string Body, string AttributesJson, string SentAt, string VisibleAt, long ReceiveCount);
}
