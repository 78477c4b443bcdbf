using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Google.Apis.Auth.OAuth2;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;

namespace MedZen.Backends.Notifications;

/// <summary>
/// Firebase Cloud Messaging HTTP v1: <c>POST {BaseUrl}/v1/projects/{project}/messages:send</c> with an OAuth2 access
/// token that Google.Apis.Auth obtains (and caches) from the service-account key.
/// </summary>
public sealed class FcmNotificationSender : INotificationSender
{
    private const string MessagingScope = "https://www.googleapis.com/auth/firebase.messaging";
    private readonly HttpClient _http;
    private readonly FcmOptions _settings;
    private readonly Lazy<(ServiceAccountCredential Credential, string ProjectId)> _account;

    public FcmNotificationSender(HttpClient http, IOptions<NotificationOptions> options)
    {
        _http = http;
        _settings = options.Value.Fcm;
        _account = new Lazy<(ServiceAccountCredential, string)>(LoadAccount);
    }

    public string Channel => "fcm";

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.DeviceToken))
        {
            throw new NotificationDeliveryException(Channel, "the recipient has no FCM registration token.", transient: false);
        }

        var (credential, projectId) = _account.Value;
        string accessToken;
        try
        {
            accessToken = await AccessTokenAsync(credential, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or Google.Apis.Auth.OAuth2.Responses.TokenResponseException or InvalidOperationException)
        {
            throw new NotificationDeliveryException(Channel, "the OAuth2 token exchange failed.", transient: true, error);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_settings.BaseUrl, $"/v1/projects/{Uri.EscapeDataString(projectId)}/messages:send"))
        {
            Content = new StringContent(FcmSendRequest.For(message, CollapseKey(message.IdempotencyKey)).ToJson(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw new NotificationDeliveryException(Channel, "FCM could not be reached.", transient: true, error);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout: a resend carries the same collapse key.
            throw new NotificationDeliveryException(Channel, "FCM did not answer in time.", transient: true, error);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new NotificationDeliveryException(Channel, $"FCM answered HTTP {status}.", transient: status is 429 or >= 500);
            }
        }
    }

    /// <summary>
    /// The cached token while it is fresh, else one token exchange bounded by the caller's cancellation. Not
    /// <c>GetAccessTokenForRequestAsync</c>: its refresh gives up on an exchange after a fixed 12 seconds and starts
    /// another, so on a busy machine one message cost two exchanges; here a failed exchange is a transient delivery
    /// error, and the notifier's own retries decide what happens next.
    /// </summary>
    private static async Task<string> AccessTokenAsync(ServiceAccountCredential credential, CancellationToken cancellationToken)
    {
        if (credential.Token is { IsStale: false, AccessToken: { } cached })
        {
            return cached;
        }

        await credential.RequestAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        return credential.Token?.AccessToken ?? throw new InvalidOperationException("The token endpoint answered without an access token.");
    }

    private (ServiceAccountCredential, string) LoadAccount()
    {
        var json = _settings.ServiceAccountJson
            ?? (_settings.ServiceAccountFile is { } file ? File.ReadAllText(file) : null)
            ?? throw new NotificationDeliveryException(Channel, "no service account is configured (MedZen:Notifications:Fcm:ServiceAccountFile or ServiceAccountJson).", transient: false);
        var key = JsonNode.Parse(json)?.AsObject()
            ?? throw new NotificationDeliveryException(Channel, "the service-account JSON is not an object.", transient: false);
        string Field(string name) => key[name]?.GetValue<string>()
            ?? throw new NotificationDeliveryException(Channel, $"the service-account JSON lacks '{name}'.", transient: false);

        var tokenUri = _settings.TokenUri?.ToString() ?? key["token_uri"]?.GetValue<string>() ?? GoogleAuthConsts.OidcTokenUrl;
        var initializer = new ServiceAccountCredential.Initializer(Field("client_email"), tokenUri) { Scopes = [MessagingScope] };
        var credential = new ServiceAccountCredential(initializer.FromPrivateKey(Field("private_key")));
        return (credential, _settings.ProjectId ?? Field("project_id"));
    }

    /// <summary>APNs caps a collapse id at 64 bytes: longer keys are replaced by their SHA-256 (hex), still stable per note.</summary>
    internal static string CollapseKey(string idempotencyKey) =>
        Encoding.UTF8.GetByteCount(idempotencyKey) <= 64
            ? idempotencyKey
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
}
