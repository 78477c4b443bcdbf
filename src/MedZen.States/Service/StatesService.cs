using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.States.Definition;
using MedZen.States.Diagnostics;
using MedZen.States.Errors;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Text;

namespace MedZen.States.Service;

/// <summary>The outcome of StartExecution.</summary>
public sealed record StartExecutionResult(string ExecutionArn, DateTimeOffset StartDate);

/// <summary>One page of GetExecutionHistory.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, string? NextToken);

/// <summary>
/// The Step Functions API over the embedded engine: state machines, executions, history, stop, redrive and TestState.
/// Call <see cref="StartAsync"/> once to resume executions that were open when the process last stopped.
/// </summary>
public sealed partial class StatesService : IAsyncDisposable
{
    private readonly EngineServices _services;
    private readonly ExecutionSlots _slots;
    private readonly ConcurrentDictionary<string, ActiveExecution> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StateMachineDefinition> _parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// State machines by ARN with their parsed definitions, kept in step with this service's own create/update/delete.
    /// One process owns a store (resuming open executions already requires it), so no other writer can make these stale.
    /// </summary>
    private readonly ConcurrentDictionary<string, LoadedMachine> _machines = new(StringComparer.Ordinal);

    private sealed record LoadedMachine(StateMachineRecord Record, StateMachineDefinition Definition);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SemaphoreSlim _startGate = new(1, 1);

    public StatesService(
        IStatesStore store,
        TaskHandlerRegistry? tasks = null,
        StatesEngineOptions? options = null,
        TimeProvider? timeProvider = null,
        Func<double>? jitter = null,
        Func<Guid>? newUuid = null,
        Func<double>? nextRandom = null,
        StatesMetrics? metrics = null)
    {
        options ??= new StatesEngineOptions();
        System.ComponentModel.DataAnnotations.Validator.ValidateObject(options, new System.ComponentModel.DataAnnotations.ValidationContext(options), validateAllProperties: true);
        _services = new EngineServices(store, tasks ?? new TaskHandlerRegistry(), timeProvider ?? TimeProvider.System,
            jitter ?? Random.Shared.NextDouble, newUuid ?? Guid.NewGuid, nextRandom ?? Random.Shared.NextDouble, options, metrics ?? new StatesMetrics());
        _services.Executions = this;
        _slots = new ExecutionSlots(options.MaxConcurrentExecutions);
    }

    public TaskHandlerRegistry Tasks => _services.Tasks;

    private sealed class ActiveExecution
    {
        public CancellationTokenSource Stop { get; } = new();
        public TaskCompletionSource<ExecutionRecord> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public (string? Error, string? Cause)? StopRequest { get; set; }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,80}$")]
    private static partial Regex ValidName();

    private static void CheckName(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new StatesApiException(StatesApiErrors.InvalidName, $"Invalid Name: '{name}'");
        }
    }

    // ------------------------------------------------------------ state machines

    internal StateMachineDefinition Validate(string definition) => DefinitionParser.Parse(definition, IsKnownResource);

    public async Task<string> CreateStateMachineAsync(string name, string definition, string? roleArn = null,
        StateMachineType type = StateMachineType.Standard, CancellationToken ct = default)
    {
        CheckName(name);
        var parsed = ParseOrThrow(definition);
        var arn = Arns.StateMachine(_services.Options.Region, _services.Options.AccountId, name);
        var existing = await _services.Store.GetStateMachineAsync(arn, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if (existing.Definition == definition && existing.Type == type)
            {
                return arn;
            }

            throw new StatesApiException(StatesApiErrors.StateMachineAlreadyExists, $"State Machine Already Exists: '{arn}'");
        }
        var now = _services.Time.GetUtcNow();
        var record = new StateMachineRecord(arn, name, definition, roleArn ?? _services.Options.DefaultRoleArn, type, now, now, _services.NewUuid().ToString());
        await _services.Store.SaveStateMachineAsync(record, ct).ConfigureAwait(false);
        _machines[arn] = new LoadedMachine(record, parsed);
        return arn;
    }

    public async Task UpdateStateMachineAsync(string arn, string? definition = null, string? roleArn = null, CancellationToken ct = default)
    {
        var existing = await GetMachineAsync(arn, ct).ConfigureAwait(false);
        var parsed = definition is null ? null : ParseOrThrow(definition);
        var updated = existing with
        {
            Definition = definition ?? existing.Definition,
            RoleArn = roleArn ?? existing.RoleArn,
            UpdateDate = _services.Time.GetUtcNow(),
            RevisionId = _services.NewUuid().ToString(),
        };
        await _services.Store.SaveStateMachineAsync(updated, ct).ConfigureAwait(false);
        if (parsed is null)
        {
            _machines.TryRemove(arn, out _);
        }
        else
        {
            _machines[arn] = new LoadedMachine(updated, parsed);
        }
    }

    public Task<StateMachineRecord> DescribeStateMachineAsync(string arn, CancellationToken ct = default) => GetMachineAsync(arn, ct);

    public Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct = default) => _services.Store.ListStateMachinesAsync(ct);

    public async Task DeleteStateMachineAsync(string arn, CancellationToken ct = default)
    {
        await GetMachineAsync(arn, ct).ConfigureAwait(false);
        await _services.Store.DeleteStateMachineAsync(arn, ct).ConfigureAwait(false);
        _machines.TryRemove(arn, out _);
    }

    /// <summary>The stored record only: describing or listing needs no parse (nor the task handlers a parse checks).</summary>
    private async Task<StateMachineRecord> GetMachineAsync(string arn, CancellationToken ct) =>
        _machines.TryGetValue(arn, out var loaded)
            ? loaded.Record
            : await _services.Store.GetStateMachineAsync(arn, ct).ConfigureAwait(false)
              ?? throw new StatesApiException(StatesApiErrors.StateMachineDoesNotExist, $"State Machine Does Not Exist: '{arn}'");

    /// <summary>The record with its parsed definition, for starting executions; cached after the first load.</summary>
    private async ValueTask<LoadedMachine> LoadMachineAsync(string arn, CancellationToken ct)
    {
        if (_machines.TryGetValue(arn, out var loaded))
        {
            return loaded;
        }

        var record = await GetMachineAsync(arn, ct).ConfigureAwait(false);
        // A load never replaces what a concurrent create or update of this service put there.
        return _machines.GetOrAdd(arn, new LoadedMachine(record, ParseOrThrow(record.Definition)));
    }

    private StateMachineDefinition ParseOrThrow(string definition)
    {
        try
        {
            return _parsed.GetOrAdd(definition, d => DefinitionParser.Parse(d, IsKnownResource));
        }
        catch (InvalidDefinitionException e)
        {
            throw new StatesApiException(StatesApiErrors.InvalidDefinition, e.Message);
        }
    }

    // ------------------------------------------------------------ executions

    /// <summary>
    /// Starts an execution. Names are idempotent as on AWS: the same name and input while the execution is open
    /// returns the same execution; anything else with a used name fails with ExecutionAlreadyExists.
    /// Beyond <see cref="StatesEngineOptions.MaxOpenExecutions"/> running executions, the execution is started (durably
    /// RUNNING) and waits its turn to run (see StatesService.Admission.cs); the call never waits for capacity.
    /// </summary>
    public async Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string? name = null, string? input = null, CancellationToken ct = default)
    {
        var (machine, definition) = await LoadMachineAsync(stateMachineArn, ct).ConfigureAwait(false);
        name ??= _services.NewUuid().ToString();
        CheckName(name);
        if (input is not null && PayloadLimit.Exceeds(input))
        {
            throw new StatesApiException(StatesApiErrors.ValidationException,
                $"1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to {PayloadLimit.MaxBytes}");
        }
        var (inputText, inputNode) = NormalizeInput(input);
        var arn = Arns.Execution(machine.Arn, name, machine.Type == StateMachineType.Express);
        var now = _services.Time.GetUtcNow();
        var record = new ExecutionRecord(arn, machine.Arn, name, ExecutionStatus.Running, inputText, machine.Definition, machine.Type, machine.RoleArn, now);
        var started = HistoryEvent.Compact(1, 0, now, HistoryEventTypes.ExecutionStarted, "", new ExecutionStartedDetails(inputText, machine.RoleArn));
        if (!await _services.Store.TryCreateExecutionAsync(record, started, ct).ConfigureAwait(false))
        {
            var raced = await _services.Store.GetExecutionAsync(arn, ct).ConfigureAwait(false);
            return Idempotent(raced!, inputText);
        }
        _services.Metrics.ExecutionsStarted.Add(1);
        if (AdmitOrQueue(arn, new ActiveExecution()))
        {
            Launch(record, definition, ResumePoint.Start(definition, inputNode, inputText), lastEventId: 1);
        }

        return new StartExecutionResult(arn, now);
    }

    private static StartExecutionResult Idempotent(ExecutionRecord existing, string inputText)
    {
        if (existing.Status == ExecutionStatus.Running && JsonNode.DeepEquals(Json.Parse(existing.Input), Json.Parse(inputText)))
        {
            return new StartExecutionResult(existing.Arn, existing.StartDate);
        }

        throw new StatesApiException(StatesApiErrors.ExecutionAlreadyExists, $"Execution Already Exists: '{existing.Arn}'");
    }

    /// <summary>The input as the engine keeps it (compact JSON text) and parsed, for the first state.</summary>
    private static (string Text, JsonNode? Node) NormalizeInput(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return ("{}", new JsonObject());
        }

        try
        {
            JsonElement element;
            // A repeated member name would make the data ambiguous: rejected here rather than failing the execution later.
            using (var document = JsonDocument.Parse(input, new JsonDocumentOptions { AllowDuplicateProperties = false }))
            {
                element = document.RootElement.Clone();
            }

            return (Json.Serialize(element), Json.Node(element));
        }
        catch (JsonException)
        {
            throw new StatesApiException(StatesApiErrors.InvalidExecutionInput, "Invalid State Machine Execution Input: the input is not valid JSON");
        }
    }

    /// <summary>Runs an EXPRESS (or any) state machine and returns its final record.</summary>
    public async Task<ExecutionRecord> StartSyncExecutionAsync(string stateMachineArn, string? name = null, string? input = null, CancellationToken ct = default)
    {
        var (machine, _) = await LoadMachineAsync(stateMachineArn, ct).ConfigureAwait(false);
        if (machine.Type != StateMachineType.Express)
        {
            throw new StatesApiException(StatesApiErrors.StateMachineTypeNotSupported, "This operation is not supported by this type of state machine");
        }

        var started = await StartExecutionAsync(stateMachineArn, name, input, ct).ConfigureAwait(false);
        return await WaitForCompletionAsync(started.ExecutionArn, ct).ConfigureAwait(false);
    }

    public async Task<ExecutionRecord> DescribeExecutionAsync(string executionArn, CancellationToken ct = default) =>
        await _services.Store.GetExecutionAsync(executionArn, ct).ConfigureAwait(false)
        ?? throw new StatesApiException(StatesApiErrors.ExecutionDoesNotExist, $"Execution Does Not Exist: '{executionArn}'");

    public async Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status = null, CancellationToken ct = default)
    {
        await GetMachineAsync(stateMachineArn, ct).ConfigureAwait(false);
        return await _services.Store.ListExecutionsAsync(stateMachineArn, status, ct).ConfigureAwait(false);
    }

    /// <summary>AWS-shaped history, paged; the token is the next offset.</summary>
    public async Task<HistoryPage> GetExecutionHistoryAsync(string executionArn, int maxResults = 100, string? nextToken = null,
        bool reverseOrder = false, CancellationToken ct = default)
    {
        await DescribeExecutionAsync(executionArn, ct).ConfigureAwait(false);
        if (maxResults is < 1 or > 1000)
        {
            maxResults = 1000;
        }

        var offset = 0;
        if (nextToken is not null && (!int.TryParse(nextToken, out offset) || offset < 0))
        {
            throw new StatesApiException(StatesApiErrors.InvalidToken, "Invalid Token: the pagination token is not valid");
        }

        IEnumerable<HistoryEvent> events = AwsHistory.Visible(await _services.Store.GetHistoryAsync(executionArn, ct).ConfigureAwait(false));
        if (reverseOrder)
        {
            events = events.Reverse();
        }

        var list = events.Skip(offset).Take(maxResults + 1).ToList();
        var more = list.Count > maxResults;
        return new HistoryPage(list.Take(maxResults).ToList(), more ? (offset + maxResults).ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    public async Task<ExecutionRecord> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken ct = default)
    {
        var record = await DescribeExecutionAsync(executionArn, ct).ConfigureAwait(false);
        if (record.Status != ExecutionStatus.Running)
        {
            return record;
        }

        if (TryWithdraw(executionArn) && _active.TryGetValue(executionArn, out var queued))
        {
            return await StopQueuedAsync(record, queued, error, cause, ct).ConfigureAwait(false);
        }

        if (_active.TryGetValue(executionArn, out var active))
        {
            active.StopRequest = (error, cause);
            await active.Stop.CancelAsync().ConfigureAwait(false);
            return await active.Done.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        var log = new HistoryLog(_services.Store, executionArn, await LastEventIdAsync(executionArn, ct).ConfigureAwait(false), _services.Time);
        var stopped = record with { Status = ExecutionStatus.Aborted, StopDate = _services.Time.GetUtcNow(), Error = error, Cause = cause };
        await log.AppendAsync(HistoryEventTypes.ExecutionAborted, new ExecutionAbortedEventDetails(error, cause), update: stopped).ConfigureAwait(false);
        return stopped;
    }

    /// <summary>Continues a FAILED, TIMED_OUT or ABORTED STANDARD execution from the state that did not finish.</summary>
    public async Task<DateTimeOffset> RedriveExecutionAsync(string executionArn, CancellationToken ct = default)
    {
        var record = await DescribeExecutionAsync(executionArn, ct).ConfigureAwait(false);
        if (record.Type != StateMachineType.Standard || record.Status is ExecutionStatus.Running or ExecutionStatus.Succeeded)
        {
            throw new StatesApiException(StatesApiErrors.ExecutionNotRedrivable, $"Execution is {record.Status.ToAws()} and cannot be redriven: '{executionArn}'");
        }

        var definition = ParseOrThrow(record.Definition);
        var history = await _services.Store.GetHistoryAsync(executionArn, ct).ConfigureAwait(false);
        var resume = ResumePoint.FromHistory(definition, Json.Parse(record.Input), history, redrive: true);
        var now = _services.Time.GetUtcNow();
        var redriven = record with
        {
            Status = ExecutionStatus.Running,
            StopDate = null,
            Output = null,
            Error = null,
            Cause = null,
            RedriveCount = record.RedriveCount + 1,
            RedriveDate = now,
        };
        var log = new HistoryLog(_services.Store, executionArn, history[^1].Id, _services.Time);
        await log.AppendAsync(HistoryEventTypes.ExecutionRedriven, new ExecutionRedrivenEventDetails(redriven.RedriveCount), update: redriven).ConfigureAwait(false);
        // Admitted at once: the redrive was asked for now, and it is rare.
        AdmitAtOnce();
        _services.Metrics.ExecutionsRedriven.Add(1);
        Launch(redriven, definition, resume, log.LastEventId, InternalIds(history));
        return now;
    }

    /// <summary>Completes when the execution reaches a terminal status.</summary>
    public async Task<ExecutionRecord> WaitForCompletionAsync(string executionArn, CancellationToken ct = default)
    {
        while (true)
        {
            if (_active.TryGetValue(executionArn, out var active))
            {
                return await active.Done.Task.WaitAsync(ct).ConfigureAwait(false);
            }

            var record = await DescribeExecutionAsync(executionArn, ct).ConfigureAwait(false);
            if (record.Status != ExecutionStatus.Running)
            {
                return record;
            }

            if (_active.TryGetValue(executionArn, out active))
            {
                return await active.Done.Task.WaitAsync(ct).ConfigureAwait(false);
            }
            // Open in the store but not running here (not yet resumed): wait for StartAsync to pick it up.
            // Real time on purpose: this is caller-side polling, not engine time, and must progress under a fake clock too.
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Resumes every execution that was RUNNING when the process stopped, from its last persisted event.</summary>
    public async Task<int> StartAsync(CancellationToken ct = default)
    {
        await _startGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var open = await _services.Store.ListRunningExecutionsAsync(ct).ConfigureAwait(false);
            var resumed = 0;
            // Oldest first: beyond MaxOpenExecutions they queue in this order.
            foreach (var record in open.OrderBy(r => r.StartDate))
            {
                if (_active.ContainsKey(record.Arn))
                {
                    continue;
                }

                resumed++;
                if (!AdmitOrQueue(record.Arn, new ActiveExecution()))
                {
                    // Beyond the bound: it waits its turn holding only its ARN, and loads its history when admitted.
                    continue;
                }

                try
                {
                    var loaded = await LoadForResumeAsync(record, ct).ConfigureAwait(false);
                    Launch(record, loaded.Definition, loaded.Resume, loaded.LastEventId, loaded.InternalIds);
                }
                catch
                {
                    ReleaseAdmission();
                    throw;
                }
            }
            return resumed;
        }
        finally
        {
            _startGate.Release();
        }
    }

    private async Task<long> LastEventIdAsync(string arn, CancellationToken ct)
    {
        var history = await _services.Store.GetHistoryAsync(arn, ct).ConfigureAwait(false);
        return history.Count == 0 ? 0 : history[^1].Id;
    }

    private static long[] InternalIds(IReadOnlyList<HistoryEvent> history) =>
        [.. history.Where(e => HistoryEventTypes.IsEngineInternal(e.Type)).Select(e => e.Id)];

    private void Launch(ExecutionRecord record, StateMachineDefinition definition, ResumePoint resume, long lastEventId, long[]? internalIds = null)
    {
        var active = new ActiveExecution();
        _active[record.Arn] = active;
        _ = Task.Run(() => RunAsync(record, definition, resume, lastEventId, internalIds ?? [], active));
    }

    private async Task RunAsync(ExecutionRecord record, StateMachineDefinition definition, ResumePoint resume, long lastEventId, long[] internalIds, ActiveExecution active)
    {
        var log = new HistoryLog(_services.Store, record.Arn, lastEventId, _services.Time, internalIds, expectedEvents: 2 * definition.Graph.States.Count + 2);
        var runner = new ExecutionRunner(_services, record, definition, log);
        using var timeout = definition.TimeoutSeconds is { } seconds
            ? new CancellationTokenSource(Remaining(record, seconds), _services.Time)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(active.Stop.Token, timeout.Token, _shutdown.Token);
        // The deadline decides, not which timer fired first: under load a Wait's timer may run after the timeout's.
        DateTimeOffset? deadline = definition.TimeoutSeconds is { } limit
            ? (record.RedriveDate ?? record.StartDate) + _services.Scale(TimeSpan.FromSeconds(limit))
            : null;
        bool TimedOut() => timeout.IsCancellationRequested || (deadline is { } d && _services.Time.GetUtcNow() >= d);
        var final = record;
        try
        {
            await using var slot = await _slots.AcquireAsync(linked.Token).ConfigureAwait(false);
            try
            {
                var output = await runner.RunTopLevelAsync(resume, slot, linked.Token).ConfigureAwait(false);
                if (TimedOut())
                {
                    throw new OperationCanceledException(timeout.Token);
                }

                var text = runner.OutputText ?? Json.Serialize(output);
                final = record with { Status = ExecutionStatus.Succeeded, StopDate = _services.Time.GetUtcNow(), Output = text };
                await log.AppendCompactDurableAsync(HistoryEventTypes.ExecutionSucceeded,
                    new PayloadDetails("executionSucceededEventDetails", "output", text), update: final).ConfigureAwait(false);
                _services.Metrics.ExecutionsSucceeded.Add(1);
            }
            catch (StatesException e) when (!linked.IsCancellationRequested && !TimedOut())
            {
                var error = e is FailStateException f ? f.NullableError : e.ErrorName;
                final = record with { Status = ExecutionStatus.Failed, StopDate = _services.Time.GetUtcNow(), Error = error, Cause = e.Cause };
                await log.AppendAsync(HistoryEventTypes.ExecutionFailed, new ExecutionFailedEventDetails(error, e.Cause), update: final).ConfigureAwait(false);
                _services.Metrics.ExecutionsFailed.Add(1);
            }
        }
        catch (Exception) when (TimedOut() && !_shutdown.IsCancellationRequested)
        {
            final = record with { Status = ExecutionStatus.TimedOut, StopDate = _services.Time.GetUtcNow() };
            await log.AppendAsync(HistoryEventTypes.ExecutionTimedOut, new ExecutionTimedOutEventDetails(), update: final).ConfigureAwait(false);
            _services.Metrics.ExecutionsTimedOut.Add(1);
        }
        catch (Exception) when (active.Stop.IsCancellationRequested && !_shutdown.IsCancellationRequested)
        {
            var (error, cause) = active.StopRequest ?? (null, null);
            final = record with { Status = ExecutionStatus.Aborted, StopDate = _services.Time.GetUtcNow(), Error = error, Cause = cause };
            await log.AppendAsync(HistoryEventTypes.ExecutionAborted, new ExecutionAbortedEventDetails(error, cause), update: final).ConfigureAwait(false);
            _services.Metrics.ExecutionsAborted.Add(1);
        }
        catch (Exception) when (_shutdown.IsCancellationRequested)
        {
            // Shutting down: the execution stays RUNNING in the store and resumes on the next StartAsync.
        }
        catch (Exception e)
        {
            // An engine defect: AWS reports these as States.Runtime. Only the type is recorded (messages may hold data).
            final = record with
            {
                Status = ExecutionStatus.Failed,
                StopDate = _services.Time.GetUtcNow(),
                Error = StatesErrorNames.Runtime,
                Cause = $"Internal error: {e.GetType().FullName}",
            };
            await log.AppendAsync(HistoryEventTypes.ExecutionFailed, new ExecutionFailedEventDetails(final.Error, final.Cause), update: final).ConfigureAwait(false);
            _services.Metrics.ExecutionsFailed.Add(1);
        }
        finally
        {
            _active.TryRemove(record.Arn, out _);
            ReleaseAdmission();
            if (final.StopDate is { } stop)
            {
                _services.Metrics.ExecutionTime.Record((stop - record.StartDate).TotalMilliseconds);
            }

            active.Done.TrySetResult(final);
        }
    }

    private TimeSpan Remaining(ExecutionRecord record, int timeoutSeconds)
    {
        var start = record.RedriveDate ?? record.StartDate;
        var remaining = _services.Scale(TimeSpan.FromSeconds(timeoutSeconds)) - (_services.Time.GetUtcNow() - start);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1);
    }

    private int _disposed;

    /// <summary>Stops running executions (they resume on the next start). Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var arn in WithdrawAll())
        {
            // Waiting for admission: it stays RUNNING in the store and is queued again on the next start.
            if (_active.TryRemove(arn, out var queued))
            {
                queued.Done.TrySetCanceled();
            }
        }
        var pending = _active.Values.Select(a => a.Done.Task).ToArray();
        try
        {
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Executions that do not observe cancellation are left to the store; they resume next time.
        }
        catch (OperationCanceledException)
        {
            // One was being loaded for admission when the shutdown came: it resumes next time too.
        }
        _shutdown.Dispose();
    }
}
