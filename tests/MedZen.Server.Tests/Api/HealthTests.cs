using System.Net;
using MedZen.Server.Commands;
using MedZen.Server.Hosting;
using Microsoft.Data.Sqlite;
using MedZen.Testing;

namespace MedZen.Server.Tests.Api;

/// <summary>Liveness (<c>/alive</c>) and readiness (<c>/ready</c>, <c>/health</c>) are separate; readiness sees damaged or missing storage.</summary>
public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_clinical_database_deleted_under_the_server_makes_it_not_ready_but_still_alive()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Anonymous();
        Assert.Equal(HttpStatusCode.OK, await WaitForReadyAsync(client));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Ct)).StatusCode);

        File.Delete(Path.Combine(server.DataFolder, "medzen.db"));

        var ready = await client.GetAsync("/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_truncated_database_fails_the_start_time_quick_check()
    {
        var folder = Directory.CreateTempSubdirectory("medzen-truncated-").FullName;
        var file = Path.Combine(folder, "medzen.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                INSERT INTO t SELECT i, printf('%0100d', i) FROM n;
                CREATE INDEX t_text ON t (text);
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        Assert.Null(await StartupIntegrity.CheckAsync([file], Ct));
        await using (var stream = new FileStream(file, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        var problem = await StartupIntegrity.CheckAsync([file], Ct);
        Assert.NotNull(problem);
        Assert.StartsWith("medzen.db ", problem);
        Assert.Equal("states.db is missing.", await StartupIntegrity.CheckAsync([Path.Combine(folder, "states.db")], Ct));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_folder_with_states_db_but_no_medzen_db_is_refused_unless_init()
    {
        var folder = Directory.CreateTempSubdirectory("medzen-lost-db-").FullName;
        (string, string?)[] settings = [("MedZen:Data", folder), ("MedZen:Engine:TimeScale", "0"), ("Logging:LogLevel:Default", "Warning")];
        await using (var first = MedZenServer.Build(settings.Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2)), urls: "http://127.0.0.1:0"))
        {
            await first.StartAsync(Ct);
            await first.StopAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(folder, "medzen.db"));

        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await MedZenCli.InvokeAsync(["serve", "--data", folder, "--urls", "http://127.0.0.1:0"], output: output, error: errors, ct: Ct);
        Assert.Equal(1, exit);
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error DataFolderDamaged: The data folder", line);
        Assert.Contains("has states.db but no medzen.db", line);
        Assert.Contains("--init", line);
        Assert.False(File.Exists(Path.Combine(folder, "medzen.db")));

        await using (var initialized = MedZenServer.Build(
            settings.Append(("MedZen:Stores:InitializeMissingDatabase", "true")).Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2)),
            urls: "http://127.0.0.1:0"))
        {
            await initialized.StartAsync(Ct);
            Assert.True(File.Exists(Path.Combine(folder, "medzen.db")));
            await initialized.StopAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<HttpStatusCode> WaitForReadyAsync(HttpClient client)
    {
        var deadline = HangGuard.Deadline();
        while (true)
        {
            var status = (await client.GetAsync("/ready", Ct)).StatusCode;
            if (status == HttpStatusCode.OK || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50, Ct);
        }
    }
}
