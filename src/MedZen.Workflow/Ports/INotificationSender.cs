using MedZen.Errors;

namespace MedZen.Workflow.Ports;

/// <summary>Delivers one notification over one channel (outbox, FCM, webhook).</summary>
public interface INotificationSender
{
    /// <summary>The channel name stored with each notification: <c>outbox</c>, <c>fcm</c>, <c>webhook</c>.</summary>
    string Channel { get; }

    /// <exception cref="NotificationDeliveryException">The channel refused or could not be reached.</exception>
    Task SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}

/// <param name="Title">Shown on the device; never PHI.</param>
/// <param name="Body">Shown on the device; never PHI.</param>
/// <param name="Data">Ids for the app to open the right screen (note id, session id).</param>
/// <param name="DeviceToken">The recipient's FCM registration token, when known.</param>
public sealed record NotificationMessage(
    string NotificationId,
    string IdempotencyKey,
    string UserId,
    string Kind,
    string Title,
    string Body,
    IReadOnlyDictionary<string, string> Data,
    string? DeviceToken);

/// <summary>A delivery failed. <see cref="Transient"/> says whether a later retry may succeed. Never carries PHI.</summary>
/// <remarks>Named as the notify step reports it: <c>NotificationDeliveryFailed</c> (transient) or <c>NotificationRejected</c>.</remarks>
public sealed class NotificationDeliveryException(string channel, string reason, bool transient, Exception? inner = null)
    : NamedErrorException(transient ? "NotificationDeliveryFailed" : "NotificationRejected",
        $"Notification delivery over {channel} failed: {reason}", ErrorCategory.Dependency, transient, inner: inner)
{
    public string Channel { get; } = channel;

    /// <summary>Whether a later retry may succeed (same as <see cref="NamedErrorException.Retryable"/>).</summary>
    public bool Transient => Retryable;
}
