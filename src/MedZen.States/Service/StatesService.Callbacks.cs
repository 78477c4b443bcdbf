using System.Text.Json;
using MedZen.States.Callbacks;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Service;

/// <summary>An activity: its ARN, name and creation date.</summary>
public sealed record ActivityRecord(string Arn, string Name, DateTimeOffset CreationDate);

/// <summary>A task handed to an activity worker by GetActivityTask.</summary>
public sealed record ActivityTask(string TaskToken, string Input);

/// <summary>Callbacks (SendTask*), activities and tags.</summary>
public sealed partial class StatesService
{
    private const string ActivityRecordKind = "activity";
    private const string TagRecordKind = "tags";
    private const int MaxTaskOutputLength = 262_144;

    /// <summary>The resource check for definitions: engine-run patterns, or a registered handler (for callbacks, the base integration's).</summary>
    private bool IsKnownResource(string resource) => TaskPattern.IsKnown(resource, _services.Tasks.IsKnown);

    // ------------------------------------------------------------ SendTask*

    public Task SendTaskSuccessAsync(string taskToken, string output, CancellationToken ct = default)
    {
        if (output.Length > MaxTaskOutputLength)
        {
            throw new StatesApiException(StatesApiErrors.ValidationException,
                $"1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to {MaxTaskOutputLength}");
        }

        string text;
        try
        {
            using var document = JsonDocument.Parse(output);
            text = Json.Serialize(document.RootElement);
        }
        catch (JsonException)
        {
            throw new StatesApiException(StatesApiErrors.InvalidOutput, "Invalid Output: the output is not valid JSON");
        }
        return CompleteTaskAsync(taskToken, r => r with { Status = TaskTokenStatus.Succeeded, Output = text }, ct);
    }

    public Task SendTaskFailureAsync(string taskToken, string? error = null, string? cause = null, CancellationToken ct = default) =>
        CompleteTaskAsync(taskToken, r => r with { Status = TaskTokenStatus.Failed, Error = error, Cause = cause }, ct);

    /// <summary>Restarts the task's HeartbeatSeconds clock (durably, so a resumed wait keeps the new deadline).</summary>
    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken ct = default) =>
        CompleteTaskAsync(taskToken, r => r.HeartbeatSeconds is { } hb
            ? r with { HeartbeatAt = _services.Time.GetUtcNow() + _services.Scale(TimeSpan.FromSeconds(hb)) }
            : r, ct, heartbeat: true);

    private async Task CompleteTaskAsync(string taskToken, Func<TaskTokenRecord, TaskTokenRecord> change, CancellationToken ct, bool heartbeat = false)
    {
        if (string.IsNullOrEmpty(taskToken) || taskToken.Length > 2048)
        {
            throw new StatesApiException(StatesApiErrors.InvalidToken, "Invalid Token: the task token is empty or too long");
        }

        var record = await _services.Tokens.GetAsync(taskToken, ct).ConfigureAwait(false)
            ?? throw new StatesApiException(StatesApiErrors.TaskDoesNotExist, "Task Does Not Exist: the task token names no task");
        var execution = await _services.Store.GetExecutionAsync(record.ExecutionArn, ct).ConfigureAwait(false);
        if (execution is not { Status: ExecutionStatus.Running })
        {
            throw new StatesApiException(StatesApiErrors.TaskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'");
        }

        string? refused = null;
        await _services.Tokens.UpdateAsync(taskToken, current =>
        {
            if (current is null || current.HasOutcome)
            {
                refused = StatesApiErrors.TaskTimedOut;
                return null;
            }
            // An activity task no worker has taken yet cannot be answered (AWS: the token is not handed out yet).
            if (current.Kind == "activity" && current.Status == TaskTokenStatus.Waiting && !heartbeat)
            {
                refused = StatesApiErrors.TaskDoesNotExist;
                return null;
            }
            return change(current);
        }, ct).ConfigureAwait(false);
        if (refused == StatesApiErrors.TaskTimedOut)
        {
            throw new StatesApiException(StatesApiErrors.TaskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'");
        }

        if (refused is not null)
        {
            throw new StatesApiException(refused, "Task Does Not Exist: the activity task has not been taken by a worker");
        }
    }

    // ------------------------------------------------------------ activities

    /// <summary>Whether <paramref name="arn"/> has the shape of an activity ARN (<c>arn:aws:states:REGION:ACCOUNT:activity:NAME</c>).</summary>
    public static bool IsActivityArn(string arn) => TaskPattern.IsActivityArn(arn);

    public async Task<ActivityRecord> CreateActivityAsync(string name, CancellationToken ct = default)
    {
        CheckName(name);
        var arn = $"arn:aws:states:{_services.Options.Region}:{_services.Options.AccountId}:activity:{name}";
        // AWS: CreateActivity is idempotent; the existing activity is returned.
        if (await FindActivityAsync(arn, ct).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var record = new ActivityRecord(arn, name, _services.Time.GetUtcNow());
        await _services.Tokens.Records.PutRecordAsync(ActivityRecordKind, arn, JsonSerializer.Serialize(record), ct).ConfigureAwait(false);
        return record;
    }

    public async Task<ActivityRecord> DescribeActivityAsync(string arn, CancellationToken ct = default) =>
        await FindActivityAsync(arn, ct).ConfigureAwait(false)
        ?? throw new StatesApiException(StatesApiErrors.ActivityDoesNotExist, $"Activity Does Not Exist: '{arn}'");

    public async Task<IReadOnlyList<ActivityRecord>> ListActivitiesAsync(CancellationToken ct = default) =>
        [.. (await _services.Tokens.Records.ListRecordsAsync(ActivityRecordKind, ct).ConfigureAwait(false))
            .Select(r => JsonSerializer.Deserialize<ActivityRecord>(r.Value)!).OrderBy(a => a.Name, StringComparer.Ordinal)];

    /// <summary>AWS: deleting an activity that does not exist succeeds.</summary>
    public Task DeleteActivityAsync(string arn, CancellationToken ct = default) =>
        _services.Tokens.Records.PutRecordAsync(ActivityRecordKind, arn, null, ct);

    private async Task<ActivityRecord?> FindActivityAsync(string arn, CancellationToken ct) =>
        await _services.Tokens.Records.GetRecordAsync(ActivityRecordKind, arn, ct).ConfigureAwait(false) is { } body
            ? JsonSerializer.Deserialize<ActivityRecord>(body)
            : null;

    /// <summary>
    /// Long poll: the next task scheduled on the activity, or null when none comes within <paramref name="wait"/>
    /// (default <see cref="StatesEngineOptions.ActivityPollSeconds"/>; AWS holds the request up to 60 seconds).
    /// </summary>
    public async Task<ActivityTask?> GetActivityTaskAsync(string activityArn, string? workerName = null, TimeSpan? wait = null, CancellationToken ct = default)
    {
        await DescribeActivityAsync(activityArn, ct).ConfigureAwait(false);
        var taken = await _services.Tokens.TakeActivityTaskAsync(activityArn, workerName, wait ?? TimeSpan.FromSeconds(_services.Options.ActivityPollSeconds),
            seconds => _services.Time.GetUtcNow() + _services.Scale(TimeSpan.FromSeconds(seconds)), ct).ConfigureAwait(false);
        return taken is { } t ? new ActivityTask(t.Token, t.Record.Input ?? "{}") : null;
    }

    // ------------------------------------------------------------ tags

    public async Task<IReadOnlyDictionary<string, string>> ListTagsAsync(string resourceArn, CancellationToken ct = default)
    {
        await CheckTaggableAsync(resourceArn, ct).ConfigureAwait(false);
        return await ReadTagsAsync(resourceArn, ct).ConfigureAwait(false);
    }

    public async Task TagResourceAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken ct = default)
    {
        await CheckTaggableAsync(resourceArn, ct).ConfigureAwait(false);
        var current = new Dictionary<string, string>(await ReadTagsAsync(resourceArn, ct).ConfigureAwait(false), StringComparer.Ordinal);
        foreach (var (k, v) in tags)
        {
            current[k] = v;
        }

        if (current.Count > 50)
        {
            throw new StatesApiException(StatesApiErrors.TooManyTags, $"Too Many Tags: a resource can have at most 50 tags, '{resourceArn}' would have {current.Count}");
        }

        await _services.Tokens.Records.PutRecordAsync(TagRecordKind, resourceArn, JsonSerializer.Serialize(current), ct).ConfigureAwait(false);
    }

    public async Task UntagResourceAsync(string resourceArn, IEnumerable<string> keys, CancellationToken ct = default)
    {
        await CheckTaggableAsync(resourceArn, ct).ConfigureAwait(false);
        var current = new Dictionary<string, string>(await ReadTagsAsync(resourceArn, ct).ConfigureAwait(false), StringComparer.Ordinal);
        foreach (var key in keys)
        {
            current.Remove(key);
        }

        await _services.Tokens.Records.PutRecordAsync(TagRecordKind, resourceArn, current.Count == 0 ? null : JsonSerializer.Serialize(current), ct).ConfigureAwait(false);
    }

    private async Task<IReadOnlyDictionary<string, string>> ReadTagsAsync(string resourceArn, CancellationToken ct) =>
        await _services.Tokens.Records.GetRecordAsync(TagRecordKind, resourceArn, ct).ConfigureAwait(false) is { } body
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(body)!
            : new Dictionary<string, string>();

    /// <summary>State machines and activities take tags (AWS); anything else is ResourceNotFound.</summary>
    private async Task CheckTaggableAsync(string resourceArn, CancellationToken ct)
    {
        var found = resourceArn.Contains(":stateMachine:", StringComparison.Ordinal)
            ? await _services.Store.GetStateMachineAsync(resourceArn, ct).ConfigureAwait(false) is not null
            : resourceArn.Contains(":activity:", StringComparison.Ordinal) && await FindActivityAsync(resourceArn, ct).ConfigureAwait(false) is not null;
        if (!found)
        {
            throw new StatesApiException(StatesApiErrors.ResourceNotFound, $"Resource not found: '{resourceArn}'");
        }
    }

    /// <summary>The state machine an execution ran (its definition as it was when the execution started).</summary>
    public async Task<(StateMachineRecord Machine, string Definition)> DescribeStateMachineForExecutionAsync(string executionArn, CancellationToken ct = default)
    {
        var execution = await DescribeExecutionAsync(executionArn, ct).ConfigureAwait(false);
        var machine = await _services.Store.GetStateMachineAsync(execution.StateMachineArn, ct).ConfigureAwait(false)
            ?? new StateMachineRecord(execution.StateMachineArn, Arns.NameOf(execution.StateMachineArn), execution.Definition, execution.RoleArn,
                execution.Type, execution.StartDate, execution.StartDate, "");
        return (machine, execution.Definition);
    }

    /// <summary>Parses <paramref name="definition"/> as a create would, collecting every error.</summary>
    public IReadOnlyList<Definition.DefinitionError> ValidateDefinition(string definition)
    {
        try
        {
            Definition.DefinitionParser.Parse(definition, IsKnownResource);
            return [];
        }
        catch (Definition.InvalidDefinitionException e)
        {
            return e.Errors;
        }
    }
}
