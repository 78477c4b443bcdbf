using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Local.Notifications;

/// <summary>
/// The default channel: the notification row in the clinical store is the delivery; the dashboard and
/// <c>ListNotificationsAsync</c> read it. Nothing leaves the machine.
/// </summary>
public sealed class OutboxNotificationSender : INotificationSender
{
    public string Channel => "outbox";

    public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}
