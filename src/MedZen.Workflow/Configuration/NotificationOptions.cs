using System.ComponentModel.DataAnnotations;

namespace MedZen.Workflow.Configuration;

/// <summary>Notification channel settings, bound from <c>MedZen:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    /// <summary><c>outbox</c> (rows in the clinical store's notifications table), <c>fcm</c> or <c>webhook</c>.</summary>
    /// <value>outbox</value>
    [RegularExpression("^(outbox|fcm|webhook)$")]
    public string Channel { get; set; } = "outbox";

    public FcmOptions Fcm { get; set; } = new();

    public WebhookOptions Webhook { get; set; } = new();
}

/// <summary>
/// FCM HTTP v1. Seed variables: <c>FCM_PROJECT_ID</c>, <c>FCM_SERVICE_ACCOUNT_FILE</c> or <c>FCM_SERVICE_ACCOUNT_JSON</c>.
/// The seed's <c>FCM_SERVER_KEY</c> belongs to the retired legacy API and is not used.
/// </summary>
public sealed class FcmOptions
{
    /// <summary>Firebase project id; defaults to the service account's project_id.</summary>
    /// <value>null</value>
    public string? ProjectId { get; set; }

    /// <summary>Path of the service-account JSON key file.</summary>
    /// <value>null</value>
    public string? ServiceAccountFile { get; set; }

    /// <summary>The service-account JSON itself (takes precedence over the file).</summary>
    /// <value>null</value>
    public string? ServiceAccountJson { get; set; }

    /// <summary>FCM endpoint base.</summary>
    /// <value>https://fcm.googleapis.com</value>
    public Uri BaseUrl { get; set; } = new("https://fcm.googleapis.com");

    /// <summary>OAuth2 token endpoint; defaults to the service account's token_uri.</summary>
    /// <value>null</value>
    public Uri? TokenUri { get; set; }
}

/// <summary>An HMAC-SHA256-signed webhook (see <c>WebhookSignature</c> in MedZen.Backends).</summary>
public sealed class WebhookOptions
{
    /// <summary>Where notifications are POSTed.</summary>
    /// <value>null</value>
    public Uri? Url { get; set; }

    /// <summary>Shared secret for the signature.</summary>
    /// <value>null</value>
    public string? Secret { get; set; }
}
