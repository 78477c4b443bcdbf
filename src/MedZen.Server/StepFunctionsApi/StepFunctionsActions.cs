using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
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

    public static IReadOnlyCollection<string> Names { get; } =
    [
        "CreateStateMachine", "DescribeStateMachine", "ListStateMachines", "UpdateStateMachine", "DeleteStateMachine",
        "StartExecution", "StartSyncExecution", "DescribeExecution", "GetExecutionHistory", "ListExecutions",
        "StopExecution", "RedriveExecution", "TestState", .. ParityNames,
    ];

    private static StepFunctionsRequestJsonContext Requests => StepFunctionsRequestJsonContext.Default;

    /// <summary>Reads <paramref name="body"/> (a JSON object) into the action's input record, then runs the action.</summary>
    public Task<IStepFunctionsOutput> InvokeAsync(string action, JsonElement body, CancellationToken ct) => action switch
    {
        "CreateStateMachine" => CreateStateMachineAsync(Read(body, Requests.CreateStateMachineInput), ct),
        "DescribeStateMachine" => DescribeStateMachineAsync(Read(body, Requests.DescribeStateMachineInput), ct),
        "ListStateMachines" => ListStateMachinesAsync(Read(body, Requests.ListStateMachinesInput), ct),
        "UpdateStateMachine" => UpdateStateMachineAsync(Read(body, Requests.UpdateStateMachineInput), ct),
        "DeleteStateMachine" => DeleteStateMachineAsync(Read(body, Requests.DeleteStateMachineInput), ct),
        "StartExecution" => StartExecutionAsync(Read(body, Requests.StartExecutionInput), ct),
        "StartSyncExecution" => StartSyncExecutionAsync(Read(body, Requests.StartSyncExecutionInput), ct),
        "DescribeExecution" => DescribeExecutionAsync(Read(body, Requests.DescribeExecutionInput), ct),
        "GetExecutionHistory" => GetExecutionHistoryAsync(Read(body, Requests.GetExecutionHistoryInput), ct),
        "ListExecutions" => ListExecutionsAsync(Read(body, Requests.ListExecutionsInput), ct),
        "StopExecution" => StopExecutionAsync(Read(body, Requests.StopExecutionInput), ct),
        "RedriveExecution" => RedriveExecutionAsync(Read(body, Requests.RedriveExecutionInput), ct),
        "TestState" => TestStateAsync(Read(body, Requests.TestStateInput), ct),
        _ when ParityNames.Contains(action) => InvokeParityAsync(action, body, ct),
        _ => throw new AwsJsonError(AwsJsonErrorNames.UnknownOperation, $"Unknown operation: {action}"),
    };

    // ------------------------------------------------------------ state machines

    private async Task<IStepFunctionsOutput> CreateStateMachineAsync(CreateStateMachineInput input, CancellationToken ct)
    {
        var type = input.Type == "EXPRESS" ? StateMachineType.Express : StateMachineType.Standard;
        var arn = await service.CreateStateMachineAsync(input.Name, input.Definition, input.RoleArn, type, ct).ConfigureAwait(false);
        var machine = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        return new CreateStateMachineOutput(arn, machine.CreationDate);
    }

    private async Task<IStepFunctionsOutput> DescribeStateMachineAsync(DescribeStateMachineInput input, CancellationToken ct)
    {
        StepFunctionsArns.CheckStateMachine(input.StateMachineArn);
        var m = await service.DescribeStateMachineAsync(input.StateMachineArn, ct).ConfigureAwait(false);
        return new DescribeStateMachineOutput(
            m.Arn, m.Name, "ACTIVE", m.Definition, m.RoleArn, TypeName(m.Type), m.CreationDate, LoggingConfiguration.Off, TracingConfiguration.Off, m.RevisionId);
    }

    private async Task<IStepFunctionsOutput> ListStateMachinesAsync(ListStateMachinesInput input, CancellationToken ct)
    {
        var (offset, size) = Page(input);
        var all = (await service.ListStateMachinesAsync(ct).ConfigureAwait(false)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var page = all.Skip(offset).Take(size).Select(m => new StateMachineListItem(m.Arn, m.Name, TypeName(m.Type), m.CreationDate)).ToList();
        return new ListStateMachinesOutput(page, NextToken(offset + size, all.Count));
    }

    private async Task<IStepFunctionsOutput> UpdateStateMachineAsync(UpdateStateMachineInput input, CancellationToken ct)
    {
        var arn = input.StateMachineArn;
        StepFunctionsArns.CheckStateMachine(arn);
        if (input is { Definition: null, RoleArn: null, LoggingConfiguration: null, TracingConfiguration: null })
        {
            throw new AwsJsonError(AwsJsonErrorNames.MissingRequiredParameter,
                "Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified");
        }

        await service.UpdateStateMachineAsync(arn, input.Definition, input.RoleArn, ct).ConfigureAwait(false);
        var m = await service.DescribeStateMachineAsync(arn, ct).ConfigureAwait(false);
        return new UpdateStateMachineOutput(m.UpdateDate, m.RevisionId);
    }

    private async Task<IStepFunctionsOutput> DeleteStateMachineAsync(DeleteStateMachineInput input, CancellationToken ct)
    {
        StepFunctionsArns.CheckStateMachine(input.StateMachineArn);
        try
        {
            await service.DeleteStateMachineAsync(input.StateMachineArn, ct).ConfigureAwait(false);
        }
        catch (StatesApiException e) when (e.ErrorName == StatesApiErrors.StateMachineDoesNotExist)
        {
            // AWS: DeleteStateMachine is idempotent and does not report a missing machine.
        }
        return EmptyOutput.Instance;
    }

    // ------------------------------------------------------------ executions

    private async Task<IStepFunctionsOutput> StartExecutionAsync(StartExecutionInput request, CancellationToken ct)
    {
        var (arn, name, input, rollback) = await PrepareStartAsync(request, ct).ConfigureAwait(false);
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

    private async Task<IStepFunctionsOutput> StartSyncExecutionAsync(StartSyncExecutionInput request, CancellationToken ct)
    {
        var (arn, name, input, rollback) = await PrepareStartAsync(request, ct).ConfigureAwait(false);
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
    private async Task<(string Arn, string? Name, string? Input, Action? Rollback)> PrepareStartAsync(IStartInput request, CancellationToken ct)
    {
        var (arn, name, input) = (request.StateMachineArn, request.Name, request.Input);
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

    private async Task<IStepFunctionsOutput> DescribeExecutionAsync(DescribeExecutionInput input, CancellationToken ct)
    {
        StepFunctionsArns.CheckExecution(input.ExecutionArn);
        var e = await service.DescribeExecutionAsync(input.ExecutionArn, ct).ConfigureAwait(false);
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

    private async Task<IStepFunctionsOutput> GetExecutionHistoryAsync(GetExecutionHistoryInput input, CancellationToken ct)
    {
        StepFunctionsArns.CheckExecution(input.ExecutionArn);
        var (offset, maxResults) = Page(input);
        var reverse = input.ReverseOrder ?? false;
        var includeData = input.IncludeExecutionData ?? true;
        var page = await service.GetExecutionHistoryAsync(input.ExecutionArn, maxResults, offset == 0 ? null : offset.ToString(System.Globalization.CultureInfo.InvariantCulture), reverse, ct)
            .ConfigureAwait(false);
        var events = page.Events.Select(e => includeData ? e.ToAws() : e.ToAws().WithoutExecutionData()).ToList();
        return new GetExecutionHistoryOutput(events, page.NextToken is null ? null : AwsJson.PageToken(offset + maxResults));
    }

    private async Task<IStepFunctionsOutput> ListExecutionsAsync(ListExecutionsInput input, CancellationToken ct)
    {
        var (arn, filter) = (input.StateMachineArn, input.StatusFilter);
        StepFunctionsArns.CheckStateMachine(arn);
        var (offset, size) = Page(input);
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

    private async Task<IStepFunctionsOutput> StopExecutionAsync(StopExecutionInput input, CancellationToken ct)
    {
        StepFunctionsArns.CheckExecution(input.ExecutionArn);
        var stopped = await service.StopExecutionAsync(input.ExecutionArn, input.Error, input.Cause, ct).ConfigureAwait(false);
        return new StopExecutionOutput(stopped.StopDate ?? stopped.StartDate);
    }

    private async Task<IStepFunctionsOutput> RedriveExecutionAsync(RedriveExecutionInput input, CancellationToken ct)
    {
        StepFunctionsArns.CheckExecution(input.ExecutionArn);
        var redriven = await service.RedriveExecutionAsync(input.ExecutionArn, ct).ConfigureAwait(false);
        return new RedriveExecutionOutput(redriven);
    }

    // ------------------------------------------------------------ TestState

    private async Task<IStepFunctionsOutput> TestStateAsync(TestStateInput input, CancellationToken ct)
    {
        var definition = input.StateName is { } stateName ? StateOf(input.Definition, stateName) : input.Definition;
        var level = input.InspectionLevel ?? "INFO";
        var variables = ParseVariables(input.Variables);
        var mock = input.Mock switch
        {
            null => null,
            { ErrorOutput: { } error } => new TestStateMock(Error: error.Error, Cause: error.Cause),
            // MockInput.Validate has refused a mock with neither member.
            { Result: var result } => new TestStateMock(Result: ParseJsonMember(result!, "mock.result")),
        };
        // INFO answers the outcome only; DEBUG adds the data at each processing step, as AWS's inspectionData; TRACE also
        // an HTTP Task's raw request and response, without what its connection adds unless revealSecrets is true.
        var inspection = level == "INFO" ? null
            : new StateInspection { TraceHttp = level == "TRACE", RevealSecrets = input.RevealSecrets ?? false };
        var r = await service.TestStateAsync(definition, input.Input, mock, variables, ct, inspection).ConfigureAwait(false);
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

    private static T Read<T>(JsonElement body, JsonTypeInfo<T> info)
        where T : IStepFunctionsInput => AwsRequestReader.Read(body, info);

    private static (int Offset, int Size) Page(IPagedInput input) =>
        (AwsJson.PageOffset(input.NextToken), input.MaxResults is { } m and > 0 ? m : DefaultPageSize);

    private static string? NextToken(int next, int total) => next < total ? AwsJson.PageToken(next) : null;
}
