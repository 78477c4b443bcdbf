using System.Text.Json.Nodes;
using MedZen.Errors;
using MedZen.Scribe.Models;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Definition;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Notifications;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Runtime;

/// <summary>
/// The SOAP-note workflow on the embedded engine, on one machine: the stores (migrated on start), the engine over
/// <c>states.db</c> in the data folder, the local AWS integrations and the five steps, and the <c>soap-note</c> state
/// machine created (or updated) from the shipped definition with its placeholders filled from configuration.
/// <see cref="StartAsync"/> also resumes executions that were open when the process last stopped.
/// Every public method starts the runtime first if needed. Build it with <c>services.AddMedZenWorkflow(configuration)</c>
/// (a host starts it through its hosted service) or, without a web host, <see cref="StandaloneWorkflow.StartAsync"/>.
/// </summary>
public sealed class WorkflowRuntime : IAsyncDisposable
{
    public const string StatesDatabaseFile = "states.db";

    private readonly IClinicalStore _clinical;
    private readonly IKeyValueTables _tables;
    private readonly LocalTaskHandlers _handlers;
    private readonly IModelClient _model;
    private readonly StoreOptions _storeOptions;
    private readonly RetryQueueOptions _queueOptions;
    private readonly WorkflowOptions _workflowOptions;
    private readonly StatesEngineOptions _engineOptions;
    private readonly TimeProvider _timeProvider;
    private readonly NoteReadyNotifier _notifier;
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private Started? _started;

    public WorkflowRuntime(
        IClinicalStore clinical,
        IKeyValueTables tables,
        IRetryQueue retryQueue,
        LocalTaskHandlers handlers,
        IModelClient model,
        IOptions<StoreOptions> storeOptions,
        IOptions<RetryQueueOptions> queueOptions,
        IOptions<WorkflowOptions> workflowOptions,
        IOptions<StatesEngineOptions> engineOptions,
        TimeProvider timeProvider,
        NoteReadyNotifier notifier)
    {
        this._notifier = notifier;
        this._clinical = clinical;
        this._tables = tables;
        RetryQueue = retryQueue;
        this._handlers = handlers;
        this._model = model;
        this._storeOptions = storeOptions.Value;
        this._queueOptions = queueOptions.Value;
        this._workflowOptions = workflowOptions.Value;
        this._engineOptions = engineOptions.Value;
        this._timeProvider = timeProvider;
    }

    private sealed record Started(SqliteStatesStore Store, StatesService States, string StateMachineArn);

    /// <summary>The engine (describe, history, stop, redrive …). Throws until the runtime has started.</summary>
    public StatesService States => Current.States;

    /// <summary>The <c>soap-note</c> state machine's ARN. Throws until the runtime has started.</summary>
    public string StateMachineArn => Current.StateMachineArn;

    public IClinicalStore ClinicalStore => _clinical;

    public IRetryQueue RetryQueue { get; }

    /// <summary>The data folder (SQLite files).</summary>
    public string DataFolder => _storeOptions.DataFolder;

    public bool IsStarted => _started is not null;

    private Started Current => _started ?? throw new InvalidOperationException("The workflow runtime has not started: call StartAsync first.");

    /// <summary>The definition's placeholders as this runtime fills them.</summary>
    public IReadOnlyDictionary<string, string> DefinitionSubstitutions() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SessionsTableName"] = _storeOptions.SessionsTableName,
        ["SoapNotesTableName"] = _storeOptions.SoapNotesTableName,
        ["FetchTranscriptFunctionArn"] = WorkflowFunctionNames.FetchTranscript,
        ["EnrichMetadataFunctionArn"] = WorkflowFunctionNames.EnrichMetadata,
        ["GenerateSoapNoteFunctionArn"] = WorkflowFunctionNames.GenerateSoapNote,
        ["ParseModelResponseFunctionArn"] = WorkflowFunctionNames.ParseModelResponse,
        ["UpdateClinicalRecordFunctionArn"] = WorkflowFunctionNames.UpdateClinicalRecord,
        ["SendNotificationFunctionArn"] = WorkflowFunctionNames.SendNotification,
        ["BedrockModelId"] = _model.ModelId,
        ["RetryQueueUrl"] = _queueOptions.QueueUrl is { Length: > 0 } url
            ? url
            : $"https://sqs.{_engineOptions.Region}.amazonaws.com/{_engineOptions.AccountId}/{_queueOptions.QueueName}",
    };

    /// <summary>Migrates the stores, opens the engine, creates or updates the state machine and resumes open executions. Idempotent.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started is not null)
        {
            return;
        }

        await _startGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_started is not null)
            {
                return;
            }

            Directory.CreateDirectory(_storeOptions.DataFolder);
            ThrowIfClinicalDatabaseVanished();
            await _clinical.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await _tables.EnsureTableAsync(new KeyValueTableDefinition(_storeOptions.SessionsTableName, "sessionId"), cancellationToken).ConfigureAwait(false);
            await _tables.EnsureTableAsync(new KeyValueTableDefinition(_storeOptions.SoapNotesTableName, "soapNoteId"), cancellationToken).ConfigureAwait(false);

            var registry = new TaskHandlerRegistry();
            foreach (var (resource, handler) in _handlers.ByResource)
            {
                registry.Register(resource, handler);
            }

            var store = await SqliteStatesStore.OpenAsync(Path.Combine(_storeOptions.DataFolder, StatesDatabaseFile), cancellationToken).ConfigureAwait(false);
            var states = new StatesService(store, registry, _engineOptions, _timeProvider);
            try
            {
                var definition = DefinitionLoader.Load(DefinitionSubstitutions());
                string arn;
                try
                {
                    arn = await states.CreateStateMachineAsync(_workflowOptions.StateMachineName, definition, ct: cancellationToken).ConfigureAwait(false);
                }
                catch (StatesApiException error) when (error.ErrorName == StatesApiErrors.StateMachineAlreadyExists)
                {
                    // A new release or new configuration: running executions keep the definition they started with.
                    arn = $"arn:aws:states:{_engineOptions.Region}:{_engineOptions.AccountId}:stateMachine:{_workflowOptions.StateMachineName}";
                    await states.UpdateStateMachineAsync(arn, definition, ct: cancellationToken).ConfigureAwait(false);
                }

                // Before executions resume: a notification a crash left pending or sending is resent with its key now,
                // so its resumed step finds it sent instead of sending it a second time.
                await _notifier.ResendInterruptedAsync(cancellationToken).ConfigureAwait(false);
                await states.StartAsync(cancellationToken).ConfigureAwait(false);
                _started = new Started(store, states, arn);
            }
            catch
            {
                await states.DisposeAsync().ConfigureAwait(false);
                await store.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>
    /// A folder with a workflow database but no local clinical database lost its <c>medzen.db</c> (deleted, moved, a
    /// partial restore): migrating would start an empty one and every visit, transcript and note would be gone unnoticed.
    /// </summary>
    private void ThrowIfClinicalDatabaseVanished()
    {
        if (string.IsNullOrEmpty(_storeOptions.PostgresConnectionString)
            && !_storeOptions.InitializeMissingDatabase
            && File.Exists(Path.Combine(_storeOptions.DataFolder, StatesDatabaseFile))
            && !File.Exists(_storeOptions.DatabaseFile))
        {
            throw new DataFolderDamagedException(
                $"The data folder {Path.GetFullPath(_storeOptions.DataFolder)} has {StatesDatabaseFile} but no {Path.GetFileName(_storeOptions.DatabaseFile)}: "
                + "restore medzen.db from backup, or start with --init to create an empty clinical database.");
        }
    }

    /// <summary>
    /// Starts the session's note workflow, or returns the one it already has. The execution name is derived from the
    /// session (<see cref="SoapNoteExecutionNames"/>), so finalizing twice never starts a second workflow: while it runs,
    /// and after it succeeded (or parked), the call returns that execution with <c>AlreadyStarted = true</c>. When the
    /// latest execution FAILED or TIMED_OUT, the call starts the next attempt (<c>…-rN</c>) and says so (<c>RetriedAfter</c>);
    /// once the retry worker has restarted it, the latest restart is returned. A known session's appointment, provider and
    /// transcription flag come from the clinical database when the request leaves them out, and the session is mirrored
    /// into the sessions table the definition's ValidateInput reads. An unknown session still starts an execution, which
    /// ends in the definition's SessionNotFound state.
    /// </summary>
    /// <exception cref="WorkflowRequestException">An empty session id, or ids that contradict the stored session.</exception>
    public async Task<SoapNoteStart> StartSoapNoteAsync(FinalizeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.SessionId) || request.SessionId.Length > 256)
        {
            throw new WorkflowRequestException(WorkflowRequestException.InvalidSessionId, "The session id must be a non-empty string of at most 256 characters.");
        }

        var session = await _clinical.GetSessionAsync(request.SessionId, cancellationToken).ConfigureAwait(false);
        if (session is not null &&
            ((request.AppointmentId is { } appointmentId && appointmentId != session.AppointmentId)
                || (request.ProviderId is { } providerId && providerId != session.ProviderId)))
        {
            throw new WorkflowRequestException(WorkflowRequestException.SessionMismatch, "The appointment or provider id does not match the session's.");
        }

        return await StartCheckedAsync(request, session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="StartSoapNoteAsync(FinalizeRequest, CancellationToken)"/> for a caller that has read the session and
    /// checked the request against it (the finalize endpoint does, for ownership): the session is neither read nor
    /// checked again, and the execution carries the stored appointment and provider.
    /// </summary>
    public Task<SoapNoteStart> StartSoapNoteAsync(VideoCallSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return StartCheckedAsync(new FinalizeRequest(session.Id, session.AppointmentId, session.ProviderId, TranscriptionEnabled: true), session, cancellationToken);
    }

    private async Task<SoapNoteStart> StartCheckedAsync(FinalizeRequest request, VideoCallSessionRecord? session, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var current = Current;
        var name = SoapNoteExecutionNames.ForSession(request.SessionId);
        string? retriedAfter = null;
        if (await DescribeLatestAsync(request.SessionId, session, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (existing.Status is not (ExecutionStatus.Failed or ExecutionStatus.TimedOut))
            {
                return Describe(existing, alreadyStarted: true);
            }

            // A failed visit is recoverable: finalizing it again starts the next attempt (-rN), from the session as it is now.
            var attempt = SoapNoteExecutionNames.AttemptOf(request.SessionId, existing.Name) ?? 0;
            name = SoapNoteExecutionNames.ForAttempt(request.SessionId, attempt + 1);
            retriedAfter = existing.Arn;
        }

        if (session is not null)
        {
            await MirrorSessionAsync(session, cancellationToken).ConfigureAwait(false);
        }

        var input = new SoapNoteInput
        {
            SessionId = request.SessionId,
            AppointmentId = request.AppointmentId ?? session?.AppointmentId,
            ProviderId = request.ProviderId ?? session?.ProviderId,
            TranscriptionEnabled = request.TranscriptionEnabled ?? session?.TranscriptionEnabled ?? true,
        }.ToJson();

        try
        {
            var start = await current.States.StartExecutionAsync(current.StateMachineArn, name, input.ToJsonString(), cancellationToken).ConfigureAwait(false);
            await RecordLatestAsync(request.SessionId, session, start.ExecutionArn, cancellationToken).ConfigureAwait(false);
            return new SoapNoteStart(start.ExecutionArn, name, start.StartDate, ExecutionStatus.Running.ToAws(), AlreadyStarted: false, retriedAfter);
        }
        catch (StatesApiException error) when (error.ErrorName == StatesApiErrors.ExecutionAlreadyExists)
        {
            // Another finalize for the same session won the race (or this one started it and stopped before recording it).
            var raced = await current.States.DescribeExecutionAsync(ExecutionArn(name), cancellationToken).ConfigureAwait(false);
            await RecordLatestAsync(request.SessionId, session, raced.Arn, cancellationToken).ConfigureAwait(false);
            return Describe(raced, alreadyStarted: true);
        }
    }

    /// <summary>
    /// The session's latest workflow execution (the first run, a retry or the retry worker's latest restart), or null: the
    /// one whose ARN the session recorded when it started, or, for a session that recorded none (unknown to the clinical
    /// database, or finalized before the ARN was recorded), its first run.
    /// </summary>
    public async Task<ExecutionRecord?> FindLatestExecutionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        await StartAsync(cancellationToken).ConfigureAwait(false);
        var session = await _clinical.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return await DescribeLatestAsync(sessionId, session, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ExecutionRecord?> DescribeLatestAsync(string sessionId, VideoCallSessionRecord? session, CancellationToken cancellationToken)
    {
        var arn = session?.LatestExecutionArn ?? ExecutionArn(SoapNoteExecutionNames.ForSession(sessionId));
        try
        {
            return await Current.States.DescribeExecutionAsync(arn, cancellationToken).ConfigureAwait(false);
        }
        catch (StatesApiException error) when (error.ErrorName == StatesApiErrors.ExecutionDoesNotExist)
        {
            return null;
        }
    }

    /// <summary>Records the execution on the session (a known one; an unknown session's execution ends in SessionNotFound).</summary>
    private async Task RecordLatestAsync(string sessionId, VideoCallSessionRecord? session, string executionArn, CancellationToken cancellationToken)
    {
        if (session is not null && session.LatestExecutionArn != executionArn)
        {
            await _clinical.SetLatestExecutionArnAsync(sessionId, executionArn, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The engine, once the runtime has started (starts it if needed).</summary>
    public async Task<StatesService> GetStatesAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        return Current.States;
    }

    /// <summary>
    /// Where the session's note stands: its latest execution, the status the workflow wrote in the sessions table
    /// (<c>soap_ready</c>, <c>soap_retry_pending</c>, <c>soap_failed</c>, or the call's own status before the workflow ran)
    /// and the note id once written. Null when the session never had a workflow.
    /// </summary>
    public async Task<SoapNoteProgress?> GetSoapNoteProgressAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (await FindLatestExecutionAsync(sessionId, cancellationToken).ConfigureAwait(false) is not { } execution)
        {
            return null;
        }

        var item = await _tables.GetItemAsync(_storeOptions.SessionsTableName, SessionsTable.Key(sessionId), cancellationToken).ConfigureAwait(false);
        var note = await _clinical.GetNoteBySessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return new SoapNoteProgress(
            execution.Arn, execution.Name, execution.Status.ToAws(), SessionsTable.StatusOf(item), note?.Id, execution.Error);
    }

    /// <summary>Whether this state machine has an execution with that name.</summary>
    public async Task<bool> ExecutionExistsAsync(string executionName, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Current.States.DescribeExecutionAsync(ExecutionArn(executionName), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StatesApiException error) when (error.ErrorName == StatesApiErrors.ExecutionDoesNotExist)
        {
            return false;
        }
    }

    /// <summary>Completes when the execution reaches a terminal status.</summary>
    public async Task<ExecutionRecord> WaitForCompletionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        return await Current.States.WaitForCompletionAsync(executionArn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the restart of a parked visit (the retry worker's call) and records it as the session's latest execution.
    /// Idempotent per name: an existing execution is returned (and recorded, in case the start was not).
    /// </summary>
    internal async Task<(string ExecutionArn, bool Started)> RestartAsync(string sessionId, string executionName, JsonObject input, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        (string ExecutionArn, bool Started) restart;
        try
        {
            var start = await Current.States.StartExecutionAsync(Current.StateMachineArn, executionName, input.ToJsonString(), cancellationToken).ConfigureAwait(false);
            restart = (start.ExecutionArn, true);
        }
        catch (StatesApiException error) when (error.ErrorName == StatesApiErrors.ExecutionAlreadyExists)
        {
            restart = (ExecutionArn(executionName), false);
        }

        await _clinical.SetLatestExecutionArnAsync(sessionId, restart.ExecutionArn, cancellationToken).ConfigureAwait(false);
        return restart;
    }

    /// <summary>The ARN of the state machine's (standard) execution named <paramref name="executionName"/>.</summary>
    public string ExecutionArn(string executionName) =>
        StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + executionName;

    private static SoapNoteStart Describe(ExecutionRecord record, bool alreadyStarted) =>
        new(record.Arn, record.Name, record.RedriveDate ?? record.StartDate, record.Status.ToAws(), alreadyStarted);

    /// <summary>Marks a visit the retry worker dead-lettered: <c>soap_failed</c>, RetriesExhausted (<see cref="RetryPolicy.MarkSessionDeadLettered"/>).</summary>
    public async Task MarkSessionDeadLetteredAsync(string sessionId, CancellationToken cancellationToken)
    {
        try
        {
            await _tables.UpdateItemAsync(RetryPolicy.MarkSessionDeadLettered(_storeOptions.SessionsTableName, sessionId, _timeProvider.GetUtcNow()), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (KeyValueTableException e) when (e.Code == KeyValueErrorCode.ConditionalCheckFailed)
        {
            // No session row: nothing to mark.
        }
    }

    /// <summary>Writes the session's ids and flag into the sessions table, keeping the status the workflow wrote there.</summary>
    private Task MirrorSessionAsync(VideoCallSessionRecord session, CancellationToken cancellationToken) =>
        _tables.UpdateItemAsync(SessionsTable.Mirror(_storeOptions.SessionsTableName, session), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_started is { } current)
        {
            _started = null;
            await current.States.DisposeAsync().ConfigureAwait(false);
            await current.Store.DisposeAsync().ConfigureAwait(false);
        }

        _startGate.Dispose();
    }
}

/// <summary>The data folder is not in a state the runtime may start on; the message says why and what to do.</summary>
public sealed class DataFolderDamagedException(string message) : NamedErrorException("DataFolderDamaged", message, ErrorCategory.Conflict);
