using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.States.Callbacks;
using MedZen.States.Definition;
using MedZen.States.Errors;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Text;

namespace MedZen.States.Execution.StateTypes;

/// <summary>
/// Task: calls the resource's handler (<see cref="Integrations.ITaskHandler"/>) with the state's parameters, within
/// TimeoutSeconds and HeartbeatSeconds. Callback, activity and nested-execution tasks are in TaskBody.Patterns.cs.
/// </summary>
internal sealed partial class TaskBody : StateBody
{
    private const int NoTimeout = 99_999_999;

    public override async ValueTask<StateOutcome> RunAsync(StateRun run, CancellationToken ct)
    {
        var state = (TaskState)run.State;
        var pattern = TaskPattern.Of(state.Resource);
        if (pattern.Kind is TaskPatternKind.Callback or TaskPatternKind.StartExecutionCallback)
        {
            run.TaskToken = AttemptToken(run);
        }

        var scope = run.Scope();
        var inspection = run.Frame.Inspection;
        JsonNode? parameters;
        if (state.QueryLanguage == QueryLanguage.Jsonata)
        {
            parameters = state.Arguments is null ? run.RawInput?.DeepClone() : scope.EvaluateJsonataTemplate(state.Arguments, "Arguments");
            inspection?.AfterArguments = StateInspection.Text(parameters);
        }
        else
        {
            // Without Parameters the handler receives the effective input itself, so it gets its own copy.
            var effective = state.Parameters is null ? scope.ApplyPath(state.InputPath, run.RawInput) : scope.ReadPath(state.InputPath, run.RawInput);
            inspection?.AfterInputPath = StateInspection.Text(effective);
            parameters = state.Parameters is null ? effective : scope.ApplyTemplate(state.Parameters, effective);
            inspection?.AfterParameters = StateInspection.Text(parameters);
        }
        var timeoutSeconds = StateOutput.IntField(scope, state.TimeoutSeconds, state.TimeoutSecondsPath, run.RawInput, "TimeoutSeconds") ?? NoTimeout;
        var heartbeatSeconds = StateOutput.IntField(scope, state.HeartbeatSeconds, state.HeartbeatSecondsPath, run.RawInput, "HeartbeatSeconds");
        var (resourceType, resource) = SplitResource(state.Resource);
        if (pattern.Kind != TaskPatternKind.Plain)
        {
            return await RunPatternTaskAsync(state, run, pattern, parameters, timeoutSeconds, heartbeatSeconds, resourceType, resource, ct).ConfigureAwait(false);
        }

        var parametersText = Json.Serialize(parameters);
        if (PayloadLimit.Exceeds(parametersText))
        {
            throw PayloadLimit.Exceeded(state.Name);
        }

        var scheduled = new TaskScheduledEventDetails
        {
            ResourceType = resourceType,
            Resource = resource,
            Region = run.Services.Options.Region,
            Parameters = parametersText,
            TimeoutInSeconds = timeoutSeconds == NoTimeout ? null : timeoutSeconds,
            HeartbeatInSeconds = heartbeatSeconds,
        };
        await run.Log.AppendAsync(HistoryEventTypes.TaskScheduled, scheduled, run.Frame.Scope, durable: false).ConfigureAwait(false);

        if (!run.Services.Tasks.TryResolve(state.Resource, out var handler))
        {
            throw await TaskFailure(run, resourceType, resource, new TaskRaisedException(StatesErrorNames.Runtime,
                $"No task handler is registered for resource '{state.Resource}'")).ConfigureAwait(false);
        }
        // The timeout timer starts before TaskStarted is durable, so anyone observing TaskStarted sees a running timer.
        using var timeout = timeoutSeconds == NoTimeout ? null : new CancellationTokenSource(run.Services.Scale(TimeSpan.FromSeconds(timeoutSeconds)), run.Services.Time);
        // In-process handlers have no way to send a heartbeat, so HeartbeatSeconds acts as a timeout of that length
        // (States.HeartbeatTimeout) whenever it is shorter than TimeoutSeconds.
        using var heartbeat = heartbeatSeconds is { } hbs && hbs < timeoutSeconds
            ? new CancellationTokenSource(run.Services.Scale(TimeSpan.FromSeconds(hbs)), run.Services.Time) : null;
        await run.Log.AppendAsync(HistoryEventTypes.TaskStarted, new TaskStartedEventDetails(resourceType, resource), run.Frame.Scope).ConfigureAwait(false);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout?.Token ?? CancellationToken.None, heartbeat?.Token ?? CancellationToken.None);
        var invocation = new TaskInvocation(
            state.Resource, parameters, run.Context.DeepClone().AsObject(), run.AttemptId, run.Execution.Arn, state.Name, run.RetryCount)
        {
            HttpTrace = inspection is { TraceHttp: true } ? inspection : null,
            Slot = run.Runner.Slot,
        };
        var started = Stopwatch.GetTimestamp();
        JsonNode? result;
        try
        {
            result = await handler.InvokeAsync(invocation, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when ((timeout?.IsCancellationRequested == true || heartbeat?.IsCancellationRequested == true) && !ct.IsCancellationRequested)
        {
            var error = timeout?.IsCancellationRequested == true ? StatesErrorNames.Timeout : StatesErrorNames.HeartbeatTimeout;
            run.Services.Metrics.TasksFailed.Add(1, new KeyValuePair<string, object?>("Resource", state.Resource));
            await run.Log.AppendAsync(HistoryEventTypes.TaskTimedOut, new TaskTimedOutEventDetails(resourceType, resource, error), run.Frame.Scope, durable: false)
                .ConfigureAwait(false);
            throw new TaskRaisedException(error, null);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (TaskFailedException e)
        {
            throw await TaskFailure(run, resourceType, resource, new TaskRaisedException(e.ErrorName, e.Cause, e)).ConfigureAwait(false);
        }
        catch (StatesException e)
        {
            throw await TaskFailure(run, resourceType, resource, new TaskRaisedException(e.ErrorName, e.Cause, e)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The exception's message may carry handler data (possibly PHI); only its type is recorded.
            throw await TaskFailure(run, resourceType, resource, new TaskRaisedException(StatesErrorNames.TaskFailed,
                $"The task handler threw {e.GetType().FullName}", e)).ConfigureAwait(false);
        }
        finally
        {
            run.Services.Metrics.TaskTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("Resource", state.Resource));
        }
        var resultText = Json.Serialize(result);
        if (PayloadLimit.Exceeds(resultText))
        {
            // A service integration's cause names its resource type (lambda); a Lambda ARN resource names the ARN.
            var exceeded = PayloadLimit.Exceeded(state.Resource.StartsWith("arn:aws:states:::", StringComparison.Ordinal) ? resourceType : state.Resource);
            throw await TaskFailure(run, resourceType, resource, new TaskRaisedException(exceeded.ErrorName, exceeded.Cause)).ConfigureAwait(false);
        }
        await run.Log.AppendAsync(HistoryEventTypes.TaskSucceeded, new TaskSucceededEventDetails(resourceType, resource, resultText), run.Frame.Scope, durable: false)
            .ConfigureAwait(false);
        return StateOutput.Finish(run, result, resultOwned: false);
    }

    private static async Task<TaskRaisedException> TaskFailure(StateRun run, string resourceType, string resource, TaskRaisedException failure)
    {
        run.Services.Metrics.TasksFailed.Add(1, new KeyValuePair<string, object?>("Resource", run.State is TaskState t ? t.Resource : ""));
        await run.Log.AppendAsync(HistoryEventTypes.TaskFailed, new TaskFailedEventDetails(resourceType, resource, failure.ErrorName, failure.Cause), run.Frame.Scope,
            durable: false).ConfigureAwait(false);
        return failure;
    }

    /// <summary>AWS splits <c>arn:aws:states:::lambda:invoke</c> into resourceType <c>lambda</c> and resource <c>invoke</c>.</summary>
    public static (string ResourceType, string Resource) SplitResource(string arn)
    {
        const string prefix = "arn:aws:states:::";
        if (arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            var rest = arn[prefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                return (rest[..colon], rest[(colon + 1)..]);
            }

            return (rest, rest);
        }
        var parts = arn.Split(':');
        return parts.Length > 2 ? (parts[2], arn) : ("task", arn);
    }
}
