using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;

namespace MedZen.Workflow.Tests.Notifications;

/// <summary>
/// What every notification test stands on: a fresh SQLite clinical store on a fixed clock, a provider to notify, and a
/// real HTTP receiver (WireMock) for the webhook and FCM channels.
/// </summary>
public abstract class NotificationTestBase : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    protected NotificationTestBase() => Store = new SqliteClinicalStore(_sqlite.Database, Clock);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected SqliteClinicalStore Store { get; }

    protected WireMockServer Receiver { get; } = WireMockServer.Start();

    protected HttpClient Http { get; } = new();

    /// <summary>Provider <c>prov-1</c>, whose user <c>user-dr</c> has the given FCM device token.</summary>
    protected async Task SeedProviderAsync(string? fcmToken = "device-token-1")
    {
        await Store.UpsertUserAsync(new UserRecord { Id = "user-dr", Email = "dr@example.test", FullName = "Dr Test", FcmToken = fcmToken }, Ct);
        await Store.UpsertProviderAsync(new ProviderRecord { Id = "prov-1", UserId = "user-dr", FullName = "Dr Test" }, Ct);
    }

    public void Dispose()
    {
        Http.Dispose();
        Receiver.Stop();
        Receiver.Dispose();
        _sqlite.Dispose();
        GC.SuppressFinalize(this);
    }
}
