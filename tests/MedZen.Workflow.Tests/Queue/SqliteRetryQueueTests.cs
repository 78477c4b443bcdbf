using MedZen.Workflow.Configuration;
using MedZen.Workflow.Local.Queue;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Workflow.Tests.Queue;

public sealed class SqliteRetryQueueTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SqliteRetryQueue _queue;

    public SqliteRetryQueueTests() =>
        _queue = new SqliteRetryQueue(_sqlite.Database, Options.Create(new RetryQueueOptions { MaxReceiveCount = 2 }), _clock);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_received_message_stays_hidden_for_its_visibility_timeout_then_returns_with_a_higher_count()
    {
        await _queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        var first = Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(1, first.ReceiveCount);
        Assert.Empty(await _queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(new QueueDepth(0, 1, 0), await _queue.GetDepthAsync(Ct));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var second = Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(2, second.ReceiveCount);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
    }

    [Fact]
    public async Task After_max_receives_the_message_moves_to_the_dead_letter_queue_and_can_be_redriven()
    {
        await _queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        for (var i = 0; i < 2; i++)
        {
            Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
            _clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Empty(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
        var dead = Assert.Single(await _queue.ListDeadLettersAsync(Ct));
        Assert.Equal("m1", dead.Body);
        Assert.Empty(await _queue.ListAsync(Ct));

        Assert.Equal(1, await _queue.RedriveDeadLettersAsync(Ct));
        var again = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(1, again.ReceiveCount);
    }

    [Fact]
    public async Task Delete_needs_the_latest_receipt_handle()
    {
        await _queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        var first = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.Zero, Ct));
        var second = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(10), Ct));
        var stale = await Assert.ThrowsAsync<RetryQueueException>(() => _queue.DeleteAsync(first.ReceiptHandle, Ct));
        Assert.Equal("ReceiptHandleIsInvalid", stale.ErrorName);
        await _queue.DeleteAsync(second.ReceiptHandle, Ct);
        Assert.Equal(new QueueDepth(0, 0, 0), await _queue.GetDepthAsync(Ct));
    }

    [Fact]
    public async Task Change_visibility_to_zero_makes_the_message_receivable_at_once()
    {
        await _queue.SendAsync("m1", TimeSpan.Zero, null, Ct);
        var received = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), Ct));
        await _queue.ChangeVisibilityAsync(received.ReceiptHandle, TimeSpan.Zero, Ct);
        Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), Ct));
    }

    [Fact]
    public async Task Delayed_messages_wait_and_purge_empties_the_main_queue()
    {
        await _queue.SendAsync("later", TimeSpan.FromMinutes(15), null, Ct);
        await _queue.SendAsync("now", TimeSpan.Zero, null, Ct);
        var received = Assert.Single(await _queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), Ct));
        Assert.Equal("now", received.Body);
        Assert.Equal(2, (await _queue.ListAsync(Ct)).Count);
        Assert.Equal(2, await _queue.PurgeAsync(Ct));
        Assert.Empty(await _queue.ListAsync(Ct));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(901)]
    public async Task Delay_outside_sqs_limits_is_rejected(int seconds)
    {
        var error = await Assert.ThrowsAsync<RetryQueueException>(() => _queue.SendAsync("x", TimeSpan.FromSeconds(seconds), null, Ct));
        Assert.Equal("InvalidParameterValue", error.ErrorName);
    }

    public void Dispose() => _sqlite.Dispose();
}
