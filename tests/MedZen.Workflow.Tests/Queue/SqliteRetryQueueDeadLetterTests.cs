using MedZen.Workflow.Configuration;
using MedZen.Workflow.Local.Queue;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Queue;

public sealed class SqliteRetryQueueDeadLetterTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteRetryQueue _queue;

    public SqliteRetryQueueDeadLetterTests() =>
        _queue = new SqliteRetryQueue(_sqlite.Database, Options.Create(new RetryQueueOptions { MaxReceiveCount = 5 }), _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consumer_can_dead_letter_a_received_message_at_once_and_a_redrive_brings_it_back()
    {
        await _queue.SendAsync("parked", TimeSpan.Zero, null, Ct);
        var received = Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromMinutes(5), Ct));

        await _queue.DeadLetterAsync(received.ReceiptHandle, Ct);

        Assert.Equal(new QueueDepth(0, 0, 1), await _queue.GetDepthAsync(Ct));
        Assert.Equal("parked", Assert.Single(await _queue.ListDeadLettersAsync(Ct)).Body);
        await Assert.ThrowsAsync<RetryQueueException>(() => _queue.DeleteAsync(received.ReceiptHandle, Ct));
        Assert.Equal(1, await _queue.RedriveDeadLettersAsync(Ct));
        Assert.Equal(1, Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromMinutes(5), Ct)).ReceiveCount);
    }

    [Fact]
    public async Task A_stale_receipt_handle_cannot_dead_letter()
    {
        await _queue.SendAsync("parked", TimeSpan.Zero, null, Ct);
        var first = Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), Ct));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));

        var error = await Assert.ThrowsAsync<RetryQueueException>(() => _queue.DeadLetterAsync(first.ReceiptHandle, Ct));
        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorName);
    }

    public void Dispose() => _sqlite.Dispose();
}
