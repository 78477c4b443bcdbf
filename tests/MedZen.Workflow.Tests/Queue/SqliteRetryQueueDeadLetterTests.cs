using MedZen.Workflow.Queue;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Queue;

public sealed class SqliteRetryQueueDeadLetterTests : IDisposable
{
    private readonly TempSqlite sqlite = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteRetryQueue queue;

    public SqliteRetryQueueDeadLetterTests() =>
        queue = new SqliteRetryQueue(sqlite.Database, Options.Create(new RetryQueueOptions { MaxReceiveCount = 5 }), clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consumer_can_dead_letter_a_received_message_at_once_and_a_redrive_brings_it_back()
    {
        await queue.SendAsync("parked", TimeSpan.Zero, null, Ct);
        var received = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromMinutes(5), Ct));

        await queue.DeadLetterAsync(received.ReceiptHandle, Ct);

        Assert.Equal(new QueueDepth(0, 0, 1), await queue.GetDepthAsync(Ct));
        Assert.Equal("parked", Assert.Single(await queue.ListDeadLettersAsync(Ct)).Body);
        await Assert.ThrowsAsync<RetryQueueException>(() => queue.DeleteAsync(received.ReceiptHandle, Ct));
        Assert.Equal(1, await queue.RedriveDeadLettersAsync(Ct));
        Assert.Equal(1, Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromMinutes(5), Ct)).ReceiveCount);
    }

    [Fact]
    public async Task A_stale_receipt_handle_cannot_dead_letter()
    {
        await queue.SendAsync("parked", TimeSpan.Zero, null, Ct);
        var first = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), Ct));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));

        var error = await Assert.ThrowsAsync<RetryQueueException>(() => queue.DeadLetterAsync(first.ReceiptHandle, Ct));
        Assert.Equal("ReceiptHandleIsInvalid", error.ErrorCode);
    }

    public void Dispose() => sqlite.Dispose();
}
