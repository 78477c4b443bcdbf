using MedZen.Workflow.Queue;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Queue;

public sealed class SqliteRetryQueueTests : IDisposable
{
    private readonly TempSqlite sqlite = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteRetryQueue queue;

    public SqliteRetryQueueTests() =>
        queue = new SqliteRetryQueue(sqlite.Database, Options.Create(new RetryQueueOptions { MaxReceiveCount = 2 }), clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_received_message_stays_hidden_for_its_visibility_timeout_then_returns_with_a_higher_count()
    {
        await queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        var first = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(1, first.ReceiveCount);
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(new QueueDepth(0, 1, 0), await queue.GetDepthAsync(Ct));

        clock.Advance(TimeSpan.FromSeconds(30));
        var second = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(2, second.ReceiveCount);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
    }

    [Fact]
    public async Task After_max_receives_the_message_moves_to_the_dead_letter_queue_and_can_be_redriven()
    {
        await queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        for (var i = 0; i < 2; i++)
        {
            Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
        var dead = Assert.Single(await queue.ListDeadLettersAsync(Ct));
        Assert.Equal("m1", dead.Body);
        Assert.Empty(await queue.ListAsync(Ct));

        Assert.Equal(1, await queue.RedriveDeadLettersAsync(Ct));
        var again = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(1, again.ReceiveCount);
    }

    [Fact]
    public async Task Delete_needs_the_latest_receipt_handle()
    {
        await queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        var second = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
        var stale = await Assert.ThrowsAsync<RetryQueueException>(() => queue.DeleteAsync(first.ReceiptHandle, Ct));
        Assert.Equal("ReceiptHandleIsInvalid", stale.ErrorCode);
        await queue.DeleteAsync(second.ReceiptHandle, Ct);
        Assert.Equal(new QueueDepth(0, 0, 0), await queue.GetDepthAsync(Ct));
    }

    [Fact]
    public async Task Change_visibility_to_zero_makes_the_message_receivable_at_once()
    {
        await queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), Ct));
        await queue.ChangeVisibilityAsync(received.ReceiptHandle, TimeSpan.Zero, Ct);
        Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task Delayed_messages_wait_and_purge_empties_the_main_queue()
    {
        await queue.SendAsync("later", TimeSpan.FromMinutes(15), null, Ct);
        await queue.SendAsync("now", TimeSpan.Zero, null, Ct);
        var received = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), Ct));
        Assert.Equal("now", received.Body);
        Assert.Equal(2, (await queue.ListAsync(Ct)).Count);
        Assert.Equal(2, await queue.PurgeAsync(Ct));
        Assert.Empty(await queue.ListAsync(Ct));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(901)]
    public async Task Delay_outside_sqs_limits_is_rejected(int seconds)
    {
        var error = await Assert.ThrowsAsync<RetryQueueException>(() => queue.SendAsync("x", TimeSpan.FromSeconds(seconds), null, Ct));
        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }

    public void Dispose() => sqlite.Dispose();
}
