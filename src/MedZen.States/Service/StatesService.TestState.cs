using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Text;

namespace MedZen.States.Service;

/// <summary>A mocked Task outcome for TestState: either a result or an error (with optional cause).</summary>
public sealed record TestStateMock(JsonNode? Result = null, string? Error = null, string? Cause = null);

/// <summary>TestState's answer. Status is SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR, as on AWS.</summary>
public sealed record TestStateResult(string Status, string? Output, string? Error, string? Cause, string? NextState);

public sealed partial class StatesService
{
    private const string TestStateName = "TestState";

    /// <summary>
    /// Runs one state definition in isolation, like AWS TestState: no Retry is performed (a retriable error reports RETRIABLE),
    /// Catch applies (CAUGHT_ERROR). With <paramref name="mock"/>, a Task's resource is not called. With
    /// <paramref name="inspection"/>, the state records its data at each processing step there (inspectionLevel DEBUG).
    /// </summary>
    public async Task<TestStateResult> TestStateAsync(string stateDefinition, string? input = null, TestStateMock? mock = null,
        IReadOnlyDictionary<string, JsonNode?>? variables = null, CancellationToken ct = default, StateInspection? inspection = null)
    {
        JsonObject stateJson;
        try
        {
            stateJson = JsonNode.Parse(stateDefinition) as JsonObject
                ?? throw new StatesApiException(StatesApiErrors.InvalidDefinition, "The state definition must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new StatesApiException(StatesApiErrors.InvalidDefinition, "Invalid JSON: " + e.Message);
        }
        var states = new JsonObject { [TestStateName] = stateJson.DeepClone() };
        foreach (var target in Targets(stateJson).Where(t => t != TestStateName))
        {
            states[target] = new JsonObject { ["Type"] = "Succeed" };
        }

        var wrapper = new JsonObject { ["StartAt"] = TestStateName, ["States"] = states };
        if (stateJson["QueryLanguage"] is { } ql)
        {
            wrapper["QueryLanguage"] = ql.DeepClone();
        }

        var registry = _services.Tasks;
        if (mock is not null)
        {
            registry = new TaskHandlerRegistry().RegisterPattern("*", new MockHandler(mock));
        }
        StateMachineDefinition definition;
        try
        {
            definition = DefinitionParser.Parse(wrapper.ToJsonString(), registry.IsKnown);
        }
        catch (InvalidDefinitionException e)
        {
            throw new StatesApiException(StatesApiErrors.InvalidDefinition, e.Message);
        }
        var state = definition.Graph[TestStateName];
        var (inputText, inputNode) = NormalizeInput(input);
        var services = new EngineServices(new InMemoryStatesStore(), registry, _services.Time, _services.Jitter, _services.NewUuid,
            _services.NextRandom, _services.Options, _services.Metrics);
        var now = _services.Time.GetUtcNow();
        var machineArn = Arns.StateMachine(_services.Options.Region, _services.Options.AccountId, "TestStateMachine");
        var record = new ExecutionRecord(Arns.Execution(machineArn, _services.NewUuid().ToString(), false), machineArn, "TestState",
            ExecutionStatus.Running, inputText, wrapper.ToJsonString(), StateMachineType.Standard, _services.Options.DefaultRoleArn, now);
        await services.Store.TryCreateExecutionAsync(record, new HistoryEvent(1, 0, now, HistoryEventTypes.ExecutionStarted, null), ct).ConfigureAwait(false);
        var runner = new ExecutionRunner(services, record, definition, new HistoryLog(services.Store, record.Arn, 1, services.Time));
        try
        {
            var step = await runner.RunSingleStateAsync(state with { Retry = [] }, inputNode,
                variables ?? new Dictionary<string, JsonNode?>(), ct, inspection).ConfigureAwait(false);
            if (step.Caught is { } caught)
            {
                return new TestStateResult("CAUGHT_ERROR", Json.Serialize(step.Output), caught.ErrorName, caught.Cause, step.Next);
            }

            return new TestStateResult("SUCCEEDED", Json.Serialize(step.Output), null, null, step.Next);
        }
        catch (StatesException e)
        {
            var error = e is FailStateException f ? f.NullableError : e.ErrorName;
            var retriable = error is not null && state.Retry.Any(r => r.MaxAttempts > 0 && ErrorMatcher.Matches(r.ErrorEquals, error, state is TaskState));
            return new TestStateResult(retriable ? "RETRIABLE" : "FAILED", null, error, e.Cause, null);
        }
    }

    private static IEnumerable<string> Targets(JsonObject state)
    {
        if (state["Next"] is JsonValue n && n.TryGetValue<string>(out var next))
        {
            yield return next;
        }

        if (state["Default"] is JsonValue d && d.TryGetValue<string>(out var def))
        {
            yield return def;
        }

        foreach (var list in new[] { state["Choices"], state["Catch"] })
        {
            if (list is not JsonArray array)
            {
                continue;
            }

            foreach (var item in array)
            {
                if (item?["Next"] is JsonValue v && v.TryGetValue<string>(out var t))
                {
                    yield return t;
                }
            }
        }
    }

    private sealed class MockHandler(TestStateMock mock) : ITaskHandler
    {
        public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            if (mock.Error is not null)
            {
                throw new TaskFailedException(mock.Error, mock.Cause);
            }

            return ValueTask.FromResult(mock.Result?.DeepClone());
        }
    }
}
