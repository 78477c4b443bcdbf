using MedZen.Backends.Notifications;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Workflow.Tests.Notifications;

/// <summary>
/// Notifications exactly once across crashes, against a real HTTP receiver (WireMock): every delivery of one note
/// carries the same <c>Idempotency-Key</c>, a row a crash left pending or sending is resent with it on start, and no row
/// stays pending.
/// </summary>
public sealed class NotificationCrashTests : NotificationTestBase
{
    private const string Path = "/hooks/medzen";

    private WebhookNotificationSender Webhook() => new(Http,
        Options.Create(new NotificationOptions { Channel = "webhook", Webhook = new() { Url = new Uri(Receiver.Url + Path), Secret = "s3cret" } }), Clock);

    private List<string> ReceivedKeys() => Receiver.LogEntries
        .Select(e => e.RequestMessage.Headers![WebhookSignature.StandardIdempotencyHeader].Single())
        .ToList();

    [Fact]
    public async Task A_crash_after_the_receiver_answered_is_resent_on_start_with_the_same_key_and_ends_sent()
    {
        await SeedProviderAsync();
        Receiver.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(204));

        // The process dies after the webhook accepted the notification, before the row records it.
        using var death = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var dying = new NoteReadyNotifier(Store, new DiesAfterSending(Webhook(), death));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.NotifyAsync("soap-1", "sess-1", "prov-1", death.Token));
        Assert.Equal(NotificationStatus.Sending, (await Store.GetNotificationByKeyAsync("soap_note_ready:soap-1", Ct))!.Status);

        var restarted = new NoteReadyNotifier(Store, Webhook());
        Assert.Equal(1, await restarted.ResendInterruptedAsync(Ct));
        // The resumed step then finds it sent and sends nothing more.
        Assert.Equal(NotifyOutcome.AlreadySent, await restarted.NotifyAsync("soap-1", "sess-1", "prov-1", Ct));

        Assert.Equal(["soap_note_ready:soap-1", "soap_note_ready:soap-1"], ReceivedKeys());
        var row = await Store.GetNotificationByKeyAsync("soap_note_ready:soap-1", Ct);
        Assert.Equal(NotificationStatus.Sent, row!.Status);
    }

    [Fact]
    public async Task A_503_then_a_crash_during_the_retry_reaches_the_receiver_under_one_key()
    {
        await SeedProviderAsync();
        var calls = 0;
        Receiver.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create()
            .WithCallback(_ => new WireMock.ResponseMessage { StatusCode = Interlocked.Increment(ref calls) == 1 ? 503 : 200 }));

        var notifier = new NoteReadyNotifier(Store, Webhook());
        await Assert.ThrowsAsync<NotificationDeliveryException>(() => notifier.NotifyAsync("soap-2", "sess-2", "prov-1", Ct));
        using var death = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var dying = new NoteReadyNotifier(Store, new DiesAfterSending(Webhook(), death));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.NotifyAsync("soap-2", "sess-2", "prov-1", death.Token));

        var restarted = new NoteReadyNotifier(Store, Webhook());
        await restarted.ResendInterruptedAsync(Ct);
        Assert.Equal(NotifyOutcome.AlreadySent, await restarted.NotifyAsync("soap-2", "sess-2", "prov-1", Ct));

        // Three deliveries (503, the crashed one, the resend), one key: the receiver keeps one.
        Assert.Equal(3, ReceivedKeys().Count);
        Assert.Single(ReceivedKeys().Distinct());
        Assert.Empty(await Store.ListNotificationsAsync(null, NotificationStatus.Pending, 10, Ct));
        Assert.Empty(await Store.ListNotificationsAsync(null, NotificationStatus.Sending, 10, Ct));
    }

    [Fact]
    public async Task A_row_a_crash_left_pending_is_sent_by_the_resumed_step_not_left_pending()
    {
        await SeedProviderAsync();
        Receiver.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        // The process died between creating the row and calling the channel.
        await Store.TryCreateNotificationAsync(new NotificationRecord
        {
            Id = "n-3",
            IdempotencyKey = "soap_note_ready:soap-3",
            UserId = "user-dr",
            Channel = "webhook",
            Kind = NoteReadyNotifier.Kind,
            Title = "SOAP note ready",
            Body = "A new visit note is ready for your review.",
            PayloadJson = """{"soapNoteId":"soap-3","sessionId":"sess-3","kind":"soap_note_ready"}""",
            Status = NotificationStatus.Pending,
        }, Ct);

        Assert.Equal(NotifyOutcome.Sent, await new NoteReadyNotifier(Store, Webhook()).NotifyAsync("soap-3", "sess-3", "prov-1", Ct));

        Assert.Equal(["soap_note_ready:soap-3"], ReceivedKeys());
        Assert.Equal(NotificationStatus.Sent, (await Store.GetNotificationByKeyAsync("soap_note_ready:soap-3", Ct))!.Status);
    }

    [Fact]
    public async Task On_start_a_pending_row_whose_channel_fails_is_recorded_failed_never_left_pending()
    {
        await SeedProviderAsync();
        Receiver.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(410));
        await Store.TryCreateNotificationAsync(new NotificationRecord
        {
            Id = "n-4",
            IdempotencyKey = "soap_note_ready:soap-4",
            UserId = "user-dr",
            Channel = "webhook",
            Kind = NoteReadyNotifier.Kind,
            Title = "SOAP note ready",
            Body = "A new visit note is ready for your review.",
            Status = NotificationStatus.Pending,
        }, Ct);

        Assert.Equal(1, await new NoteReadyNotifier(Store, Webhook()).ResendInterruptedAsync(Ct));

        var row = await Store.GetNotificationByKeyAsync("soap_note_ready:soap-4", Ct);
        Assert.Equal((NotificationStatus.Failed, 1), (row!.Status, row.Attempts));
    }

    /// <summary>
    /// Delivers, then "dies": the process's token is cancelled and the step stops, so nothing after the channel's answer
    /// records anything, as when the process is killed there. (A plain exception would not do: the notifier records any
    /// failure of the channel as a failed attempt, which a killed process never gets to.)
    /// </summary>
    private sealed class DiesAfterSending(INotificationSender inner, CancellationTokenSource death) : INotificationSender
    {
        public string Channel => inner.Channel;

        public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            await inner.SendAsync(message, cancellationToken);
            await death.CancelAsync();
            death.Token.ThrowIfCancellationRequested();
        }
    }

}
