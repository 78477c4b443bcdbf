using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Testing;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Steps;

namespace MedZen.Workflow.Tests.Steps;

/// <summary>
/// The steps' records are the wire format the definition reads: each output, serialized, is pinned to the exact JSON it
/// was before the records (member names, order, number and date formats, nulls), every <c>$.Payload.x</c> a ResultSelector
/// reads is one of its members, and every required input member is one the definition's Payload passes. Checked against
/// the definition the engine embeds and the checked-in AWS copies.
/// </summary>
public sealed class StepWireFormatTests
{
    private static readonly SoapNote Note = new()
    {
        Subjective = new Subjective { ChiefComplaint = [new NoteStatement("Cough for three days.", ["s1"])] },
        Problems = [new Problem("Acute bronchitis", null, [new NoteStatement("Likely viral.", ["s2", "s3"], Supported: false)], [])],
    };

    private static readonly VisitContext Visit = new() { PatientAge = 41, PatientSex = "female", AppointmentDate = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero) };

    /// <summary>State name → the step's input and output metadata, a sample output and that output's JSON as the hand-built objects wrote it.</summary>
    private static readonly Dictionary<string, (JsonTypeInfo Input, JsonTypeInfo Output, object Sample, string Json)> Steps = new()
    {
        ["FetchTranscript"] = (StepJsonContext.Default.TranscriptRequest, StepJsonContext.Default.TranscriptReference,
            new TranscriptReference { TranscriptId = "t-1", Language = "en-US", SegmentCount = 12, WordCount = 340 },
            """{"transcriptId":"t-1","language":"en-US","segmentCount":12,"wordCount":340}"""),
        ["EnrichMetadata"] = (StepJsonContext.Default.EnrichmentRequest, StepJsonContext.Default.VisitEnrichment,
            new VisitEnrichment
            {
                OverBudget = true,
                BudgetDay = new DateOnly(2026, 11, 25),
                RetryAt = "2026-11-26T00:00:00Z",
                DelaySeconds = 900,
                EstimatedCostUsd = 0.012345m,
                SpentTodayUsd = 50.5m,
                DailyBudgetUsd = 50m,
                Priced = true,
                ModelId = "m-1",
                Visit = Visit,
            },
            """{"overBudget":true,"budgetDay":"2026-11-25","retryAt":"2026-11-26T00:00:00Z","delaySeconds":900,"estimatedCostUsd":0.012345,"spentTodayUsd":50.5,"dailyBudgetUsd":50,"priced":true,"modelId":"m-1","visit":{"patientAge":41,"patientSex":"female","appointmentDate":"2026-11-25T09:30:00+00:00"}}"""),
        ["GenerateSoapNote"] = (StepJsonContext.Default.NoteGenerationRequest, StepJsonContext.Default.ModelReply,
            new ModelReply { Body = new JsonObject { ["model"] = "m-1", ["content"] = new JsonArray() } },
            """{"body":{"model":"m-1","content":[]}}"""),
        ["ParseModelResponse"] = (StepJsonContext.Default.NoteParseRequest, StepJsonContext.Default.ParsedNote,
            new ParsedNote { SoapNoteId = "n-1", SoapNote = Note, StatementCount = 2, UnsupportedCount = 1, CostUsd = 0.0042m, ModelId = "m-1" },
            $$"""{"soapNoteId":"n-1","soapNote":{{NoteJson.Serialize(Note)}},"statementCount":2,"unsupportedCount":1,"costUsd":0.0042,"modelId":"m-1"}"""),
        ["UpdateClinicalRecord"] = (StepJsonContext.Default.DraftNoteRequest, StepJsonContext.Default.StoredDraftNote,
            new StoredDraftNote { ClinicalNoteId = "n-1", Version = 1, Status = "draft", Created = true },
            """{"clinicalNoteId":"n-1","version":1,"status":"draft","created":true}"""),
        ["SendNotification"] = (StepJsonContext.Default.NoteReadyNotice, StepJsonContext.Default.NotificationReceipt,
            new NotificationReceipt { Channel = null, Status = "in_flight", NotificationId = null },
            """{"channel":null,"status":"in_flight","notificationId":null}"""),
    };

    public static TheoryData<string> Definitions => new()
    {
        "src/MedZen.Workflow/soap-note.asl.json",
        "deploy/aws/soap-note.asl.json",
        "deploy/aws/template.json",
    };

    [Theory]
    [MemberData(nameof(StateNames))]
    public void Each_output_serializes_exactly_as_the_hand_built_object_did(string state)
    {
        var (_, output, sample, json) = Steps[state];
        Assert.Equal(json, JsonSerializer.Serialize(sample, output));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Every_member_the_definition_reads_is_in_the_output_and_every_required_input_member_is_passed(string file)
    {
        var lambdaStates = LambdaStates(file);
        Assert.Equal(Steps.Keys.Order(), lambdaStates.Keys.Order());
        foreach (var (name, state) in lambdaStates)
        {
            var (input, output, sample, _) = Steps[name];
            var written = JsonSerializer.SerializeToNode(sample, output)!.AsObject();
            foreach (var path in state["ResultSelector"]!.AsObject().Select(kv => kv.Value!.GetValue<string>()))
            {
                Assert.StartsWith("$.Payload.", path);
                Assert.True(written.ContainsKey(path["$.Payload.".Length..]), $"{name}'s output has no member for {path}.");
            }

            var passed = state["Parameters"]!["Payload"]!.AsObject().Select(kv => kv.Key.Replace(".$", "", StringComparison.Ordinal)).ToHashSet();
            foreach (var member in input.Properties.Where(p => p.IsRequired))
            {
                Assert.True(passed.Contains(member.Name), $"{name} requires '{member.Name}', which the definition does not pass.");
            }

            // Every member a step reads is one the definition passes (generate-soap-note's informational modelId aside).
            Assert.DoesNotContain(input.Properties, p => !passed.Contains(p.Name) && !(name == "GenerateSoapNote" && p.Name == "modelId"));
        }
    }

    public static TheoryData<string> StateNames => [.. Steps.Keys];

    public static TheoryData<string, string> BadPayloads => new()
    {
        { "fetch", """{"sessionId":["s-1"]}""" },
        { "enrich", """{"sessionId":"s-1","appointmentId":"a-1"}""" },
        { "enrich", """{"sessionId":"s-1","appointmentId":"a-1","transcriptId":"t-1","modelId":3}""" },
        { "generate", """{"sessionId":"s-1","transcriptId":"t-1","visit":{"patientAge":"forty"}}""" },
        { "generate", """{"sessionId":"s-1","transcriptId":"t-1","visit":"female, 41"}""" },
        { "generate", """{"sessionId":"s-1","transcriptId":"t-1","visit":null}""" },
        { "parse", """{"sessionId":"s-1","transcriptId":"","modelBody":{}}""" },
        { "parse", """{"sessionId":"s-1","transcriptId":"t-1","modelBody":{},"visit":[]}""" },
        { "update", """{"sessionId":"s-1","soapNoteId":"n-1","soapNote":"{}"}""" },
        { "update", """{"sessionId":"s-1","soapNoteId":"n-1"}""" },
        { "notify", """{"sessionId":"s-1","providerId":null,"soapNoteId":"n-1"}""" },
        { "notify", """{"sessionId":"s-1","providerId":"p-1","soapNoteId":true}""" },
        { "notify", "\"s-1\"" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task A_payload_missing_or_mistyping_a_member_is_InvalidStepInput_naming_no_value(string step, string json)
    {
        using var kit = new StepKit();
        var error = await StepKit.FailsAsync(Step(kit, step), JsonNode.Parse(json));
        Assert.Equal(StepErrorNames.InvalidStepInput, error.ErrorName);
        Assert.False(error.Retryable);
        Assert.DoesNotContain("forty", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("female, 41", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_that_is_not_a_stored_note_is_NoteSchemaViolation()
    {
        using var kit = new StepKit();
        var error = await StepKit.FailsAsync(kit.Update, JsonNode.Parse("""{"sessionId":"s-1","soapNoteId":"n-1","soapNote":{"problems":"none"}}"""));
        Assert.Equal(NoteParseErrorNames.NoteSchemaViolation, error.ErrorName);
    }

    private static IWorkflowStep Step(StepKit kit, string name) => name switch
    {
        "fetch" => kit.Fetch,
        "enrich" => kit.Enrich,
        "generate" => kit.Generate,
        "parse" => kit.Parse,
        "update" => kit.Update,
        _ => kit.Notify,
    };

    private static Dictionary<string, JsonObject> LambdaStates(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine(file.Split('/'))))!.AsObject();
        if (root.ContainsKey("Resources"))
        {
            var machine = root["Resources"]!.AsObject().Select(kv => kv.Value!).Single(r => (string?)r["Type"] == "AWS::StepFunctions::StateMachine");
            root = JsonNode.Parse(machine["Properties"]!["DefinitionString"]!.GetValue<string>())!.AsObject();
        }

        return root["States"]!.AsObject()
            .Where(kv => (string?)kv.Value!["Resource"] == "arn:aws:states:::lambda:invoke")
            .ToDictionary(kv => kv.Key, kv => kv.Value!.AsObject());
    }
}
