using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Mocking;
using MedZen.States.Service;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// The AWS Step Functions actions over <see cref="StatesService"/>: AWS request members in, AWS response members out
/// (member names and shapes per the AWS Step Functions API Reference).
/// </summary>
internal sealed partial class StepFunctionsActions(StatesService service, MockedTaskHandlers? mocks)
{
    private const int DefaultPageSize = 100;
    private const int MaxInputLength = 262_144;
    private static readonly string[] StatusValues = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

    public static IReadOnlyCollection<string> Names { get; } =
    [
        "CreateStateMachine", "DescribeStateMachine", "ListStateMachines", "UpdateStateMachine", "DeleteStateMachine",
        "StartExecution", "StartSyncExecution", "DescribeExecution", "GetExecutionHistory", "ListExecutions",
        "StopExecution", "RedriveExecution", "TestState", .. ParityNames,
    ];

    public Task<JsonObject> InvokeAsync(string action, JsonObject body, CancellationToken ct) => action switch
    {
        "CreateStateMachine" => CreateStateMachineAsync(body, ct),
        "DescribeStateMachine" => DescribeStateMachineAsync(body, ct),
        "ListStateMachines" => ListStateMachinesAsync(body, ct),
        "UpdateStateMachine" => UpdateStateMachineAsync(body, ct),
        "DeleteStateMachine" => DeleteStateMachineAsync(body, ct),
        "StartExecution" => StartExecutionAsync(body, ct),
        "StartSyncExecution" => StartSyncExecutionAsync(body, ct),
        "DescribeExecution" => DescribeExecutionAsync(body, ct),
        "GetExecutionHistory" => GetExecutionHistoryAsync(body, ct),
        "ListExecutions" => ListExecutionsAsync(body, ct),
        "StopExecution" => StopExecutionAsync(body, ct),
        "RedriveExecution" => RedriveExecutionAsync(body, ct),
        "TestState" => TestStateAsync(body, ct),
        _ when ParityNames.Contains(action) => InvokeParityAsync(action, body, ct),
        _ => throw new AwsJsonError(AwsJsonErrorNames.UnknownOperation, $"Unknown operation: {action}"),
    };

    // ------------------------------------------------------------ state machines

    private async Task<JsonObject> CreateStateMachineAsync(JsonObject body, CancellationToken ct)
    {
        var name = AwsJson.RequiredString(body, "name");
        var definition = AwsJson.RequiredString(body, "definition");
        var type = AwsJson.Enum(body, "type", "STANDARD", "STANDARD", "EXPRESS") == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;
        var arn = await service.CreateStateMachineAsync(name, definition, AwsJson.OptionalString(body, "roleArn"), type, ct).ConfigureAwait(false);
        var machine = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        return new JsonObject { ["stateMachineArn"] = arn, ["creationDate"] = AwsJson.Timestamp(machine.CreationDate) };
    }

    private async Task<JsonObject> DescribeStateMachineAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "stateMachineArn");
        StepFunctionsArns.CheckStateMachine(arn);
        var m = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["stateMachineArn"] = m.Arn,
            ["name"] = m.Name,
            ["status"] = "ACTIVE",
            ["definition"] = m.Definition,
            ["roleArn"] = m.RoleArn,
            ["type"] = TypeName(m.Type),
            ["creationDate"] = AwsJson.Timestamp(m.CreationDate),
            ["loggingConfiguration"] = new JsonObject { ["level"] = "OFF", ["includeExecutionData"] = false },
            ["tracingConfiguration"] = new JsonObject { ["enabled"] = false },
            ["revisionId"] = m.RevisionId,
        };
    }

    private async Task<JsonObject> ListStateMachinesAsync(JsonObject body, CancellationToken ct)
    {
        var (offset, size) = Page(body);
        var all = (await service.ListStateMachinesAsync(ct).ConfigureAwait(false)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var page = all.Skip(offset).Take(size).Select(m => (JsonNode)new JsonObject
        {
            ["stateMachineArn"] = m.Arn,
            ["name"] = m.Name,
            ["type"] = TypeName(m.Type),
            ["creationDate"] = AwsJson.Timestamp(m.CreationDate),
        }).ToArray();
        return WithToken(new JsonObject { ["stateMachines"] = new JsonArray(page) }, offset + size, all.Count);
    }

    private async Task<JsonObject> UpdateStateMachineAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "stateMachineArn");
        StepFunctionsArns.CheckStateMachine(arn);
        var definition = AwsJson.OptionalString(body, "definition");
        var roleArn = AwsJson.OptionalString(body, "roleArn");
        if (definition is null && roleArn is null && body["loggingConfiguration"] is null && body["tracingConfiguration"] is null)
        {
            throw new AwsJsonError(AwsJsonErrorNames.MissingRequiredParameter,
                "Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified");
        }

        await service.UpdateStateMachineAsync(arn, definition, roleArn, ct).ConfigureAwait(false);
        var m = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        return new JsonObject { ["updateDate"] = AwsJson.Timestamp(m.UpdateDate), ["revisionId"] = m.RevisionId };
    }

    private async Task<JsonObject> DeleteStateMachineAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "stateMachineArn");
        StepFunctionsArns.CheckStateMachine(arn);
        try
        {
            await service.DeleteStateMachineAsync(arn, ct).ConfigureAwait(false);
        }
        catch (StatesApiException e) when (e.ErrorName == StatesApiErrors.StateMachineDoesNotExist)
        {
            // AWS: DeleteStateMachine is idempotent and does not report a missing machine.
        }
        return [];
    }

    // ------------------------------------------------------------ executions

    private async Task<JsonObject> StartExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var (arn, name, input, rollback) = await PrepareStartAsync(body, ct).ConfigureAwait(false);
        StartExecutionResult started;
        try
        {
            started = await service.StartExecutionAsync(arn, name, input, ct).ConfigureAwait(false);
        }
        catch
        {
            rollback?.Invoke();
            throw;
        }
        return new JsonObject { ["executionArn"] = started.ExecutionArn, ["startDate"] = AwsJson.Timestamp(started.StartDate) };
    }

    private async Task<JsonObject> StartSyncExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var (arn, name, input, rollback) = await PrepareStartAsync(body, ct).ConfigureAwait(false);
        ExecutionRecord e;
        try
        {
            e = await service.StartSyncExecutionAsync(arn, name, input, ct).ConfigureAwait(false);
        }
        catch (StatesApiException)
        {
            rollback?.Invoke();
            throw;
        }
        var o = new JsonObject
        {
            ["executionArn"] = e.Arn,
            ["stateMachineArn"] = e.StateMachineArn,
            ["name"] = e.Name,
            ["startDate"] = AwsJson.Timestamp(e.StartDate),
            ["stopDate"] = AwsJson.Timestamp(e.StopDate ?? e.StartDate),
            ["status"] = e.Status.ToAws(),
            ["input"] = e.Input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
        };
        AddOutcome(o, e);
        var billedMs = Math.Max(100, (long)Math.Ceiling(((e.StopDate ?? e.StartDate) - e.StartDate).TotalMilliseconds / 100.0) * 100);
        o["billingDetails"] = new JsonObject { ["billedMemoryUsedInMB"] = 64, ["billedDurationInMilliseconds"] = billedMs };
        return o;
    }

    /// <summary>
    /// Checks the request and, for <c>stateMachineArn#TestCase</c>, registers the test case before the execution can run;
    /// the rollback restores the previous registration when the start is refused (e.g. ExecutionAlreadyExists).
    /// </summary>
    private async Task<(string Arn, string? Name, string? Input, Action? Rollback)> PrepareStartAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "stateMachineArn");
        var name = AwsJson.OptionalString(body, "name");
        var input = AwsJson.OptionalString(body, "input");
        if (input is { Length: > MaxInputLength })
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation,
                $"1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to {MaxInputLength}");
        }

        var hash = arn.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            StepFunctionsArns.CheckStateMachine(arn);
            return (arn, name, input, null);
        }
        var testCase = arn[(hash + 1)..];
        arn = arn[..hash];
        var machineName = StepFunctionsArns.CheckStateMachine(arn);
        if (mocks is null)
        {
            throw new AwsJsonError(AwsJsonErrorNames.InvalidArn, $"Invalid Arn: test case '{testCase}' given, but no mock configuration is loaded");
        }

        if (!mocks.Config.HasTestCase(machineName, testCase))
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation, $"Test case '{testCase}' is not defined for state machine '{machineName}' in the mock configuration");
        }

        var machine = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        name ??= Guid.NewGuid().ToString();
        var executionArn = StepFunctionsArns.ExecutionOf(arn, name, machine.Type == StateMachineType.Express);
        var registry = mocks.TestCases;
        Action rollback = registry.TryGet(executionArn, out var previous)
            ? () => registry.Register(executionArn, previous.StateMachineName, previous.TestCase)
            : () => registry.Unregister(executionArn);
        registry.Register(executionArn, machineName, testCase);
        return (arn, name, input, rollback);
    }

    private async Task<JsonObject> DescribeExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var e = await service.DescribeExecutionAsync(arn, ct).ConfigureAwait(false);
        var o = new JsonObject
        {
            ["executionArn"] = e.Arn,
            ["stateMachineArn"] = e.StateMachineArn,
            ["name"] = e.Name,
            ["status"] = e.Status.ToAws(),
            ["startDate"] = AwsJson.Timestamp(e.StartDate),
            ["input"] = e.Input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
        };
        if (e.StopDate is { } stop)
        {
            o["stopDate"] = AwsJson.Timestamp(stop);
        }

        AddOutcome(o, e);
        o["redriveCount"] = e.RedriveCount;
        if (e.RedriveDate is { } redrive)
        {
            o["redriveDate"] = AwsJson.Timestamp(redrive);
        }

        if (e.Type == StateMachineType.Standard && e.Status is ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted)
        {
            o["redriveStatus"] = "REDRIVABLE";
        }
        else
        {
            o["redriveStatus"] = "NOT_REDRIVABLE";
            o["redriveStatusReason"] = e.Type == StateMachineType.Express
                ? "Execution is EXPRESS and cannot be redriven"
                : $"Execution is {e.Status.ToAws()} and cannot be redriven";
        }
        return o;
    }

    private async Task<JsonObject> GetExecutionHistoryAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var maxResults = AwsJson.OptionalInt(body, "maxResults", 0, 1000) is { } m and > 0 ? m : DefaultPageSize;
        var reverse = AwsJson.OptionalBool(body, "reverseOrder") ?? false;
        var includeData = AwsJson.OptionalBool(body, "includeExecutionData") ?? true;
        var token = AwsJson.OptionalString(body, "nextToken");
        var offset = AwsJson.PageOffset(token);
        var page = await service.GetExecutionHistoryAsync(arn, maxResults, offset == 0 ? null : offset.ToString(System.Globalization.CultureInfo.InvariantCulture), reverse, ct)
            .ConfigureAwait(false);
        var events = page.Events.Select(e => (JsonNode)HistoryEventJson(e, includeData)).ToArray();
        var o = new JsonObject { ["events"] = new JsonArray(events) };
        if (page.NextToken is not null)
        {
            o["nextToken"] = AwsJson.PageToken(offset + maxResults);
        }

        return o;
    }

    private static JsonObject HistoryEventJson(HistoryEvent e, bool includeData)
    {
        var o = e.ToAwsJson();
        o["timestamp"] = AwsJson.Timestamp(e.Timestamp);
        if (!includeData)
        {
            foreach (var (_, details) in o)
            {
                if (details is not JsonObject d)
                {
                    continue;
                }

                d.Remove("input");
                d.Remove("output");
            }
        }
        return o;
    }

    private async Task<JsonObject> ListExecutionsAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "stateMachineArn");
        StepFunctionsArns.CheckStateMachine(arn);
        var filter = AwsJson.OptionalString(body, "statusFilter") is null ? null : AwsJson.Enum(body, "statusFilter", "", StatusValues);
        var (offset, size) = Page(body);
        IReadOnlyList<ExecutionRecord> all;
        if (filter == "PENDING_REDRIVE")
        {
            all = [];
            await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        }
        else
        {
            all = await service.ListExecutionsAsync(arn, ExecutionStatusNames.Parse(filter), ct).ConfigureAwait(false);
        }
        var ordered = all.OrderByDescending(e => e.StartDate).ThenBy(e => e.Arn, StringComparer.Ordinal).ToList();
        var page = ordered.Skip(offset).Take(size).Select(e =>
        {
            var item = new JsonObject
            {
                ["executionArn"] = e.Arn,
                ["stateMachineArn"] = e.StateMachineArn,
                ["name"] = e.Name,
                ["status"] = e.Status.ToAws(),
                ["startDate"] = AwsJson.Timestamp(e.StartDate),
            };
            if (e.StopDate is { } stop)
            {
                item["stopDate"] = AwsJson.Timestamp(stop);
            }

            item["redriveCount"] = e.RedriveCount;
            if (e.RedriveDate is { } redrive)
            {
                item["redriveDate"] = AwsJson.Timestamp(redrive);
            }

            return (JsonNode)item;
        }).ToArray();
        return WithToken(new JsonObject { ["executions"] = new JsonArray(page) }, offset + size, ordered.Count);
    }

    private async Task<JsonObject> StopExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var stopped = await service.StopExecutionAsync(arn, AwsJson.OptionalString(body, "error"), AwsJson.OptionalString(body, "cause"), ct).ConfigureAwait(false);
        return new JsonObject { ["stopDate"] = AwsJson.Timestamp(stopped.StopDate ?? stopped.StartDate) };
    }

    private async Task<JsonObject> RedriveExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var redriven = await service.RedriveExecutionAsync(arn, ct).ConfigureAwait(false);
        return new JsonObject { ["redriveDate"] = AwsJson.Timestamp(redriven) };
    }

    // ------------------------------------------------------------ TestState

    private async Task<JsonObject> TestStateAsync(JsonObject body, CancellationToken ct)
    {
        var definition = AwsJson.RequiredString(body, "definition");
        var level = AwsJson.Enum(body, "inspectionLevel", "INFO", "INFO", "DEBUG", "TRACE");
        if (AwsJson.OptionalString(body, "stateName") is { } stateName)
        {
            definition = StateOf(definition, stateName);
        }

        var variables = ParseVariables(AwsJson.OptionalString(body, "variables"));
        TestStateMock? mock = null;
        if (body["mock"] is JsonObject m)
        {
            var result = AwsJson.OptionalString(m, "result");
            if (m["errorOutput"] is JsonObject error)
            {
                mock = new TestStateMock(Error: AwsJson.RequiredString(error, "error"), Cause: AwsJson.OptionalString(error, "cause"));
            }
            else if (result is not null)
            {
                mock = new TestStateMock(Result: ParseJsonMember(result, "mock.result"));
            }
            else
            {
                throw new AwsJsonError(AwsJsonErrorNames.Validation, "mock must have either result or errorOutput");
            }
        }
        else if (body["mock"] is not null)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Serialization, "Member 'mock' must be an object");
        }
        // INFO answers the outcome only; DEBUG adds the data at each processing step, as AWS's inspectionData; TRACE also
        // an HTTP Task's raw request and response, without what its connection adds unless revealSecrets is true.
        var inspection = level == "INFO" ? null
            : new StateInspection { TraceHttp = level == "TRACE", RevealSecrets = AwsJson.OptionalBool(body, "revealSecrets") ?? false };
        var r = await service.TestStateAsync(definition, AwsJson.OptionalString(body, "input"), mock, variables, ct, inspection).ConfigureAwait(false);
        var o = new JsonObject { ["status"] = r.Status };
        if (inspection is not null)
        {
            var data = new JsonObject();
            void Add(string name, string? value)
            {
                if (value is not null)
                {
                    data[name] = value;
                }
            }

            Add("input", inspection.Input);
            Add("afterInputPath", inspection.AfterInputPath);
            Add("afterParameters", inspection.AfterParameters);
            Add("afterArguments", inspection.AfterArguments);
            Add("result", inspection.Result);
            Add("afterResultSelector", inspection.AfterResultSelector);
            Add("afterResultPath", inspection.AfterResultPath);
            Add("variables", inspection.Variables);
            if (inspection.HttpRequest is { } request)
            {
                data["request"] = new JsonObject
                {
                    ["protocol"] = request.Protocol,
                    ["method"] = request.Method,
                    ["url"] = request.Url,
                    ["headers"] = request.Headers,
                    ["body"] = request.Body,
                };
            }

            if (inspection.HttpResponse is { } response)
            {
                data["response"] = new JsonObject
                {
                    ["protocol"] = response.Protocol,
                    ["statusCode"] = response.StatusCode,
                    ["statusMessage"] = response.StatusMessage,
                    ["headers"] = response.Headers,
                    ["body"] = response.Body,
                };
            }

            o["inspectionData"] = data;
        }

        if (r.Output is not null)
        {
            o["output"] = r.Output;
        }

        if (r.Error is not null)
        {
            o["error"] = r.Error;
        }

        if (r.Cause is not null)
        {
            o["cause"] = r.Cause;
        }

        if (r.NextState is not null)
        {
            o["nextState"] = r.NextState;
        }

        return o;
    }

    /// <summary>TestState with <c>stateName</c>: the definition is a whole state machine and the named state is tested.</summary>
    private static string StateOf(string machineDefinition, string stateName)
    {
        var machine = ParseJsonMember(machineDefinition, "definition") as JsonObject;
        if (machine?["States"]?[stateName] is not JsonObject state)
        {
            throw new StatesApiException(StatesApiErrors.InvalidDefinition, $"State '{stateName}' is not in the definition's States");
        }

        if (machine["QueryLanguage"] is { } ql && state["QueryLanguage"] is null)
        {
            state["QueryLanguage"] = ql.DeepClone();
        }

        return state.ToJsonString();
    }

    private static Dictionary<string, JsonNode?>? ParseVariables(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (ParseJsonMember(text, "variables") is not JsonObject o)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation, "variables must be a JSON object");
        }

        return o.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
    }

    private static JsonNode? ParseJsonMember(string text, string member)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new AwsJsonError(AwsJsonErrorNames.Validation, $"{member} is not valid JSON");
        }
    }

    // ------------------------------------------------------------ shared shapes

    private static void AddOutcome(JsonObject o, ExecutionRecord e)
    {
        if (e.Output is not null)
        {
            o["output"] = e.Output;
            o["outputDetails"] = new JsonObject { ["included"] = true };
        }
        if (e.Error is not null)
        {
            o["error"] = e.Error;
        }

        if (e.Cause is not null)
        {
            o["cause"] = e.Cause;
        }
    }

    private static string TypeName(StateMachineType type) => type == StateMachineType.Express ? "EXPRESS" : "STANDARD";

    private static (int Offset, int Size) Page(JsonObject body)
    {
        var size = AwsJson.OptionalInt(body, "maxResults", 0, 1000) is { } m and > 0 ? m : DefaultPageSize;
        return (AwsJson.PageOffset(AwsJson.OptionalString(body, "nextToken")), size);
    }

    private static JsonObject WithToken(JsonObject o, int next, int total)
    {
        if (next < total)
        {
            o["nextToken"] = AwsJson.PageToken(next);
        }

        return o;
    }
}
