using System.Diagnostics;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Server.Tests.Commands;

/// <summary>
/// <c>medzen eval --model openai</c> as a real process against a WireMock OpenAI-compatible server, configured only
/// through <c>MEDZEN__MODEL__…</c> environment variables: the production prompt goes out, the reply is parsed and linked.
/// </summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly WireMockServer _openAi = WireMockServer.Start();
    private readonly string _directory = Directory.CreateTempSubdirectory("medzen-eval-").FullName;

    public void Dispose()
    {
        _openAi.Stop();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Eval_with_openai_scores_replies_of_the_configured_server()
    {
        var note = new JsonObject
        {
            ["subjective"] = new JsonObject
            {
                ["chiefComplaint"] = new JsonArray(new JsonObject { ["text"] = "Knee pain.", ["evidence"] = new JsonArray("s2") }),
                ["historyOfPresentIllness"] = new JsonArray(new JsonObject { ["text"] = "The patient denies chest pain.", ["evidence"] = new JsonArray("s4") }),
            },
            ["objective"] = new JsonObject(),
            ["problems"] = new JsonArray(),
            ["patientInstructions"] = new JsonArray(),
        };
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-1",
            ["object"] = "chat.completion",
            ["created"] = 1764095000,
            ["model"] = "llama3.1:8b",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = note.ToJsonString() },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 400, ["completion_tokens"] = 80, ["total_tokens"] = 480 },
        };
        _openAi.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(completion.ToJsonString()));

        const string dialogue = "[doctor] what brings you in ?\n[patient] my knee pain .\n[doctor] any chest pain ?\n[patient] no chest pain .";
        var data = Path.Combine(_directory, "tiny.jsonl");
        await File.WriteAllLinesAsync(data, [
            new JsonObject { ["id"] = "T1", ["dialogue"] = dialogue, ["note"] = "CHIEF COMPLAINT\n\nKnee pain.\n\nHISTORY OF PRESENT ILLNESS\n\nThe patient denies chest pain." }.ToJsonString(),
            new JsonObject { ["id"] = "T2", ["dialogue"] = dialogue, ["note"] = "CHIEF COMPLAINT\n\nKnee pain." }.ToJsonString(),
        ], TestContext.Current.CancellationToken);
        var predictions = Path.Combine(_directory, "pred.jsonl");

        var (exit, stdout, stderr) = await RunMedZen(["eval", "--data", data, "--model", "openai", "--out", predictions]);

        Assert.True(exit == 0, stderr);
        var requests = _openAi.LogEntries.Select(e => JsonNode.Parse(e.RequestMessage.Body!)!).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("llama3.1:8b", r["model"]!.GetValue<string>()));
        // The production prompt: SoapPromptBuilder's system rules and transcript block.
        Assert.All(requests, r => Assert.Contains("clinical documentation assistant", r.ToJsonString(), StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Contains("[s4] patient: no chest pain .", r.ToJsonString(), StringComparison.Ordinal));

        var lines = await File.ReadAllLinesAsync(predictions, TestContext.Current.CancellationToken);
        Assert.Equal(["T1", "T2"], lines.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Contains("The patient denies chest pain.", JsonNode.Parse(l)!["note"]!.GetValue<string>(), StringComparison.Ordinal));

        var summary = JsonNode.Parse(stdout.TrimEnd().Split('\n')[^1])!;
        Assert.Equal(2, summary["visits"]!.GetValue<int>());
        Assert.Equal(2 * 2, summary["statements"]!.GetValue<int>());
        Assert.Equal(1.0, summary["evidenceCoverage"]!.GetValue<double>());
        Assert.Equal(0, summary["unsupportedStatements"]!.GetValue<int>());
        Assert.True(summary["rouge1"]!.GetValue<double>() > 50);
        Assert.Contains("model openai", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_with_openai_but_no_model_id_names_the_missing_setting()
    {
        var data = Path.Combine(_directory, "tiny.jsonl");
        await File.WriteAllTextAsync(data, new JsonObject { ["id"] = "T1", ["dialogue"] = "[patient] my knee hurts .", ["note"] = "Knee pain." }.ToJsonString(), TestContext.Current.CancellationToken);

        var (exit, _, stderr) = await RunMedZen(["eval", "--data", data, "--model", "openai"], modelId: null);

        Assert.Equal(2, exit);
        Assert.Contains("not configured", stderr, StringComparison.Ordinal);
        Assert.Empty(_openAi.LogEntries);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunMedZen(string[] args, string? modelId = "llama3.1:8b")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "medzen.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MEDZEN__MODEL__BASEURL"] = _openAi.Url + "/v1";
        start.Environment["MEDZEN__MODEL__APIKEY"] = "test-key";
        if (modelId is not null)
        {
            start.Environment["MEDZEN__MODEL__MODELID"] = modelId;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
