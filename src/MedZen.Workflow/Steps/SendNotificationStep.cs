using System.Data.Common;
using MedZen.Workflow.Diagnostics;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Steps;

/// <summary>
/// send-notification: <c>{sessionId, providerId, soapNoteId}</c> → one "note ready" notification to the provider,
/// exactly once per note (<see cref="NoteReadyNotifier"/> keys it by the note id) over the configured channel
/// (the outbox by default). Out: <c>{channel, status, notificationId}</c> with status <c>sent</c>, <c>already_sent</c>
/// or <c>in_flight</c>. A failure is <c>NotificationDeliveryFailed</c> (transient) or <c>NotificationRejected</c>;
/// the definition records either and still finishes the note.
/// </summary>
public sealed class SendNotificationStep(NoteReadyNotifier notifier, IClinicalStore store, WorkflowMetrics metrics)
    : WorkflowStep<NoteReadyNotice, NotificationReceipt>(StepJsonContext.Default.NoteReadyNotice, StepJsonContext.Default.NotificationReceipt)
{
    public override string FunctionName => WorkflowFunctionNames.SendNotification;

    protected override async ValueTask<NotificationReceipt> ExecuteAsync(NoteReadyNotice input, StepContext context, CancellationToken cancellationToken)
    {
        var soapNoteId = input.SoapNoteId;

        NotifyOutcome outcome;
        try
        {
            outcome = await notifier.NotifyAsync(soapNoteId, input.SessionId, input.ProviderId, cancellationToken).ConfigureAwait(false);
        }
        catch (NotificationDeliveryException error)
        {
            metrics.NotificationsFailed.Add(1, new KeyValuePair<string, object?>("channel", error.Channel));
            throw new WorkflowStepException(
                error.Transient ? StepErrorNames.NotificationDeliveryFailed : StepErrorNames.NotificationRejected, error.Message, error);
        }
        catch (DbException error)
        {
            // The store failed around the delivery (a busy database under load, a lost connection), often after the
            // channel already answered: the row is left pending or sending. Transient, so the definition's Retry runs the
            // step again, which resends under the same idempotency key (the receiver keeps one) and records the answer,
            // instead of the catch ending the execution with the row waiting for the next start.
            throw new WorkflowStepException(StepErrorNames.NotificationDeliveryFailed,
                $"Recording the notification failed ({error.GetType().Name}); it is resent under the same key.", error);
        }

        var row = await store.GetNotificationByKeyAsync($"{NoteReadyNotifier.Kind}:{soapNoteId}", cancellationToken).ConfigureAwait(false);
        if (outcome == NotifyOutcome.Sent)
        {
            metrics.NotificationsSent.Add(1, new KeyValuePair<string, object?>("channel", row?.Channel ?? "unknown"));
        }

        return new NotificationReceipt
        {
            Channel = row?.Channel,
            Status = outcome switch
            {
                NotifyOutcome.Sent => "sent",
                NotifyOutcome.AlreadySent => "already_sent",
                _ => "in_flight",
            },
            NotificationId = row?.Id,
        };
    }
}
