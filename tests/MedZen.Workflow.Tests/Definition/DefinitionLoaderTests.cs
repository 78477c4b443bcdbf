using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.Workflow.Definition;

namespace MedZen.Workflow.Tests.Definition;

public sealed class DefinitionLoaderTests
{
    internal static readonly Dictionary<string, string> Substitutions = new()
    {
        ["SessionsTableName"] = "medzen-video-sessions",
        ["SoapNotesTableName"] = "medzen-soap-notes",
        ["FetchTranscriptFunctionArn"] = "medzen-fetch-transcript",
        ["EnrichMetadataFunctionArn"] = "medzen-enrich-metadata",
        ["GenerateSoapNoteFunctionArn"] = "medzen-generate-soap-note",
        ["ParseModelResponseFunctionArn"] = "medzen-parse-model-response",
        ["UpdateClinicalRecordFunctionArn"] = "medzen-update-clinical-record",
        ["SendNotificationFunctionArn"] = "medzen-send-notification",
        ["BedrockModelId"] = "anthropic.claude-opus-4-5-20251101-v1:0",
        ["RetryQueueUrl"] = "https://sqs.us-east-1.amazonaws.com/123456789012/medzen-soap-retry-queue",
    };

    [Fact]
    public void The_template_uses_exactly_the_documented_placeholders()
    {
        Assert.Equal(Substitutions.Keys.Order(StringComparer.Ordinal), DefinitionLoader.PlaceholderNames(DefinitionLoader.LoadTemplate()));
    }

    [Fact]
    public void Load_fills_every_placeholder_and_keeps_valid_json()
    {
        var json = DefinitionLoader.Load(Substitutions);
        Assert.DoesNotContain("${", json, StringComparison.Ordinal);
        var states = JsonNode.Parse(json)!["States"]!.AsObject();
        Assert.Equal("medzen-video-sessions", states["ValidateInput"]!["Parameters"]!["TableName"]!.GetValue<string>());
        Assert.Equal("anthropic.claude-opus-4-5-20251101-v1:0", states["EnrichMetadata"]!["Parameters"]!["Payload"]!["modelId"]!.GetValue<string>());
        Assert.Equal("medzen-generate-soap-note", states["GenerateSoapNote"]!["Parameters"]!["FunctionName"]!.GetValue<string>());
    }

    [Fact]
    public void Load_fails_naming_every_unfilled_placeholder()
    {
        var partial = Substitutions.Where(kv => kv.Key is not ("RetryQueueUrl" or "BedrockModelId")).ToDictionary();
        var error = Assert.Throws<DefinitionSubstitutionException>(() => DefinitionLoader.Load(partial));
        Assert.Equal(["BedrockModelId", "RetryQueueUrl"], error.Missing);
    }

    [Fact]
    public void Substituted_values_are_escaped_as_json_string_content()
    {
        var json = DefinitionLoader.Substitute("""{"a":"${Name}"}""", new Dictionary<string, string> { ["Name"] = "q\"x\\y" });
        Assert.Equal("q\"x\\y", JsonNode.Parse(json)!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Every_state_of_the_seed_workflow_is_present_and_reachable()
    {
        var root = JsonNode.Parse(DefinitionLoader.Load(Substitutions))!.AsObject();
        var states = root["States"]!.AsObject();
        string[] expected =
        [
            "ValidateInput", "CheckSession", "SessionNotFound", "TranscriptionDisabled", "FetchTranscript", "EnrichMetadata",
            "CheckBudget", "ParkOverBudget", "GenerateSoapNote", "BedrockUnavailable", "MarkSessionParked", "Parked",
            "ParseModelResponse", "SaveNote", "UpdateClinicalRecord", "UpdateSessionStatus", "SendNotification",
            "RecordNotificationFailure", "NoteReady", "MarkSessionFailed", "WorkflowFailed",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), states.Select(s => s.Key).Order(StringComparer.Ordinal));

        var reachable = new HashSet<string>();
        var pending = new Stack<string>([root["StartAt"]!.GetValue<string>()]);
        while (pending.TryPop(out var name))
        {
            if (!reachable.Add(name))
            {
                continue;
            }

            var state = states[name]!;
            var targets = new[] { state["Next"], state["Default"] }
                .Concat(state["Choices"]?.AsArray().Select(c => c!["Next"]) ?? [])
                .Concat(state["Catch"]?.AsArray().Select(c => c!["Next"]) ?? []);
            foreach (var target in targets.OfType<JsonNode>())
            {
                pending.Push(target.GetValue<string>());
            }
        }

        Assert.Equal(states.Count, reachable.Count);
    }

    [Fact]
    public async Task The_shipped_definition_passes_asl_validator()
    {
        var validator = FindValidator();
        if (validator is null)
        {
            Assert.Skip("node_modules/.bin/asl-validator is not installed (set MEDZEN_TEST_NODE_MODULES).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"soap-note-{Guid.NewGuid():N}.asl.json");
        await File.WriteAllTextAsync(file, DefinitionLoader.Load(Substitutions), TestContext.Current.CancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(validator, ["--json-path", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken)
                + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? FindValidator()
    {
        var modules = Environment.GetEnvironmentVariable("MEDZEN_TEST_NODE_MODULES") ?? Path.Combine(MedZen.Testing.RepositoryRoot.Path, "node_modules");

        var path = Path.Combine(modules, ".bin", "asl-validator");
        return File.Exists(path) ? path : null;
    }
}
