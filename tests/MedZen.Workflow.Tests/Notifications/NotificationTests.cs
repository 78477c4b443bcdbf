using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MedZen.Backends.Notifications;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Local.Notifications;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Workflow.Tests.Notifications;

public sealed class NotificationTests : NotificationTestBase
{

    [Fact]
    public async Task Outbox_records_one_row_per_note_however_often_the_step_runs()
    {
        await SeedProviderAsync();
        var notifier = new NoteReadyNotifier(Store, new OutboxNotificationSender());
        Assert.Equal(NotifyOutcome.Sent, await notifier.NotifyAsync("soap-1", "sess-1", "prov-1", Ct));
        Assert.Equal(NotifyOutcome.AlreadySent, await notifier.NotifyAsync("soap-1", "sess-1", "prov-1", Ct));

        var row = Assert.Single(await Store.ListNotificationsAsync("user-dr", null, 10, Ct));
        Assert.Equal((NotificationStatus.Sent, "outbox", "soap_note_ready:soap-1"), (row.Status, row.Channel, row.IdempotencyKey));
        Assert.Contains("soap-1", row.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_posts_a_body_whose_signature_verifies_and_sends_once()
    {
        await SeedProviderAsync();
        Receiver.Given(Request.Create().WithPath("/hooks/medzen").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        var options = Options.Create(new NotificationOptions { Channel = "webhook", Webhook = new() { Url = new Uri(Receiver.Url + "/hooks/medzen"), Secret = "s3cret" } });
        var notifier = new NoteReadyNotifier(Store, new WebhookNotificationSender(Http, options, Clock));

        await notifier.NotifyAsync("soap-2", "sess-2", "prov-1", Ct);
        await notifier.NotifyAsync("soap-2", "sess-2", "prov-1", Ct);

        var request = Assert.Single(Receiver.LogEntries).RequestMessage;
        var timestamp = request.Headers![WebhookSignature.TimestampHeader].Single();
        var signature = request.Headers[WebhookSignature.SignatureHeader].Single();
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.True(WebhookSignature.Verify("s3cret", timestamp, signature, request.Body!, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other", timestamp, signature, request.Body!, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", timestamp, signature, request.Body! + " ", Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", timestamp, signature, request.Body!, Clock.GetUtcNow().AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.Equal("soap-2", JsonNode.Parse(request.Body!)!["data"]!["soapNoteId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_delivery_is_recorded_and_the_next_attempt_sends_again()
    {
        await SeedProviderAsync();
        Receiver.Given(Request.Create().WithPath("/hooks/flaky").UsingPost()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        Receiver.Given(Request.Create().WithPath("/hooks/flaky").UsingPost()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200));
        var options = Options.Create(new NotificationOptions { Webhook = new() { Url = new Uri(Receiver.Url + "/hooks/flaky"), Secret = "k" } });
        var notifier = new NoteReadyNotifier(Store, new WebhookNotificationSender(Http, options, Clock));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(() => notifier.NotifyAsync("soap-3", "sess-3", "prov-1", Ct));
        Assert.True(error.Transient);
        Assert.Equal(NotificationStatus.Failed, (await Store.GetNotificationByKeyAsync("soap_note_ready:soap-3", Ct))!.Status);

        Assert.Equal(NotifyOutcome.Sent, await notifier.NotifyAsync("soap-3", "sess-3", "prov-1", Ct));
        var row = await Store.GetNotificationByKeyAsync("soap_note_ready:soap-3", Ct);
        Assert.Equal((NotificationStatus.Sent, 2), (row!.Status, row.Attempts));
    }

    [Fact]
    public async Task A_webhook_that_times_out_is_a_retryable_failure_and_never_leaves_the_row_sending()
    {
        // HttpClient's own timeout surfaces as a TaskCanceledException while the caller's token is not cancelled. In the
        // 10,000-visit soak it escaped the step, the definition's catch ended the execution, and the row stayed "sending".
        await SeedProviderAsync();
        using var timingOut = new HttpClient(new TimingOutHandler());
        var options = Options.Create(new NotificationOptions { Webhook = new() { Url = new Uri("http://127.0.0.1:9/hooks"), Secret = "k" } });
        var notifier = new NoteReadyNotifier(Store, new WebhookNotificationSender(timingOut, options, Clock));

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(() => notifier.NotifyAsync("soap-4", "sess-4", "prov-1", Ct));

        Assert.Equal(("NotificationDeliveryFailed", true), (error.ErrorName, error.Transient));
        Assert.Equal(NotificationStatus.Failed, (await Store.GetNotificationByKeyAsync("soap_note_ready:soap-4", Ct))!.Status);
    }

    [Fact]
    public async Task A_channel_failing_with_an_unexpected_exception_leaves_the_row_failed_and_retryable()
    {
        await SeedProviderAsync();
        var notifier = new NoteReadyNotifier(Store, new ThrowingSender());

        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(() => notifier.NotifyAsync("soap-5", "sess-5", "prov-1", Ct));

        Assert.True(error.Transient);
        Assert.DoesNotContain("secret-payload", error.Message, StringComparison.Ordinal);
        Assert.Equal(NotificationStatus.Failed, (await Store.GetNotificationByKeyAsync("soap_note_ready:soap-5", Ct))!.Status);
    }

    private sealed class TimingOutHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));
    }

    private sealed class ThrowingSender : INotificationSender
    {
        public string Channel => "outbox";

        public Task SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
            Task.FromException(new InvalidOperationException("secret-payload"));
    }

    [Fact]
    public async Task Fcm_exchanges_the_service_account_for_a_token_and_posts_an_http_v1_message()
    {
        await SeedProviderAsync();
        Receiver.Given(Request.Create().WithPath("/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"access_token":"ya29.test-token","expires_in":3600,"token_type":"Bearer"}"""));
        Receiver.Given(Request.Create().WithPath("/v1/projects/medzen-test/messages:send").UsingPost().WithHeader("Authorization", "Bearer ya29.test-token"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"name":"projects/medzen-test/messages/1"}"""));

        using var rsa = RSA.Create(2048);
        var serviceAccount = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "medzen-test",
            ["client_email"] = "push@medzen-test.iam.gserviceaccount.com",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["token_uri"] = Receiver.Url + "/token",
        }.ToJsonString();
        var options = Options.Create(new NotificationOptions { Channel = "fcm", Fcm = new() { ServiceAccountJson = serviceAccount, BaseUrl = new Uri(Receiver.Url!) } });
        var notifier = new NoteReadyNotifier(Store, new FcmNotificationSender(Http, options));

        Assert.Equal(NotifyOutcome.Sent, await notifier.NotifyAsync("soap-4", "sess-4", "prov-1", Ct));

        var tokenRequest = Receiver.LogEntries.Single(e => e.RequestMessage.Path == "/token").RequestMessage;
        Assert.Contains("grant_type=urn", tokenRequest.Body, StringComparison.Ordinal);
        var send = Receiver.LogEntries.Single(e => e.RequestMessage.Path.EndsWith("messages:send", StringComparison.Ordinal));
        Assert.Equal(200, send.ResponseMessage.StatusCode);
        var message = JsonNode.Parse(send.RequestMessage.Body!)!["message"]!;
        Assert.Equal("device-token-1", message["token"]!.GetValue<string>());
        Assert.Equal("soap-4", message["data"]!["soapNoteId"]!.GetValue<string>());
        // The note's key travels with the message, so a resend after a crash collapses into the same notification.
        Assert.Equal("soap_note_ready:soap-4", message["data"]!["idempotencyKey"]!.GetValue<string>());
        Assert.Equal("soap_note_ready:soap-4", message["android"]!["collapse_key"]!.GetValue<string>());
        Assert.Equal("soap_note_ready:soap-4", message["apns"]!["headers"]!["apns-collapse-id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fcm_without_a_device_token_fails_permanently()
    {
        await SeedProviderAsync(fcmToken: null);
        var options = Options.Create(new NotificationOptions { Fcm = new() { ServiceAccountJson = "{}" } });
        var notifier = new NoteReadyNotifier(Store, new FcmNotificationSender(Http, options));
        var error = await Assert.ThrowsAsync<NotificationDeliveryException>(() => notifier.NotifyAsync("soap-5", "sess-5", "prov-1", Ct));
        Assert.False(error.Transient);
    }

}
