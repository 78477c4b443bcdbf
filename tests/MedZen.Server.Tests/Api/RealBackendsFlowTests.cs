using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace MedZen.Server.Tests.Api;

/// <summary>
/// The same finalize-to-note flow with a clinic's own back ends: the clinical database on a real PostgreSQL server and
/// the session/note tables on a real DynamoDB-compatible server (dynalite), both started by scripts/test.sh.
/// </summary>
public sealed class RealBackendsFlowTests
{
    [Fact]
    public async Task A_visit_becomes_a_note_on_PostgreSQL_and_DynamoDB()
    {
        var postgres = Environment.GetEnvironmentVariable("MEDZEN_TEST_POSTGRES");
        var dynamo = Environment.GetEnvironmentVariable("MEDZEN_TEST_DYNAMODB");
        if (postgres is null || dynamo is null)
        {
            Assert.Skip("MEDZEN_TEST_POSTGRES and MEDZEN_TEST_DYNAMODB are not set (scripts/test.sh sets both).");
        }

        var database = "medzen_server_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var suffix = Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "local");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "local");
        await using var server = await ServerFixture.StartAsync(
            null,
            ("MedZen:Stores:PostgresConnectionString", new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString),
            ("MedZen:Stores:TablesBackend", "dynamodb"),
            ("MedZen:Stores:DynamoDbServiceUrl", dynamo),
            ("MedZen:Stores:SessionsTableName", $"medzen-video-sessions-{suffix}"),
            ("MedZen:Stores:SoapNotesTableName", $"medzen-soap-notes-{suffix}"));

        var visit = await server.CreateVisitAsync();
        using var client = server.Service();
        var sessionId = visit["sessionId"]!.GetValue<string>();
        var execution = await server.FinalizeAndWaitAsync(client, visit);

        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={sessionId}"))!);
        await using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM soap_notes", check);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
