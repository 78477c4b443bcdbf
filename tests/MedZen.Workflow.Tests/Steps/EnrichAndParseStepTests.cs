using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Writing;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;

namespace MedZen.Workflow.Tests.Steps;

public sealed class EnrichAndParseStepTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(JsonObject Transcript, JsonObject Enriched)> EnrichAsync(StepKit kit, string sessionId = "s1", string modelId = "claude-opus-4-5")
    {
        await ClinicalSeed.VisitAsync(kit.Store, sessionId, Ct);
        var transcript = await StepKit.RunAsync(kit.Fetch, new JsonObject { ["sessionId"] = sessionId });
        var enriched = await StepKit.RunAsync(kit.Enrich, new JsonObject
        {
            ["sessionId"] = sessionId,
            ["appointmentId"] = "apt-" + sessionId,
            ["providerId"] = "prov-1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["modelId"] = modelId,
        });
        return (transcript, enriched);
    }

    private static JsonObject Reply(string text, long inputTokens = 1000, long outputTokens = 500) => new()
    {
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = "claude-opus-4-5",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        ["stop_reason"] = "end_turn",
        ["usage"] = new JsonObject { ["input_tokens"] = inputTokens, ["output_tokens"] = outputTokens },
    };

    [Fact]
    public async Task Enrich_builds_the_visit_context_and_prices_the_request_without_returning_it_or_the_patients_name()
    {
        using var kit = new StepKit();
        var (_, enriched) = await EnrichAsync(kit);

        Assert.False(enriched["overBudget"]!.GetValue<bool>());
        Assert.Equal("2026-11-25", enriched["budgetDay"]!.GetValue<string>());
        Assert.True(enriched["priced"]!.GetValue<bool>());
        Assert.True(enriched["estimatedCostUsd"]!.GetValue<decimal>() > 0m);
        var visit = enriched["visit"]!;
        Assert.Equal(46, visit["patientAge"]!.GetValue<int>());
        Assert.Equal("female", visit["patientSex"]!.GetValue<string>());
        Assert.Equal("Family medicine", visit["providerSpecialty"]!.GetValue<string>());

        Assert.Null(enriched["modelRequest"]);
        var text = enriched.ToJsonString();
        Assert.DoesNotContain("behind my eyes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Roe", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_builds_the_request_from_the_stored_transcript_and_returns_the_model_reply()
    {
        var model = new RecordingModel();
        using var kit = new StepKit(model: model);
        var (transcript, enriched) = await EnrichAsync(kit);

        var generated = await StepKit.RunAsync(kit.Generate, new JsonObject
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["visit"] = enriched["visit"]!.DeepClone(),
            ["modelId"] = "claude-opus-4-5",
            ["idempotencyKey"] = "soap-s1",
        });

        var request = Assert.Single(model.Requests).ToJsonString();
        Assert.Contains("bedrock-2023-05-31", request, StringComparison.Ordinal);
        Assert.Contains("[seg-2] patient:", request, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Roe", request, StringComparison.Ordinal);
        Assert.Equal("message", generated["body"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(ModelErrorNames.Throttling)]
    [InlineData(ModelErrorNames.Validation)]
    public async Task Generate_names_a_model_failure_as_the_bedrock_integration_does(string modelError)
    {
        using var kit = new StepKit(model: new RecordingModel(fail: modelError));
        var (transcript, enriched) = await EnrichAsync(kit);
        var error = await StepKit.FailsAsync(kit.Generate, new JsonObject
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["visit"] = enriched["visit"]!.DeepClone(),
        });
        Assert.Equal("Bedrock." + modelError, error.ErrorName);
    }

    [Fact]
    public async Task A_step_handed_a_transcript_that_is_not_one_of_the_sessions_stops_with_TranscriptNotFound()
    {
        using var kit = new StepKit();
        var (_, enriched) = await EnrichAsync(kit);
        var stale = new JsonObject
        {
            ["sessionId"] = "s1",
            ["appointmentId"] = "apt-s1",
            ["providerId"] = "prov-1",
            ["transcriptId"] = "tr-replaced",
            ["visit"] = enriched["visit"]!.DeepClone(),
            ["modelBody"] = Reply("{}"),
            ["idempotencyKey"] = "soap-s1",
        };
        Assert.Equal(StepErrorNames.TranscriptNotFound, (await StepKit.FailsAsync(kit.Enrich, stale.DeepClone())).ErrorName);
        Assert.Equal(StepErrorNames.TranscriptNotFound, (await StepKit.FailsAsync(kit.Generate, stale.DeepClone())).ErrorName);
        Assert.Equal(StepErrorNames.TranscriptNotFound, (await StepKit.FailsAsync(kit.Parse, stale.DeepClone())).ErrorName);
    }

    [Fact]
    public async Task Over_budget_parks_until_the_next_utc_midnight()
    {
        using var kit = new StepKit(dailyBudgetUsd: 1m);
        await kit.Store.TryRecordSpendAsync("earlier-visit", new DateOnly(2026, 11, 25), BudgetEntryKind.Actual, 0.99m, Ct);
        var (_, enriched) = await EnrichAsync(kit);

        Assert.True(enriched["overBudget"]!.GetValue<bool>());
        Assert.Equal("2026-11-26T00:00:00Z", enriched["retryAt"]!.GetValue<string>());
        Assert.Equal(900, enriched["delaySeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unpriced_local_model_is_free_and_never_over_budget()
    {
        using var kit = new StepKit(dailyBudgetUsd: 0m);
        var (_, enriched) = await EnrichAsync(kit, modelId: "llama3.1:8b");
        Assert.False(enriched["priced"]!.GetValue<bool>());
        Assert.Equal(0m, enriched["estimatedCostUsd"]!.GetValue<decimal>());
        Assert.False(enriched["overBudget"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("apt-missing", "prov-1", StepErrorNames.AppointmentNotFound)]
    [InlineData("apt-s1", "prov-missing", StepErrorNames.ProviderNotFound)]
    public async Task Enrich_names_the_missing_record(string appointmentId, string providerId, string expected)
    {
        using var kit = new StepKit();
        var (transcript, _) = await EnrichAsync(kit);
        var error = await StepKit.FailsAsync(kit.Enrich, new JsonObject
        {
            ["sessionId"] = "s1",
            ["appointmentId"] = appointmentId,
            ["providerId"] = providerId,
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
        });
        Assert.Equal(expected, error.ErrorName);
    }

    [Fact]
    public async Task Parse_turns_the_offline_writers_reply_into_a_linked_note_with_a_session_derived_id()
    {
        using var kit = new StepKit();
        var (transcript, enriched) = await EnrichAsync(kit, modelId: OfflineNoteWriter.DefaultModelId);
        var body = (await StepKit.RunAsync(kit.Generate, new JsonObject
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["visit"] = enriched["visit"]!.DeepClone(),
        }))["body"]!.DeepClone();

        var parsed = await StepKit.RunAsync(kit.Parse, new JsonObject
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["visit"] = enriched["visit"]!.DeepClone(),
            ["modelBody"] = body,
            ["idempotencyKey"] = "soap-s1",
        });

        Assert.Equal(SoapNoteIds.ForSession("s1"), parsed["soapNoteId"]!.GetValue<string>());
        Assert.Equal(SoapNoteIds.ForSession("s1"), SoapNoteIds.ForSession("s1"));
        Assert.NotEqual(SoapNoteIds.ForSession("s1"), SoapNoteIds.ForSession("s2"));
        var note = NoteJson.Deserialize(parsed["soapNote"]!.ToJsonString());
        Assert.Equal(parsed["statementCount"]!.GetValue<int>(), note.AllStatements.Count());
        Assert.True(note.AllStatements.Any());
        Assert.All(note.AllStatements.Where(s => s.Supported), s => Assert.All(s.Evidence, id => Assert.StartsWith("seg-", id, StringComparison.Ordinal)));
        Assert.Equal(46, note.Visit!.PatientAge);
        Assert.Equal(0m, parsed["costUsd"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Parse_verifies_evidence_and_flags_a_statement_nothing_supports()
    {
        using var kit = new StepKit();
        var (transcript, _) = await EnrichAsync(kit);
        const string reply = """
            {"subjective": {"chiefComplaint": [{"text": "The patient reports a headache for three days.", "evidence": ["seg-2"]}],
                            "allergies": [{"text": "The patient is allergic to penicillin.", "evidence": ["seg-99"]}],
                            "socialHistory": [{"text": "The patient runs marathons every weekend.", "evidence": ["seg-1"]}]},
             "objective": {}, "problems": [], "patientInstructions": []}
            """;
        var parsed = await StepKit.RunAsync(kit.Parse, new JsonObject
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["modelBody"] = Reply(reply),
            ["idempotencyKey"] = "soap-s1",
        });

        var note = NoteJson.Deserialize(parsed["soapNote"]!.ToJsonString());
        Assert.Equal(3, parsed["statementCount"]!.GetValue<int>());
        Assert.Equal(1, parsed["unsupportedCount"]!.GetValue<int>());
        Assert.Contains("seg-8", note.Subjective.Allergies[0].Evidence);
        Assert.DoesNotContain("seg-99", note.Subjective.Allergies[0].Evidence);
        Assert.False(note.Subjective.SocialHistory[0].Supported);
    }

    [Fact]
    public async Task Parse_records_the_actual_cost_once_per_execution()
    {
        using var kit = new StepKit();
        var (transcript, _) = await EnrichAsync(kit);
        const string reply = """{"subjective": {"chiefComplaint": [{"text": "The patient reports a headache.", "evidence": ["seg-2"]}]}, "objective": {}, "problems": [], "patientInstructions": []}""";
        JsonObject Input(string execution) => new()
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["modelBody"] = Reply(reply),
            ["modelId"] = "claude-opus-4-5",
            ["idempotencyKey"] = execution,
        };

        var first = await StepKit.RunAsync(kit.Parse, Input("soap-s1"));
        await StepKit.RunAsync(kit.Parse, Input("soap-s1"));
        Assert.Equal(0.0175m, first["costUsd"]!.GetValue<decimal>());
        Assert.Equal(0.0175m, await kit.Store.GetSpendAsync(new DateOnly(2026, 11, 25), Ct));

        await StepKit.RunAsync(kit.Parse, Input("soap-s1-r1"));
        Assert.Equal(0.035m, await kit.Store.GetSpendAsync(new DateOnly(2026, 11, 25), Ct));
    }

    [Theory]
    [InlineData("I'm sorry, I can't help with writing that note today.", NoteParseErrorNames.ModelReplyNotJson)]
    [InlineData("", NoteParseErrorNames.EmptyNote)]
    [InlineData("""{"subjective": {}, "objective": {}, "problems": [], "patientInstructions": []}""", NoteParseErrorNames.EmptyNote)]
    [InlineData("""{"subjective": {"chiefComplaint": "headache"}, "objective": {}, "problems": [], "patientInstructions": []}""", NoteParseErrorNames.NoteSchemaViolation)]
    public async Task Parse_names_a_reply_that_is_not_a_note(string text, string expected)
    {
        using var kit = new StepKit();
        var (transcript, _) = await EnrichAsync(kit);
        var error = await StepKit.FailsAsync(kit.Parse, new JsonObject
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["modelBody"] = Reply(text),
            ["idempotencyKey"] = "soap-s1",
        });
        Assert.Equal(expected, error.ErrorName);
        Assert.Equal(0m, await kit.Store.GetSpendAsync(new DateOnly(2026, 11, 25), Ct));
    }

    [Theory]
    [InlineData("\"not json at all\"")]
    [InlineData("42")]
    public async Task Parse_rejects_a_model_body_that_is_not_a_messages_object(string bodyJson)
    {
        using var kit = new StepKit();
        var (transcript, _) = await EnrichAsync(kit);
        var error = await StepKit.FailsAsync(kit.Parse, new JsonObject
        {
            ["sessionId"] = "s1",
            ["transcriptId"] = transcript["transcriptId"]!.DeepClone(),
            ["modelBody"] = JsonNode.Parse(bodyJson),
            ["idempotencyKey"] = "soap-s1",
        });
        Assert.Equal(NoteParseErrorNames.ModelResponseInvalid, error.ErrorName);
    }
}
