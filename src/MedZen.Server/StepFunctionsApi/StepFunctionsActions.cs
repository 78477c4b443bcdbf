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

    public Task<IStepFunctionsOutput> InvokeAsync(string action, JsonObject body, CancellationToken ct) => action switch
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

    private async Task<IStepFunctionsOutput> CreateStateMachineAsync(JsonObject body, CancellationToken ct)
    {
        var name = AwsJson.RequiredString(body, "name");
        var definition = AwsJson.RequiredString(body, "definition");
        var type = AwsJson.Enum(body, "type", "STANDARD", "STANDARD", "EXPRESS") == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;
        var arn = await service.CreateStateMachineAsync(name, definition, AwsJson.OptionalString(body, "roleArn"), type, ct).ConfigureAwait(false);
        var machine = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        return new CreateStateMachineOutput(arn, machine.CreationDate);
    }

    private async Task<IStepFunctionsOutput> DescribeStateMachineAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "stateMachineArn");
        StepFunctionsArns.CheckStateMachine(arn);
        var m = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        return new DescribeStateMachineOutput(
            m.Arn, m.Name, "ACTIVE", m.Definition, m.RoleArn, TypeName(m.Type), m.CreationDate, LoggingConfiguration.Off, TracingConfiguration.Off, m.RevisionId);
    }

    private async Task<IStepFunctionsOutput> ListStateMachinesAsync(JsonObject body, CancellationToken ct)
    {
        var (offset, size) = Page(body);
        var all = (await service.ListStateMachinesAsync(ct).ConfigureAwait(false)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var page = all.Skip(offset).Take(size).Select(m => new StateMachineListItem(m.Arn, m.Name, TypeName(m.Type), m.CreationDate)).ToList();
        return new ListStateMachinesOutput(page, NextToken(offset + size, all.Count));
    }

    private async Task<IStepFunctionsOutput> UpdateStateMachineAsync(JsonObject body, CancellationToken ct)
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
        return new UpdateStateMachineOutput(m.UpdateDate, m.RevisionId);
    }

    private async Task<IStepFunctionsOutput> DeleteStateMachineAsync(JsonObject body, CancellationToken ct)
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
        return EmptyOutput.Instance;
    }

    // ------------------------------------------------------------ executions

    private async Task<IStepFunctionsOutput> StartExecutionAsync(JsonObject body, CancellationToken ct)
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
        return new StartExecutionOutput(started.ExecutionArn, started.StartDate);
    }

    private async Task<IStepFunctionsOutput> StartSyncExecutionAsync(JsonObject body, CancellationToken ct)
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
        var billedMs = Math.Max(100, (long)Math.Ceiling(((e.StopDate ?? e.StartDate) - e.StartDate).TotalMilliseconds / 100.0) * 100);
        return new StartSyncExecutionOutput(
            e.Arn,
            e.StateMachineArn,
            e.Name,
            e.StartDate,
            e.StopDate ?? e.StartDate,
            e.Status.ToAws(),
            e.Input,
            DataDetails.IncludedData,
            e.Output,
            e.Output is null ? null : DataDetails.IncludedData,
            e.Error,
            e.Cause,
            new BillingDetails(BilledMemoryUsedInMB: 64, billedMs));
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

    private async Task<IStepFunctionsOutput> DescribeExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var e = await service.DescribeExecutionAsync(arn, ct).ConfigureAwait(false);
        var redrivable = e.Type == StateMachineType.Standard && e.Status is ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted;
        var notRedrivableBecause = redrivable ? null
            : e.Type == StateMachineType.Express ? "Execution is EXPRESS and cannot be redriven"
            : $"Execution is {e.Status.ToAws()} and cannot be redriven";
        return new DescribeExecutionOutput(
            e.Arn,
            e.StateMachineArn,
            e.Name,
            e.Status.ToAws(),
            e.StartDate,
            e.StopDate,
            e.Input,
            DataDetails.IncludedData,
            e.Output,
            e.Output is null ? null : DataDetails.IncludedData,
            e.Error,
            e.Cause,
            e.RedriveCount,
            e.RedriveDate,
            redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE",
            notRedrivableBecause);
    }

    private async Task<IStepFunctionsOutput> GetExecutionHistoryAsync(JsonObject body, CancellationToken ct)
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
        var events = page.Events.Select(e => includeData ? e.ToAws() : e.ToAws().WithoutExecutionData()).ToList();
        return new GetExecutionHistoryOutput(events, page.NextToken is null ? null : AwsJson.PageToken(offset + maxResults));
    }

    private async Task<IStepFunctionsOutput> ListExecutionsAsync(JsonObject body, CancellationToken ct)
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
        var page = ordered.Skip(offset).Take(size)
            .Select(e => new ExecutionListItem(e.Arn, e.StateMachineArn, e.Name, e.Status.ToAws(), e.StartDate, e.StopDate, e.RedriveCount, e.RedriveDate))
            .ToList();
        return new ListExecutionsOutput(page, NextToken(offset + size, ordered.Count));
    }

    private async Task<IStepFunctionsOutput> StopExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var stopped = await service.StopExecutionAsync(arn, AwsJson.OptionalString(body, "error"), AwsJson.OptionalString(body, "cause"), ct).ConfigureAwait(false);
        return new StopExecutionOutput(stopped.StopDate ?? stopped.StartDate);
    }

    private async Task<IStepFunctionsOutput> RedriveExecutionAsync(JsonObject body, CancellationToken ct)
    {
        var arn = AwsJson.RequiredString(body, "executionArn");
        StepFunctionsArns.CheckExecution(arn);
        var redriven = await service.RedriveExecutionAsync(arn, ct).ConfigureAwait(false);
        return new RedriveExecutionOutput(redriven);
    }

    // ------------------------------------------------------------ TestState

    private async Task<IStepFunctionsOutput> TestStateAsync(JsonObject body, CancellationToken ct)
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
        var data = inspection is null ? null : new InspectionData(
            inspection.Input,
            inspection.AfterInputPath,
            inspection.AfterParameters,
            inspection.AfterArguments,
            inspection.Result,
            inspection.AfterResultSelector,
            inspection.AfterResultPath,
            inspection.Variables,
            inspection.HttpRequest,
            inspection.HttpResponse);
        return new TestStateOutput(r.Status, data, r.Output, r.Error, r.Cause, r.NextState);
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

    private static string TypeName(StateMachineType type) => type == StateMachineType.Express ? "EXPRESS" : "STANDARD";

    private static (int Offset, int Size) Page(JsonObject body)
    {
        var size = AwsJson.OptionalInt(body, "maxResults", 0, 1000) is { } m and > 0 ? m : DefaultPageSize;
        return (AwsJson.PageOffset(AwsJson.OptionalString(body, "nextToken")), size);
    }

    private static string? NextToken(int next, int total) => next < total ? AwsJson.PageToken(next) : null;
}
