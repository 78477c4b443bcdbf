using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace MedZen.Backends.Notifications;

/// <summary>
/// Webhook signature: <c>X-MedZen-Timestamp</c> holds Unix seconds and <c>X-MedZen-Signature</c> holds
/// <c>v1=</c> + lowercase hex HMAC-SHA256(secret, <c>"{timestamp}.{raw body}"</c>). Receivers recompute it,
/// compare in constant time, and reject timestamps older than a few minutes (replay).
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-MedZen-Timestamp";
    public const string SignatureHeader = "X-MedZen-Signature";
    public const string IdempotencyHeader = "X-MedZen-Idempotency-Key";

    /// <summary>The standard header (IETF draft httpapi-idempotency-key-header): the same on every resend of one notification.</summary>
    public const string StandardIdempotencyHeader = "Idempotency-Key";

    public static string Compute(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return "v1=" + Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, string timestampHeader, string signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, timestamp, body)), Encoding.ASCII.GetBytes(signatureHeader));
    }
}

/// <summary>POSTs each notification as JSON to the configured URL, signed per <see cref="WebhookSignature"/>.</summary>
public sealed class WebhookNotificationSender(HttpClient http, IOptions<NotificationOptions> options, TimeProvider timeProvider) : INotificationSender
{
    public string Channel => "webhook";

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Webhook;
        if (settings.Url is null || string.IsNullOrEmpty(settings.Secret))
        {
            throw new NotificationDeliveryException(Channel, "MedZen:Notifications:Webhook:Url and Secret must be configured.", transient: false);
        }

        var body = WebhookBody.For(message).ToJson();
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(settings.Secret, timestamp, body));
        request.Headers.Add(WebhookSignature.IdempotencyHeader, message.IdempotencyKey);
        request.Headers.Add(WebhookSignature.StandardIdempotencyHeader, message.IdempotencyKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new NotificationDeliveryException(Channel, "the endpoint could not be reached.", transient: true, error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout (a TaskCanceledException): the receiver may yet answer a resend with the same key.
            throw new NotificationDeliveryException(Channel, "the endpoint did not answer in time.", transient: true, error);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new NotificationDeliveryException(Channel, $"HTTP {status}.", transient: status is 408 or 429 or >= 500);
            }
        }
    }
}
