using System.Text.Json;
using MedZen.Workflow.Stores.Clinical;

namespace MedZen.Workflow.Notifications;

public enum NotifyOutcome { Sent, AlreadySent, InFlightElsewhere }

/// <summary>
/// Tells a provider their note is ready, exactly once per note: the notification row (unique idempotency key
/// = note id) is created before anything is sent, and only the creator, or a retry after a recorded failure,
/// sends. A crash between create and send leaves the row pending rather than risk a duplicate push.
/// </summary>
public sealed class NoteReadyNotifier(IClinicalStore store, INotificationSender sender)
{
    public const string Kind = "soap_note_ready";

    public async Task<NotifyOutcome> NotifyAsync(string soapNoteId, string sessionId, string providerId, CancellationToken cancellationToken)
    {
        var provider = await store.GetProviderAsync(providerId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotificationDeliveryException(sender.Channel, "the provider does not exist.", transient: false);
        var user = await store.GetUserAsync(provider.UserId, cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, string> { ["soapNoteId"] = soapNoteId, ["sessionId"] = sessionId, ["kind"] = Kind };
        var (row, created) = await store.TryCreateNotificationAsync(new NotificationRecord
        {
            Id = Guid.NewGuid().ToString(),
            IdempotencyKey = $"{Kind}:{soapNoteId}",
            UserId = provider.UserId,
            Channel = sender.Channel,
            Kind = Kind,
            Title = "SOAP note ready",
            Body = "A new visit note is ready for your review.",
            PayloadJson = JsonSerializer.Serialize(data),
            Status = NotificationStatus.Pending,
        }, cancellationToken).ConfigureAwait(false);

        if (!created)
        {
            switch (row.Status)
            {
                case NotificationStatus.Sent:
                    return NotifyOutcome.AlreadySent;
                case NotificationStatus.Pending:
                    return NotifyOutcome.InFlightElsewhere;
            }
        }

        try
        {
            await sender.SendAsync(new NotificationMessage(row.Id, row.IdempotencyKey, row.UserId, row.Kind, row.Title, row.Body, data, user?.FcmToken), cancellationToken).ConfigureAwait(false);
        }
        catch (NotificationDeliveryException error)
        {
            await store.MarkNotificationAsync(row.Id, NotificationStatus.Failed, error.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await store.MarkNotificationAsync(row.Id, NotificationStatus.Sent, null, CancellationToken.None).ConfigureAwait(false);
        return NotifyOutcome.Sent;
    }
}
