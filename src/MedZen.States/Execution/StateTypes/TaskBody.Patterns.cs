using System.Text.Json.Nodes;
using System.Text.Json;
using MedZen.States.Callbacks;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using MedZen.States.Text;

namespace MedZen.States.Execution.StateTypes;

// Task states the engine runs itself: <c>.waitForTaskToken</c> callbacks, activities and nested executions
// (<c>states:startExecution</c>, <c>.sync</c>, <c>.sync:2</c>). Each writes its task's durable record before acting, so a
// resumed execution waits on the same token instead of calling the integration again.
internal sealed partial class TaskBody
{
    private const string CallbackKind = "callback";
    private const string ActivityKind = "activity";
    private const string ChildKind = "child";

    /// <summary>One attempt's token: stable across a crash and resume of that attempt (see <see cref="TaskTokens.TokenFor"/>).</summary>
    private static string AttemptToken(StateRun run) => TaskTokens.TokenFor(run.Execution.Arn, $"{run.Frame.Scope}/{run.State.Name}#{run.EnteredId}:{run.RetryCount}");

    /// <summary>The engine-clock moment <paramref name="seconds"/> from now, with the engine's time scale applied.</summary>
    private static DateTimeOffset DeadlineAfter(EngineServices services, int seconds) => services.Time.GetUtcNow() + services.Scale(TimeSpan.FromSeconds(seconds));

    private static async Task<StateOutcome> RunPatternTaskAsync(TaskState state, StateRun run, TaskPattern pattern,
        JsonNode? parameters, int timeoutSeconds, int? heartbeatSeconds, string resourceType, string resource, CancellationToken ct)
    {
        var token = run.TaskToken ?? AttemptToken(run);
        var resumed = await run.Services.Tokens.GetAsync(token, ct).ConfigureAwait(false) is not null;
        DateTimeOffset? timeoutAt = timeoutSeconds == NoTimeout ? null : DeadlineAfter(run.Services, timeoutSeconds);
        var task = new PatternTask(token, resourceType, resource, timeoutAt, heartbeatSeconds, resumed);
        try
        {
            return pattern.Kind switch
            {
                TaskPatternKind.Activity => await RunActivityAsync(state, run, task, parameters, timeoutSeconds, ct).ConfigureAwait(false),
                TaskPatternKind.Callback => await RunCallbackAsync(state, run, task, pattern, parameters, timeoutSeconds, ct).ConfigureAwait(false),
                _ => await RunNestedAsync(state, run, task, pattern, parameters, timeoutSeconds, ct).ConfigureAwait(false),
            };
        }
        finally
        {
            run.Services.Tokens.Unregister(token);
        }
    }

    private sealed record PatternTask(string Token, string ResourceType, string Resource, DateTimeOffset? TimeoutAt, int? HeartbeatSeconds, bool Resumed);

    private static TaskScheduledEventDetails Scheduled(StateRun run, PatternTask task, JsonNode? parameters, int timeoutSeconds) => new()
    {
        ResourceType = task.ResourceType,
        Resource = task.Resource,
        Region = run.Services.Options.Region,
        Parameters = Json.Serialize(parameters),
        TimeoutInSeconds = timeoutSeconds == NoTimeout ? null : timeoutSeconds,
        HeartbeatInSeconds = task.HeartbeatSeconds,
    };

    // ------------------------------------------------------------ .waitForTaskToken

    private static async Task<StateOutcome> RunCallbackAsync(TaskState state, StateRun run, PatternTask task, TaskPattern pattern,
        JsonNode? parameters, int timeoutSeconds, CancellationToken ct)
    {
        if (!task.Resumed)
        {
            await run.Log.AppendAsync(HistoryEventTypes.TaskScheduled, Scheduled(run, task, parameters, timeoutSeconds), run.Frame.Scope, durable: false).ConfigureAwait(false);
        }

        if (!run.Services.Tasks.TryResolve(pattern.BaseResource, out var handler))
        {
            throw await TaskFailure(run, task.ResourceType, task.Resource, new TaskRaisedException(StatesErrorNames.Runtime,
                $"No task handler is registered for resource '{pattern.BaseResource}'")).ConfigureAwait(false);
        }
        var pending = await run.Services.Tokens.RegisterAsync(task.Token, new TaskTokenRecord(run.Execution.Arn, CallbackKind,
            TimeoutAt: task.TimeoutAt, HeartbeatSeconds: task.HeartbeatSeconds,
            HeartbeatAt: task.HeartbeatSeconds is { } hb ? DeadlineAfter(run.Services, hb) : null), ct).ConfigureAwait(false);
        if (!pending.Record.Submitted)
        {
            await run.Log.AppendAsync(HistoryEventTypes.TaskStarted, new TaskStartedEventDetails(task.ResourceType, task.Resource), run.Frame.Scope).ConfigureAwait(false);
            var invocation = new Integrations.TaskInvocation(pattern.BaseResource, parameters, run.Context.DeepClone().AsObject(),
                run.AttemptId, run.Execution.Arn, state.Name, run.RetryCount);
            JsonNode? submitted;
            using (var timeout = Remaining(run.Services, pending.Record.TimeoutAt) is { } left ? new CancellationTokenSource(left, run.Services.Time) : null)
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout?.Token ?? CancellationToken.None))
            {
                try
                {
                    submitted = await handler.InvokeAsync(invocation, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !ct.IsCancellationRequested)
                {
                    throw await TimedOut(run, task, StatesErrorNames.Timeout, activity: false).ConfigureAwait(false);
                }
                catch (Integrations.TaskFailedException e)
                {
                    throw await TaskFailure(run, task.ResourceType, task.Resource, new TaskRaisedException(e.ErrorName, e.Cause, e)).ConfigureAwait(false);
                }
                catch (StatesException e)
                {
                    throw await TaskFailure(run, task.ResourceType, task.Resource, new TaskRaisedException(e.ErrorName, e.Cause, e)).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw await TaskFailure(run, task.ResourceType, task.Resource, new TaskRaisedException(StatesErrorNames.TaskFailed,
                        $"The task handler threw {e.GetType().FullName}", e)).ConfigureAwait(false);
                }
            }
            await MarkSubmittedAsync(run, task, Json.Serialize(submitted), ct).ConfigureAwait(false);
        }
        var outcome = await WaitForOutcomeAsync(run, task, pending, activity: false, ct).ConfigureAwait(false);
        return await FinishOutcomeAsync(run, task, outcome, activity: false).ConfigureAwait(false);
    }

    private static async Task MarkSubmittedAsync(StateRun run, PatternTask task, string output, CancellationToken ct)
    {
        await run.Services.Tokens.UpdateAsync(task.Token, r => r is null ? null : r with { Submitted = true, SubmittedOutput = output }, ct).ConfigureAwait(false);
        await run.Log.AppendAsync(HistoryEventTypes.TaskSubmitted, new TaskSubmittedEventDetails(task.ResourceType, task.Resource, output), run.Frame.Scope).ConfigureAwait(false);
    }

    private static TimeSpan? Remaining(EngineServices services, DateTimeOffset? deadline)
    {
        if (deadline is not { } d)
        {
            return null;
        }

        var left = d - services.Time.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }

    // ------------------------------------------------------------ activities

    private static async Task<StateOutcome> RunActivityAsync(TaskState state, StateRun run, PatternTask task,
        JsonNode? parameters, int timeoutSeconds, CancellationToken ct)
    {
        var input = Json.Serialize(parameters);
        if (!task.Resumed)
        {
            var scheduled = new ActivityScheduledEventDetails
            {
                Resource = state.Resource,
                Input = input,
                TimeoutInSeconds = timeoutSeconds == NoTimeout ? null : timeoutSeconds,
                HeartbeatInSeconds = task.HeartbeatSeconds,
            };
            await run.Log.AppendAsync(HistoryEventTypes.ActivityScheduled, scheduled, run.Frame.Scope).ConfigureAwait(false);
        }
        var pending = await run.Services.Tokens.RegisterAsync(task.Token, new TaskTokenRecord(run.Execution.Arn, ActivityKind,
            ActivityArn: state.Resource, Input: input, TimeoutAt: task.TimeoutAt, HeartbeatSeconds: task.HeartbeatSeconds), ct).ConfigureAwait(false);
        // A task no worker took before a crash is offered again; one a worker holds stays with that worker.
        if (pending.Record.Status == TaskTokenStatus.Waiting)
        {
            run.Services.Tokens.Enqueue(state.Resource, task.Token);
        }

        var outcome = await WaitForOutcomeAsync(run, task, pending, activity: true, ct).ConfigureAwait(false);
        return await FinishOutcomeAsync(run, task, outcome, activity: true).ConfigureAwait(false);
    }

    // ------------------------------------------------------------ waiting for a token

    /// <summary>
    /// Waits (holding no execution slot) until a SendTaskSuccess or SendTaskFailure arrives, or TimeoutSeconds or
    /// HeartbeatSeconds runs out. Deadlines are in the task's durable record, so a resumed wait keeps the original ones.
    /// </summary>
    private static async Task<TaskTokenRecord> WaitForOutcomeAsync(StateRun run, PatternTask task, PendingTask pending, bool activity, CancellationToken ct)
    {
        await run.Log.FlushAsync().ConfigureAwait(false);
        var startedLogged = false;
        while (true)
        {
            var changed = pending.NextChange;
            var record = pending.Record;
            if (activity && record.Status != TaskTokenStatus.Waiting && !startedLogged)
            {
                startedLogged = true;
                await run.Log.AppendAsync(HistoryEventTypes.ActivityStarted, new ActivityStartedEventDetails(record.Worker), run.Frame.Scope).ConfigureAwait(false);
            }
            if (record.HasOutcome)
            {
                return record;
            }
            // An activity's heartbeat clock starts when a worker takes the task.
            var heartbeatAt = activity && record.Status == TaskTokenStatus.Waiting ? null : record.HeartbeatAt;
            var (deadline, error) = (record.TimeoutAt, heartbeatAt) switch
            {
                ({ } t, { } h) => h < t ? (h, StatesErrorNames.HeartbeatTimeout) : (t, StatesErrorNames.Timeout),
                ({ } t, null) => (t, StatesErrorNames.Timeout),
                (null, { } h) => (h, StatesErrorNames.HeartbeatTimeout),
                _ => ((DateTimeOffset?)null, ""),
            };
            var now = run.Services.Time.GetUtcNow();
            if (deadline is { } due && due <= now)
            {
                // The timeout is recorded first, so a token sent from now on is told the task timed out; one that came first wins.
                var closed = await run.Services.Tokens.UpdateAsync(task.Token,
                    r => r is null || r.HasOutcome ? null : r with { Status = TaskTokenStatus.Failed, Error = error, Cause = TimedOutMarker }, ct).ConfigureAwait(false);
                if (closed is not null && closed.Cause != TimedOutMarker)
                {
                    continue;
                }

                throw await TimedOut(run, task, error, activity).ConfigureAwait(false);
            }
            await run.Runner.WhileSuspendedAsync(async () =>
            {
                using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(deadline is { } d ? d - now : Timeout.InfiniteTimeSpan, run.Services.Time, stopDelay.Token);
                // A clock that moved while the timer was being set (see EngineServices.WaitUntilAsync) sends the loop round again.
                if (run.Services.Time.GetUtcNow() - now < TimeSpan.FromMilliseconds(1))
                {
                    await Task.WhenAny(changed, delay).ConfigureAwait(false);
                }

                await stopDelay.CancelAsync().ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Marks a record closed by the engine's own timeout (rather than by a SendTaskFailure).</summary>
    public const string TimedOutMarker = "\u0000timed-out";

    private static async Task<TaskRaisedException> TimedOut(StateRun run, PatternTask task, string error, bool activity)
    {
        run.Services.Metrics.TasksFailed.Add(1, new KeyValuePair<string, object?>("Resource", run.State is TaskState t ? t.Resource : ""));
        if (activity)
        {
            await run.Log.AppendAsync(HistoryEventTypes.ActivityTimedOut, new ActivityTimedOutEventDetails(error), run.Frame.Scope, durable: false).ConfigureAwait(false);
        }
        else
        {
            await run.Log.AppendAsync(HistoryEventTypes.TaskTimedOut, new TaskTimedOutEventDetails(task.ResourceType, task.Resource, error), run.Frame.Scope, durable: false)
                .ConfigureAwait(false);
        }
        return new TaskRaisedException(error, null);
    }

    private static async Task<StateOutcome> FinishOutcomeAsync(StateRun run, PatternTask task, TaskTokenRecord outcome, bool activity)
    {
        if (outcome.Status == TaskTokenStatus.Failed)
        {
            var failure = new TaskRaisedException(outcome.Error ?? "", outcome.Cause);
            if (!activity)
            {
                throw await TaskFailure(run, task.ResourceType, task.Resource, failure).ConfigureAwait(false);
            }

            run.Services.Metrics.TasksFailed.Add(1, new KeyValuePair<string, object?>("Resource", run.State is TaskState t ? t.Resource : ""));
            await run.Log.AppendAsync(HistoryEventTypes.ActivityFailed, new ActivityFailedEventDetails(outcome.Error, outcome.Cause), run.Frame.Scope, durable: false)
                .ConfigureAwait(false);
            throw failure;
        }
        var output = outcome.Output ?? "null";
        await run.Log.AppendAsync(activity ? HistoryEventTypes.ActivitySucceeded : HistoryEventTypes.TaskSucceeded,
            activity ? new ActivitySucceededEventDetails(output) : new TaskSucceededEventDetails(task.ResourceType, task.Resource, output), run.Frame.Scope,
            durable: false).ConfigureAwait(false);
        return StateOutput.Finish(run, Json.Parse(output));
    }

    // ------------------------------------------------------------ nested executions

    private static async Task<StateOutcome> RunNestedAsync(TaskState state, StateRun run, PatternTask task, TaskPattern pattern,
        JsonNode? parameters, int timeoutSeconds, CancellationToken ct)
    {
        var service = run.Services.Executions
            ?? throw new StateEvaluationException(StatesErrorNames.Runtime, "Nested executions need the engine's StatesService");
        if (!task.Resumed)
        {
            await run.Log.AppendAsync(HistoryEventTypes.TaskScheduled, Scheduled(run, task, parameters, timeoutSeconds), run.Frame.Scope, durable: false).ConfigureAwait(false);
        }

        var args = parameters as JsonObject;
        if (args?["StateMachineArn"] is not JsonValue arnValue || !arnValue.TryGetValue<string>(out var machineArn))
        {
            throw await TaskFailure(run, task.ResourceType, task.Resource, new TaskRaisedException("StepFunctions.InvalidArnException",
                "The field 'StateMachineArn' is required and must be a string")).ConfigureAwait(false);
        }
        var input = args["Input"] switch
        {
            null => "{}",
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            var node => Json.Serialize(node),
        };
        var requestedName = args["Name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
        var pending = await run.Services.Tokens.RegisterAsync(task.Token, new TaskTokenRecord(run.Execution.Arn, pattern.Kind == TaskPatternKind.StartExecutionCallback ? CallbackKind : ChildKind,
            TimeoutAt: task.TimeoutAt, HeartbeatSeconds: task.HeartbeatSeconds, HeartbeatAt: task.HeartbeatSeconds is { } hb ? DeadlineAfter(run.Services, hb) : null,
            ChildName: requestedName ?? run.Services.NewUuid().ToString()), ct).ConfigureAwait(false);
        var childName = pending.Record.ChildName!;
        var childArn = pending.Record.SubmittedOutput is { } previous ? Json.Parse(previous)?["ExecutionArn"]?.GetValue<string>() : null;
        if (!pending.Record.Submitted)
        {
            await run.Log.AppendAsync(HistoryEventTypes.TaskStarted, new TaskStartedEventDetails(task.ResourceType, task.Resource), run.Frame.Scope).ConfigureAwait(false);
            StartExecutionResult started;
            try
            {
                started = await service.StartExecutionAsync(machineArn, childName, input, ct).ConfigureAwait(false);
            }
            catch (StatesApiException e)
            {
                throw await TaskFailure(run, task.ResourceType, task.Resource, new TaskRaisedException($"StepFunctions.{e.ErrorName}Exception", e.Message)).ConfigureAwait(false);
            }
            childArn = started.ExecutionArn;
            var startOutput = JsonSerializer.SerializeToNode(new StartExecutionOutput(started.ExecutionArn, started.StartDate.ToUnixTimeMilliseconds()),
                TaskResultsJson.Engine.StartExecutionOutput);
            if (pattern.Kind == TaskPatternKind.StartExecution)
            {
                await run.Log.AppendAsync(HistoryEventTypes.TaskSucceeded, new TaskSucceededEventDetails(task.ResourceType, task.Resource, Json.Serialize(startOutput)),
                    run.Frame.Scope, durable: false).ConfigureAwait(false);
                return StateOutput.Finish(run, startOutput);
            }
            await MarkSubmittedAsync(run, task, Json.Serialize(startOutput), ct).ConfigureAwait(false);
        }
        if (pattern.Kind == TaskPatternKind.StartExecution)
        {
            // Resumed after the child started but before this state exited: the start's answer is the result.
            var output = Json.Parse(pending.Record.SubmittedOutput);
            return StateOutput.Finish(run, output);
        }
        // The parent waits for the child: a child still waiting for admission (perhaps behind this parent) runs now.
        service.AdmitIfQueued(childArn!);
        if (pattern.Kind == TaskPatternKind.StartExecutionCallback)
        {
            var outcome = await WaitForOutcomeAsync(run, task, pending, activity: false, ct).ConfigureAwait(false);
            return await FinishOutcomeAsync(run, task, outcome, activity: false).ConfigureAwait(false);
        }
        return await WaitForChildAsync(run, task, pattern, service, childArn!, ct).ConfigureAwait(false);
    }

    private static async Task<StateOutcome> WaitForChildAsync(StateRun run, PatternTask task, TaskPattern pattern,
        StatesService service, string childArn, CancellationToken ct)
    {
        await run.Log.FlushAsync().ConfigureAwait(false);
        ExecutionRecord child = null!;
        using (var timeout = Remaining(run.Services, task.TimeoutAt) is { } left ? new CancellationTokenSource(left, run.Services.Time) : null)
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout?.Token ?? CancellationToken.None))
        {
            try
            {
                await run.Runner.WhileSuspendedAsync(async () =>
                    child = await service.WaitForCompletionAsync(childArn, linked.Token).ConfigureAwait(false), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout?.IsCancellationRequested == true && !ct.IsCancellationRequested)
            {
                throw await TimedOut(run, task, StatesErrorNames.Timeout, activity: false).ConfigureAwait(false);
            }
        }
        var described = NestedOutput(child, pattern.Kind == TaskPatternKind.StartExecutionSync2);
        if (child.Status != ExecutionStatus.Succeeded)
        {
            // AWS: a child that fails, times out or is aborted fails the task with States.TaskFailed and the child's description.
            throw await TaskFailure(run, task.ResourceType, task.Resource, new TaskRaisedException(StatesErrorNames.TaskFailed, Json.Serialize(described))).ConfigureAwait(false);
        }
        await run.Log.AppendAsync(HistoryEventTypes.TaskSucceeded, new TaskSucceededEventDetails(task.ResourceType, task.Resource, Json.Serialize(described)),
            run.Frame.Scope, durable: false).ConfigureAwait(false);
        return StateOutput.Finish(run, described);
    }

    /// <summary>
    /// The child's DescribeExecution, as <c>.sync</c> returns it: PascalCase members, epoch-millisecond dates; with
    /// <c>.sync:2</c> the Input and Output are JSON values instead of strings.
    /// </summary>
    public static JsonNode NestedOutput(ExecutionRecord child, bool json) => JsonSerializer.SerializeToNode(new NestedExecutionOutput(
        child.Arn,
        TaskResults.Data(child.Input, json),
        IncludedDetails.Yes,
        child.Name,
        child.Output is null ? null : TaskResults.Data(child.Output, json),
        child.Output is null ? null : IncludedDetails.Yes,
        child.Error,
        child.Cause,
        child.RedriveCount,
        child.Status is ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted ? "REDRIVABLE" : "NOT_REDRIVABLE",
        child.Status == ExecutionStatus.Succeeded ? "Execution is SUCCEEDED and cannot be redriven" : null,
        child.StartDate.ToUnixTimeMilliseconds(),
        child.StateMachineArn,
        child.Status.ToAws(),
        child.StopDate?.ToUnixTimeMilliseconds()), TaskResultsJson.Engine.NestedExecutionOutput)!;
}
