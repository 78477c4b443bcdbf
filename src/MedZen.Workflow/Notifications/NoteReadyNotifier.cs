using System.Text.Json;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Notifications;

public enum NotifyOutcome { Sent, AlreadySent, InFlightElsewhere }

/// <summary>
/// Tells a provider their note is ready, exactly once per note as the receiver sees it. The notification row (unique
/// idempotency key <c>soap_note_ready:{note id}</c>) is created <c>pending</c>, moves to <c>sending</c> before the
/// channel is called, then to <c>sent</c> or <c>failed</c>. Every delivery of one note carries the same key (the
/// webhook's <c>Idempotency-Key</c> header, the FCM message's collapse key and data), so the receiver deduplicates a
/// resend. A crash after the channel answered but before the row was marked leaves it <c>sending</c>; a crash before
/// that leaves it <c>pending</c>: <see cref="ResendInterruptedAsync"/> (run on start, before executions resume) and a
/// resumed step both send such a row again with its key, so no row stays pending and no note goes unannounced.
/// </summary>
public sealed class NoteReadyNotifier(IClinicalStore store, INotificationSender sender)
{
    public const string Kind = "soap_note_ready";

    /// <summary>How many interrupted rows one start resolves at most (the rest on the next start or by their executions).</summary>
    private const int MaxResolvedOnStart = 10_000;

    public static string IdempotencyKeyFor(string soapNoteId) => $"{Kind}:{soapNoteId}";

    public async Task<NotifyOutcome> NotifyAsync(string soapNoteId, string sessionId, string providerId, CancellationToken cancellationToken)
    {
        var provider = await store.GetProviderAsync(providerId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotificationDeliveryException(sender.Channel, "the provider does not exist.", transient: false);
        var data = new Dictionary<string, string> { ["soapNoteId"] = soapNoteId, ["sessionId"] = sessionId, ["kind"] = Kind };
        var (row, _) = await store.TryCreateNotificationAsync(new NotificationRecord
        {
            Id = Guid.NewGuid().ToString(),
            IdempotencyKey = IdempotencyKeyFor(soapNoteId),
            UserId = provider.UserId,
            Channel = sender.Channel,
            Kind = Kind,
            Title = "SOAP note ready",
            Body = "A new visit note is ready for your review.",
            PayloadJson = JsonSerializer.Serialize(data),
            Status = NotificationStatus.Pending,
        }, cancellationToken).ConfigureAwait(false);

        if (row.Status == NotificationStatus.Sent)
        {
            return NotifyOutcome.AlreadySent;
        }

        // Pending, sending (a crash or a lost answer) or failed: (re)send with the row's own key.
        await SendAsync(row, cancellationToken).ConfigureAwait(false);
        return NotifyOutcome.Sent;
    }

    /// <summary>
    /// Resends every row a crash left <c>pending</c> or <c>sending</c>, with its idempotency key, and records the answer.
    /// A failed delivery is recorded as <c>failed</c> (never left pending) and not thrown.
    /// </summary>
    /// <returns>How many rows were resolved (sent or failed).</returns>
    public async Task<int> ResendInterruptedAsync(CancellationToken cancellationToken)
    {
        var resolved = 0;
        foreach (var status in new[] { NotificationStatus.Sending, NotificationStatus.Pending })
        {
            while (resolved < MaxResolvedOnStart)
            {
                var rows = (await store.ListNotificationsAsync(null, status, 100, cancellationToken).ConfigureAwait(false))
                    .Where(r => r.Channel == sender.Channel)
                    .ToList();
                if (rows.Count == 0)
                {
                    break;
                }

                foreach (var row in rows)
                {
                    try
                    {
                        await SendAsync(row, cancellationToken).ConfigureAwait(false);
                    }
                    catch (NotificationDeliveryException)
                    {
                        // Recorded as failed by SendAsync; the row is resolved either way.
                    }

                    resolved++;
                }
            }
        }

        return resolved;
    }

    private async Task SendAsync(NotificationRecord row, CancellationToken cancellationToken)
    {
        var data = row.PayloadJson is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(row.PayloadJson) ?? [];
        var user = await store.GetUserAsync(row.UserId, cancellationToken).ConfigureAwait(false);
        await store.MarkNotificationAsync(row.Id, NotificationStatus.Sending, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await sender.SendAsync(new NotificationMessage(row.Id, row.IdempotencyKey, row.UserId, row.Kind, row.Title, row.Body, data, user?.FcmToken), cancellationToken).ConfigureAwait(false);
        }
        catch (NotificationDeliveryException error)
        {
            await store.MarkNotificationAsync(row.Id, NotificationStatus.Failed, error.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any other failure of the channel (a timeout it did not translate, a bug) is still a failed attempt: the row
            // must not stay "sending" behind an execution that goes on. Retried like any delivery failure, same key; the
            // message names only the type (an exception's text may carry the payload).
            var failure = new NotificationDeliveryException(sender.Channel, $"the channel failed with {error.GetType().Name}.", transient: true, error);
            await store.MarkNotificationAsync(row.Id, NotificationStatus.Failed, failure.Message, CancellationToken.None).ConfigureAwait(false);
            throw failure;
        }

        await store.MarkNotificationAsync(row.Id, NotificationStatus.Sent, null, CancellationToken.None).ConfigureAwait(false);
    }
}
