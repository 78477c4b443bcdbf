using System.Text.Json;
using System.Text.Json.Serialization;
using MedZen.Workflow.Ports;

namespace MedZen.Backends.Notifications;

/// <summary>FCM HTTP v1 <c>messages:send</c> body: <c>{"message": {...}}</c>.</summary>
internal sealed record FcmSendRequest(FcmMessage Message)
{
    /// <summary>The message for <paramref name="notification"/>; the idempotency key travels in the data and as both collapse keys.</summary>
    public static FcmSendRequest For(NotificationMessage notification, string collapseKey) => new(new FcmMessage(
        notification.DeviceToken!,
        new FcmNotification(notification.Title, notification.Body),
        new Dictionary<string, string>(notification.Data) { ["idempotencyKey"] = notification.IdempotencyKey },
        // A resend after a crash carries the same key: the device shows one notification, not two.
        new FcmAndroid(collapseKey),
        new FcmApns(new FcmApnsHeaders(collapseKey))));

    public string ToJson() => JsonSerializer.Serialize(this, NotificationBodiesJsonContext.Default.FcmSendRequest);
}

internal sealed record FcmMessage(string Token, FcmNotification Notification, IReadOnlyDictionary<string, string> Data, FcmAndroid Android, FcmApns Apns);

internal sealed record FcmNotification(string Title, string Body);

internal sealed record FcmAndroid([property: JsonPropertyName("collapse_key")] string CollapseKey);

internal sealed record FcmApns(FcmApnsHeaders Headers);

internal sealed record FcmApnsHeaders([property: JsonPropertyName("apns-collapse-id")] string ApnsCollapseId);

/// <summary>The body the webhook channel POSTs (and signs).</summary>
internal sealed record WebhookBody(
    string Id, string IdempotencyKey, string Kind, string UserId, string Title, string Body, IReadOnlyDictionary<string, string> Data)
{
    public static WebhookBody For(NotificationMessage message) => new(
        message.NotificationId, message.IdempotencyKey, message.Kind, message.UserId, message.Title, message.Body, message.Data);

    public string ToJson() => JsonSerializer.Serialize(this, NotificationBodiesJsonContext.Default.WebhookBody);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FcmSendRequest))]
[JsonSerializable(typeof(WebhookBody))]
internal sealed partial class NotificationBodiesJsonContext : JsonSerializerContext;
