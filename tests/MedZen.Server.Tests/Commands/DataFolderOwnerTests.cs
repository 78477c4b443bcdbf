using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedZen.Server.Commands;
using MedZen.Server.Hosting;

namespace MedZen.Server.Tests.Commands;

/// <summary>
/// One owner per data folder: a second server refuses, and CLI commands on a folder a server owns go through its HTTP
/// API instead of starting a second engine that resumes (and stalls) the server's executions.
/// </summary>
public sealed class DataFolderOwnerTests
{
    private static readonly (string, string?)[] FileKeyAndSlowModel =
    [
        // The key the server writes into the data folder, as an operator's CLI finds it.
        ("MedZen:Auth:ServiceApiKey", null),
        // Keeps every execution inside the model call while the CLI commands run.
        ("MedZen:Model:Offline:SimulatedLatency", "00:00:00.400"),
    ];

    [Fact]
    public async Task A_second_server_on_the_same_folder_refuses_with_one_line()
    {
        await using var server = await ServerFixture.StartOnSocketAsync(null, FileKeyAndSlowModel);

        var error = Assert.Throws<DataFolderInUseException>(() => MedZenServer.Build(
            [new("MedZen:Data", server.DataFolder), new("Logging:LogLevel:Default", "Warning")], urls: "http://127.0.0.1:0"));
        Assert.Contains($"pid {Environment.ProcessId}", error.Message);

        // The demo runs an engine of its own: it refuses too, before opening anything.
        Assert.Equal(1, (await CliAsync("demo", "--data", server.DataFolder)).Exit);

        var (exit, _, errors) = await CliAsync("serve", "--data", server.DataFolder, "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, exit);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error DataFolderInUse: The data folder", line);
        Assert.Contains(server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), line);
    }

    [Fact]
    public async Task Cli_commands_beside_a_running_server_go_through_it_and_stall_no_execution()
    {
        const int visits = 12;
        await using var server = await ServerFixture.StartOnSocketAsync(null, FileKeyAndSlowModel);
        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Add("x-api-key", (await File.ReadAllTextAsync(Path.Combine(server.DataFolder, "service-api-key"))).Trim());

        var arns = new List<string>();
        for (var i = 0; i < visits; i++)
        {
            var created = await client.PostAsJsonAsync("/v1/visits", new { transcript = ServerFixture.SampleTranscript });
            var visit = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
            var finalize = await client.PostAsJsonAsync($"/v1/video-calls/{visit["sessionId"]}/finalize",
                new { appointmentId = visit["appointmentId"]!.GetValue<string>(), transcriptionEnabled = true });
            arns.Add((await finalize.Content.ReadFromJsonAsync<JsonObject>())!["executionArn"]!.GetValue<string>());
        }

        // With executions in flight: every operator command the issue names.
        var (listExit, listOutput, listErrors) = await CliAsync("executions", "list", "--json", "--data", server.DataFolder);
        Assert.True(listExit == 0, listErrors);
        Assert.Equal(visits, JsonNode.Parse(listOutput)!.AsArray().Count);
        var (queueExit, queueOutput, queueErrors) = await CliAsync("queue", "list", "--json", "--data", server.DataFolder);
        Assert.True(queueExit == 0, queueErrors);
        Assert.Equal(0, JsonNode.Parse(queueOutput)!["depth"]!["deadLettered"]!.GetValue<int>());
        var transcript = Path.Combine(server.DataFolder, "visit.txt");
        await File.WriteAllTextAsync(transcript, ServerFixture.SampleTranscript, TestContext.Current.CancellationToken);
        var (addExit, addOutput, addErrors) = await CliAsync("visits", "add", "--transcript", transcript, "--data", server.DataFolder);
        Assert.True(addExit == 0, addErrors);
        var added = JsonNode.Parse(addOutput)!;
        var (describeExit, describeOutput, describeErrors) = await CliAsync("executions", "describe", arns[0], "--data", server.DataFolder);
        Assert.True(describeExit == 0, describeErrors);
        Assert.Equal(arns[0], JsonNode.Parse(describeOutput)!["executionArn"]!.GetValue<string>());
        Assert.Equal(0, (await CliAsync("notifications", "list", "--json", "--data", server.DataFolder)).Exit);

        foreach (var arn in arns)
        {
            var execution = await server.WaitForExecutionAsync(client, arn);
            Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
            var (historyExit, history, _) = await CliAsync("executions", "history", arn, "--json", "--data", server.DataFolder);
            Assert.Equal(0, historyExit);
            var types = JsonNode.Parse(history)!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
            // A second engine resuming the execution writes a second TaskScheduled for the state it was in.
            Assert.Equal(types.Count(t => t == "TaskStateEntered"), types.Count(t => t == "TaskScheduled"));
        }

        // The visit the CLI added went through the server: it knows the session.
        var finalizeAdded = await client.PostAsJsonAsync($"/v1/video-calls/{added["sessionId"]}/finalize",
            new { appointmentId = added["appointmentId"]!.GetValue<string>(), transcriptionEnabled = true });
        Assert.True(finalizeAdded.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Without_a_server_reads_open_the_stores_read_only_and_drain_refuses()
    {
        var server = await ServerFixture.StartOnSocketAsync(null, ("MedZen:Auth:ServiceApiKey", null));
        var folder = server.DataFolder;
        string arn;
        using (var client = server.Anonymous())
        {
            client.DefaultRequestHeaders.Add("x-api-key", (await File.ReadAllTextAsync(Path.Combine(folder, "service-api-key"))).Trim());
            var created = await client.PostAsJsonAsync("/v1/visits", new { transcript = ServerFixture.SampleTranscript });
            var visit = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
            var done = await server.FinalizeAndWaitAsync(client, visit);
            arn = done["executionArn"]!.GetValue<string>();
        }

        // The server stops but its folder stays (the fixture's dispose would delete it).
        await server.App.StopAsync();
        await server.App.DisposeAsync();

        var states = Path.Combine(folder, "states.db");
        var before = (File.GetLastWriteTimeUtc(states), new FileInfo(states).Length);
        var (exit, output, errors) = await CliAsync("executions", "list", "--json", "--data", folder);
        Assert.True(exit == 0, errors);
        Assert.Equal(arn, JsonNode.Parse(output)!.AsArray().Single()!["executionArn"]!.GetValue<string>());
        Assert.Equal(0, (await CliAsync("executions", "history", arn, "--data", folder)).Exit);
        var (notificationsExit, notifications, _) = await CliAsync("notifications", "list", "--json", "--data", folder);
        Assert.Equal(0, notificationsExit);
        Assert.Single(JsonNode.Parse(notifications)!.AsArray());
        Assert.Equal(0, (await CliAsync("queue", "list", "--data", folder)).Exit);
        Assert.Equal(before, (File.GetLastWriteTimeUtc(states), new FileInfo(states).Length));

        var (drainExit, _, drainErrors) = await CliAsync("queue", "drain", "--data", folder);
        Assert.Equal(1, drainExit);
        Assert.StartsWith("error DataFolderUnavailable: no medzen serve owns",
            Assert.Single(drainErrors.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error", StringComparison.Ordinal)));

        var (missingExit, _, missingErrors) = await CliAsync("executions", "describe", arn + "-nope", "--data", folder);
        Assert.Equal(2, missingExit);
        Assert.StartsWith("error ExecutionDoesNotExist: ", missingErrors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int Exit, string Output, string Errors)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = await MedZenCli.InvokeAsync(args, output: output, error: errors, ct: TestContext.Current.CancellationToken);
        return (exit, output.ToString(), errors.ToString());
    }
}
