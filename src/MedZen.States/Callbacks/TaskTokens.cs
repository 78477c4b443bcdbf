using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MedZen.States.History;

namespace MedZen.States.Callbacks;

/// <summary>The task's lifecycle as its durable record keeps it.</summary>
internal enum TaskTokenStatus
{
    /// <summary>Waiting for a worker (activity) or for a token to come back (callback), or for a child to finish.</summary>
    Waiting,

    /// <summary>An activity worker took the task (GetActivityTask).</summary>
    Started,
    Succeeded,
    Failed,
}

/// <summary>
/// One callback, activity or nested task, written before the engine acts on it and updated by every SendTask* call,
/// so a crash while waiting loses nothing: the resumed execution finds the task, and a token sent at any time finds it too.
/// </summary>
/// <param name="Kind">"callback", "activity" or "child".</param>
/// <param name="TimeoutAt">The TimeoutSeconds deadline on the engine's clock (already scaled), if any.</param>
/// <param name="HeartbeatAt">The next HeartbeatSeconds deadline, moved on by each SendTaskHeartbeat.</param>
/// <param name="Submitted">The integration was called (callback) or the child started: not repeated on resume.</param>
/// <param name="ChildName">The child execution's name (nested tasks), chosen before the start so a resume restarts the same one.</param>
internal sealed record TaskTokenRecord(
    string ExecutionArn,
    string Kind,
    TaskTokenStatus Status = TaskTokenStatus.Waiting,
    string? ActivityArn = null,
    string? Input = null,
    DateTimeOffset? TimeoutAt = null,
    int? HeartbeatSeconds = null,
    DateTimeOffset? HeartbeatAt = null,
    bool Submitted = false,
    string? SubmittedOutput = null,
    string? Worker = null,
    bool StartedLogged = false,
    string? ChildName = null,
    string? Output = null,
    string? Error = null,
    string? Cause = null)
{
    public bool HasOutcome => Status is TaskTokenStatus.Succeeded or TaskTokenStatus.Failed;
}

/// <summary>An execution waiting on a task token: the latest record and a signal for each change.</summary>
internal sealed class PendingTask(string token, TaskTokenRecord record)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Token { get; } = token;

    public TaskTokenRecord Record { get; private set; } = record;

    /// <summary>Completes at the next change after this call; read it before reading <see cref="Record"/>.</summary>
    public Task NextChange => Volatile.Read(ref _changed).Task;

    public void Update(TaskTokenRecord record)
    {
        Record = record;
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}

/// <summary>
/// Task tokens: their durable records (through <see cref="IStatesRecordStore"/>), the executions waiting on them, and the
/// queues of activity tasks waiting for a worker. One lock orders every read-modify-write of a record, so a token sent
/// while its execution registers (or resumes) is never lost.
/// </summary>
internal sealed class TaskTokens(IStatesStore store)
{
    public const string RecordKind = "task-token";
    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly IStatesRecordStore _records = store as IStatesRecordStore ?? new InMemoryStatesStore();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, PendingTask> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Channel<string>> _activityQueues = new(StringComparer.Ordinal);

    public IStatesRecordStore Records => _records;

    /// <summary>
    /// The token of one attempt of one Task state: the same after a crash and resume (same entered event, same attempt),
    /// different for every retry and every redrive. It names its execution, so a send finds the execution from the token.
    /// </summary>
    public static string TokenFor(string executionArn, string attemptKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(executionArn + "\n" + attemptKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async Task<TaskTokenRecord?> GetAsync(string token, CancellationToken ct)
    {
        var body = await _records.GetRecordAsync(RecordKind, token, ct).ConfigureAwait(false);
        return body is null ? null : JsonSerializer.Deserialize<TaskTokenRecord>(body, JsonOptions);
    }

    private Task PutAsync(string token, TaskTokenRecord record, CancellationToken ct) =>
        _records.PutRecordAsync(RecordKind, token, JsonSerializer.Serialize(record, JsonOptions), ct);

    /// <summary>Registers the waiting execution: writes <paramref name="fresh"/> unless a record exists (a resume), and returns the waiter.</summary>
    public async Task<PendingTask> RegisterAsync(string token, TaskTokenRecord fresh, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var record = await GetAsync(token, ct).ConfigureAwait(false);
            if (record is null)
            {
                await PutAsync(token, record = fresh, ct).ConfigureAwait(false);
            }

            var pending = new PendingTask(token, record);
            _pending[token] = pending;
            return pending;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Unregister(string token) => _pending.TryRemove(token, out _);

    /// <summary>Changes a record durably, then wakes its waiter. <paramref name="change"/> returns null to leave it as it is.</summary>
    public async Task<TaskTokenRecord?> UpdateAsync(string token, Func<TaskTokenRecord?, TaskTokenRecord?> change, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = await GetAsync(token, ct).ConfigureAwait(false);
            var updated = change(current);
            if (updated is null || ReferenceEquals(updated, current))
            {
                return current;
            }

            await PutAsync(token, updated, ct).ConfigureAwait(false);
            if (_pending.TryGetValue(token, out var pending))
            {
                pending.Update(updated);
            }

            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    public bool IsWaiting(string token) => _pending.ContainsKey(token);

    private Channel<string> Queue(string activityArn) => _activityQueues.GetOrAdd(activityArn, _ => Channel.CreateUnbounded<string>());

    /// <summary>Offers an activity task to the next GetActivityTask on its activity.</summary>
    public void Enqueue(string activityArn, string token) => Queue(activityArn).Writer.TryWrite(token);

    /// <summary>
    /// Long poll: the next activity task still waiting for a worker, marked started by <paramref name="workerName"/>
    /// (durably) before it is handed out; null when none came within <paramref name="wait"/>.
    /// </summary>
    /// <param name="deadlineAfter">The engine-clock deadline that many seconds from now (time scale applied).</param>
    public async Task<(string Token, TaskTokenRecord Record)?> TakeActivityTaskAsync(string activityArn, string? workerName, TimeSpan wait,
        Func<int, DateTimeOffset> deadlineAfter, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        var reader = Queue(activityArn).Reader;
        while (true)
        {
            string token;
            try
            {
                token = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null;
            }
            // A task whose execution stopped, timed out or resumed elsewhere is skipped, not handed out.
            if (!_pending.ContainsKey(token))
            {
                continue;
            }

            TaskTokenRecord? started = null;
            await UpdateAsync(token, r =>
            {
                if (r is not { Status: TaskTokenStatus.Waiting })
                {
                    return null;
                }

                started = r with
                {
                    Status = TaskTokenStatus.Started,
                    Worker = workerName,
                    HeartbeatAt = r.HeartbeatSeconds is { } hb ? deadlineAfter(hb) : null,
                };
                return started;
            }, CancellationToken.None).ConfigureAwait(false);
            if (started is not null)
            {
                return (token, started);
            }
        }
    }
}
