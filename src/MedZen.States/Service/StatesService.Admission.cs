using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Service;

/// <summary>
/// Admission: at most <see cref="StatesEngineOptions.MaxOpenExecutions"/> executions run in this process at once (each
/// holds its parsed state, scopes and history buffer in memory). An execution started beyond that is durably RUNNING
/// (record and ExecutionStarted committed, StartExecution answered) and waits in a first-come, first-served queue that
/// holds only its ARN; when a running execution closes, the oldest waiting one is loaded from the store and runs from its
/// persisted history, as after a restart. Stop, describe and WaitForCompletion work on a waiting execution as on any other.
/// </summary>
/// <remarks>
/// Redrives, and children that their parent waits for (<c>.sync</c>, <c>.waitForTaskToken</c>; see
/// <see cref="AdmitIfQueued"/>), run at once, over the bound if need be: a parent holding an admission must never wait
/// for a child queued behind it, which after a restart could otherwise fill the bound with waiting parents.
/// </remarks>
public sealed partial class StatesService
{
    private readonly Lock _admissionGate = new();
    private readonly LinkedList<string> _queued = new();
    private readonly Dictionary<string, LinkedListNode<string>> _queuedNodes = new(StringComparer.Ordinal);
    private int _admitted;

    /// <summary>Executions running in this process (admitted), and durably started executions waiting for admission.</summary>
    public (int Running, int Queued) Admission
    {
        get
        {
            lock (_admissionGate)
            {
                return (_admitted, _queued.Count);
            }
        }
    }

    /// <summary>
    /// Admits the execution now (true: the caller launches it) or, at capacity or behind others already waiting, queues
    /// it with <paramref name="active"/> registered, so stop and wait find it (false).
    /// </summary>
    private bool AdmitOrQueue(string arn, ActiveExecution active)
    {
        lock (_admissionGate)
        {
            if (_admitted < _services.Options.MaxOpenExecutions && _queued.Count == 0)
            {
                _admitted++;
                return true;
            }

            if (!_active.TryAdd(arn, active))
            {
                return false;
            }

            _queuedNodes[arn] = _queued.AddLast(arn);
        }
        _services.Metrics.ExecutionThrottled.Add(1);
        return false;
    }

    /// <summary>Admits an execution over the bound (a redrive, a child its parent waits for).</summary>
    private void AdmitAtOnce()
    {
        lock (_admissionGate)
        {
            _admitted++;
        }
    }

    /// <summary>An admitted execution closed (or was never launched): the oldest waiting executions take its place.</summary>
    private void ReleaseAdmission()
    {
        List<(string Arn, ActiveExecution Active)>? next = null;
        lock (_admissionGate)
        {
            _admitted--;
            while (_admitted < _services.Options.MaxOpenExecutions && _queued.First is { } first && !_shutdown.IsCancellationRequested)
            {
                _queued.RemoveFirst();
                _queuedNodes.Remove(first.Value);
                if (_active.TryGetValue(first.Value, out var active))
                {
                    _admitted++;
                    (next ??= []).Add((first.Value, active));
                }
            }
        }
        foreach (var (arn, active) in next ?? [])
        {
            _ = Task.Run(() => RunQueuedAsync(arn, active));
        }
    }

    /// <summary>Runs a queued execution now, over the bound: its parent, which holds an admission, waits for it.</summary>
    internal void AdmitIfQueued(string arn)
    {
        if (TryWithdraw(arn) && _active.TryGetValue(arn, out var active))
        {
            AdmitAtOnce();
            _ = Task.Run(() => RunQueuedAsync(arn, active));
        }
    }

    /// <summary>Takes a waiting execution out of the queue (true), e.g. to stop it; false when it is not waiting.</summary>
    private bool TryWithdraw(string arn)
    {
        lock (_admissionGate)
        {
            if (!_queuedNodes.Remove(arn, out var node))
            {
                return false;
            }

            _queued.Remove(node);
            return true;
        }
    }

    /// <summary>Stops an execution taken out of the queue before it ran: its ExecutionAborted follows ExecutionStarted.</summary>
    private async Task<ExecutionRecord> StopQueuedAsync(ExecutionRecord record, ActiveExecution queued, string? error, string? cause, CancellationToken ct)
    {
        try
        {
            var log = new HistoryLog(_services.Store, record.Arn, await LastEventIdAsync(record.Arn, ct).ConfigureAwait(false), _services.Time);
            var stopped = record with { Status = ExecutionStatus.Aborted, StopDate = _services.Time.GetUtcNow(), Error = error, Cause = cause };
            await log.AppendAsync(HistoryEventTypes.ExecutionAborted, new ExecutionAbortedEventDetails(error, cause), update: stopped).ConfigureAwait(false);
            _services.Metrics.ExecutionsAborted.Add(1);
            _active.TryRemove(record.Arn, out _);
            queued.Done.TrySetResult(stopped);
            return stopped;
        }
        catch (Exception e)
        {
            // Not recorded: it stays RUNNING in the store and resumes on the next start, as after any store failure.
            _active.TryRemove(record.Arn, out _);
            queued.Done.TrySetException(e);
            throw;
        }
    }

    /// <summary>Empties the queue on shutdown: the waiting executions stay RUNNING in the store and are queued again on the next start.</summary>
    private List<string> WithdrawAll()
    {
        lock (_admissionGate)
        {
            var all = _queued.ToList();
            _queued.Clear();
            _queuedNodes.Clear();
            return all;
        }
    }

    /// <summary>A queued execution's turn: loaded from the store and run from its persisted history (so far, ExecutionStarted).</summary>
    private async Task RunQueuedAsync(string arn, ActiveExecution active)
    {
        ExecutionRecord? record;
        LoadedExecution? loaded = null;
        try
        {
            record = await _services.Store.GetExecutionAsync(arn, _shutdown.Token).ConfigureAwait(false);
            if (record is { Status: ExecutionStatus.Running })
            {
                loaded = await LoadForResumeAsync(record, _shutdown.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // Shutting down, or the store failed: the execution stays RUNNING in the store and resumes on the next start.
            ReleaseAdmission();
            _active.TryRemove(arn, out _);
            if (_shutdown.IsCancellationRequested)
            {
                active.Done.TrySetCanceled();
            }
            else
            {
                active.Done.TrySetException(e);
            }

            return;
        }
        if (loaded is null)
        {
            // Closed while it waited (stopped through the store): nothing to run.
            ReleaseAdmission();
            _active.TryRemove(arn, out _);
            if (record is null)
            {
                active.Done.TrySetCanceled();
            }
            else
            {
                active.Done.TrySetResult(record);
            }

            return;
        }
        await RunAsync(record!, loaded.Definition, loaded.Resume, loaded.LastEventId, loaded.InternalIds, active).ConfigureAwait(false);
    }

    /// <summary>An open execution read back from the store: where it resumes, for a restart or its turn after the queue.</summary>
    private async Task<LoadedExecution> LoadForResumeAsync(ExecutionRecord record, CancellationToken ct)
    {
        var definition = ParseOrThrow(record.Definition);
        var history = await _services.Store.GetHistoryAsync(record.Arn, ct).ConfigureAwait(false);
        var resume = ResumePoint.FromHistory(definition, Json.Parse(record.Input), history, redrive: false);
        return new(definition, resume, history[^1].Id, InternalIds(history));
    }

    private sealed record LoadedExecution(Definition.StateMachineDefinition Definition, ResumePoint Resume, long LastEventId, long[] InternalIds);
}
