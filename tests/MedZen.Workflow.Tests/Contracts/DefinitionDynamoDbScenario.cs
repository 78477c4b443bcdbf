using System.Text.Json.Nodes;
using MedZen.States.Integrations;
using MedZen.Workflow.Definition;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Tests.Contracts;

/// <summary>
/// Runs the definition's own DynamoDB task Parameters (paths filled with sample strings) through
/// <see cref="DynamoDbHandler"/>, so its expressions, placeholders and Catch names are checked against
/// whichever table adapter backs it: SQLite here, dynalite in MedZen.Aws.Tests.
/// </summary>
public static class DefinitionDynamoDbScenario
{
    public static async Task RunAsync(IKeyValueTables tables, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var substitutions = new Dictionary<string, string>
        {
            ["SessionsTableName"] = "def-sessions-" + suffix,
            ["SoapNotesTableName"] = "def-notes-" + suffix,
            ["FetchTranscriptFunctionArn"] = "f",
            ["EnrichMetadataFunctionArn"] = "f",
            ["GenerateSoapNoteFunctionArn"] = "f",
            ["ParseModelResponseFunctionArn"] = "f",
            ["UpdateClinicalRecordFunctionArn"] = "f",
            ["SendNotificationFunctionArn"] = "f",
            ["BedrockModelId"] = "m",
            ["RetryQueueUrl"] = "q",
        };
        await tables.EnsureTableAsync(new KeyValueTableDefinition(substitutions["SessionsTableName"], "sessionId"), cancellationToken);
        await tables.EnsureTableAsync(new KeyValueTableDefinition(substitutions["SoapNotesTableName"], "soapNoteId"), cancellationToken);
        var states = JsonNode.Parse(DefinitionLoader.Load(substitutions))!["States"]!;
        var handler = new DynamoDbHandler(tables);

        Task<JsonNode?> RunState(string state, string sessionId)
        {
            var definition = states[state]!;
            var parameters = Fill(definition["Parameters"]!.DeepClone(), sessionId);
            return handler.InvokeAsync(new TaskInvocation(definition["Resource"]!.GetValue<string>(), parameters, [], $"exec/{state}/0", "arn:exec", state, 0), cancellationToken).AsTask();
        }

        var missing = await RunState("ValidateInput", "sess-" + suffix);
        Assert.False(missing!.AsObject().ContainsKey("Item"));
        var markMissing = await Assert.ThrowsAsync<TaskFailedException>(() => RunState("MarkSessionFailed", "sess-" + suffix));
        Assert.Equal("DynamoDB.ConditionalCheckFailedException", markMissing.ErrorName);

        await handler.InvokeAsync(new TaskInvocation(ResourceArns.DynamoDbPutItem, new JsonObject
        {
            ["TableName"] = substitutions["SessionsTableName"],
            ["Item"] = new JsonObject { ["sessionId"] = new JsonObject { ["S"] = "sess-" + suffix }, ["transcriptionEnabled"] = new JsonObject { ["BOOL"] = true } },
        }, [], "seed", "arn:exec", "Seed", 0), cancellationToken);

        var found = await RunState("ValidateInput", "sess-" + suffix);
        Assert.True(found!["Item"]!["transcriptionEnabled"]!["BOOL"]!.GetValue<bool>());

        await RunState("SaveNote", "sess-" + suffix);
        var again = await Assert.ThrowsAsync<TaskFailedException>(() => RunState("SaveNote", "sess-" + suffix));
        var caught = states["SaveNote"]!["Catch"]![0]!["ErrorEquals"]!.AsArray().Select(e => e!.GetValue<string>());
        Assert.Contains(again.ErrorName, caught);

        await RunState("UpdateSessionStatus", "sess-" + suffix);
        await RunState("MarkSessionParked", "sess-" + suffix);
        await RunState("MarkSessionFailed", "sess-" + suffix);
        var session = await tables.GetItemAsync(substitutions["SessionsTableName"], new JsonObject { ["sessionId"] = new JsonObject { ["S"] = "sess-" + suffix } }, cancellationToken);
        Assert.Equal("soap_failed", session!["status"]!["S"]!.GetValue<string>());
        Assert.Equal("value:$.note.soapNoteId", session["soapNoteId"]!["S"]!.GetValue<string>());
    }

    /// <summary>Replaces each <c>"Name.$": path</c> with <c>"Name": "value:path"</c> (the session id for $.sessionId).</summary>
    private static JsonNode Fill(JsonNode node, string sessionId)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                if (name.EndsWith(".$", StringComparison.Ordinal))
                {
                    obj.Remove(name);
                    var path = value!.GetValue<string>();
                    obj[name[..^2]] = path == "$.sessionId" ? sessionId : "value:" + path;
                }
                else if (value is not null)
                {
                    obj[name] = Fill(value.DeepClone(), sessionId);
                }
            }
        }

        return node;
    }
}
