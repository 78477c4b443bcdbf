using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace MedZen.States.History;

/// <summary>
/// SQLite (WAL, synchronous=FULL) store. Writes from all executions go through one writer that commits them in
/// groups: each caller still waits for its own commit, so batching raises throughput without weakening durability.
/// </summary>
public sealed partial class SqliteStatesStore : IStatesStore
{
    private const int MaxBatch = 512;
    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Channel<WriteOp> _writes = Channel.CreateBounded<WriteOp>(new BoundedChannelOptions(8192) { SingleReader = true });
    private readonly Task _writerLoop;
    private SqliteCommand? _insertEvent;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    private sealed record WriteOp(Action<SqliteConnection, SqliteTransaction> Apply, TaskCompletionSource<bool> Done);

    private SqliteStatesStore(string connectionString, SqliteConnection writer)
    {
        _connectionString = connectionString;
        _writer = writer;
        _writerLoop = Task.Run(WriterLoopAsync);
    }

    public static async Task<SqliteStatesStore> OpenAsync(string path, CancellationToken ct = default)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        var writer = new SqliteConnection(cs);
        await writer.OpenAsync(ct).ConfigureAwait(false);
        await using (var cmd = writer.CreateCommand())
        {
            // Checkpoints every 8,192 WAL pages (32 MB) instead of 1,000: pages written again and again between
            // checkpoints (the executions table, index pages) reach the database file once; the WAL file is cut back
            // to 64 MB after a checkpoint. Durability is unchanged: every commit is in the WAL and synced (FULL).
            cmd.CommandText = """
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous=FULL;
                PRAGMA busy_timeout=5000;
                PRAGMA wal_autocheckpoint=8192;
                PRAGMA journal_size_limit=67108864;
                CREATE TABLE IF NOT EXISTS state_machines (arn TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS executions (
                    arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, status TEXT NOT NULL, start_date TEXT NOT NULL, body TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS executions_by_machine ON executions(state_machine_arn, status);
                CREATE INDEX IF NOT EXISTS executions_by_status ON executions(status);
                CREATE TABLE IF NOT EXISTS events (
                    execution_arn TEXT NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS definitions (hash TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
                """;
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            // Databases from before the definitions table keep each execution's definition in its body.
            cmd.CommandText = "SELECT COUNT(*) FROM pragma_table_info('executions') WHERE name = 'definition_hash'";
            if (Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                cmd.CommandText = "ALTER TABLE executions ADD COLUMN definition_hash TEXT";
                await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        return new SqliteStatesStore(cs, writer);
    }

    /// <summary>
    /// Opens an existing store for reading only (a CLI on a data folder no server owns): nothing is created or migrated,
    /// and every write fails. Build a <see cref="Service.StatesService"/> over it and never start it, so no execution resumes.
    /// </summary>
    public static async Task<SqliteStatesStore> OpenReadOnlyAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The workflow database {path} does not exist.", path);
        }

        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        var reader = new SqliteConnection(cs);
        await reader.OpenAsync(ct).ConfigureAwait(false);
        await using (var cmd = reader.CreateCommand())
        {
            cmd.CommandText = "PRAGMA busy_timeout=5000; PRAGMA query_only=ON;";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return new SqliteStatesStore(cs, reader);
    }

    private async Task WriterLoopAsync()
    {
        var batch = new List<WriteOp>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var op))
            {
                batch.Add(op);
            }

            try
            {
                if (!TryCommitTogether(batch))
                {
                    CommitEachIsolated(batch);
                }
            }
            catch (Exception e)
            {
                foreach (var op in batch)
                {
                    op.Done.TrySetException(e);
                }
            }
        }
    }

    /// <summary>
    /// Group commit: every queued write in one transaction, so one fsync covers them all. Each caller is released only
    /// after the commit, so nobody proceeds on a write that is not durable. False (rolled back) if one write failed.
    /// </summary>
    private bool TryCommitTogether(List<WriteOp> batch)
    {
        using (var tx = _writer.BeginTransaction())
        {
            try
            {
                foreach (var op in batch)
                {
                    op.Apply(_writer, tx);
                }
            }
            catch (SqliteException)
            {
                tx.Rollback();
                return false;
            }
            tx.Commit();
        }
        foreach (var op in batch)
        {
            op.Done.TrySetResult(true);
        }

        return true;
    }

    /// <summary>A write failed (e.g. a duplicate execution name): redo the group with a savepoint per write, so only it fails.</summary>
    private void CommitEachIsolated(List<WriteOp> batch)
    {
        var failed = new Dictionary<WriteOp, Exception>(ReferenceEqualityComparer.Instance);
        using (var tx = _writer.BeginTransaction())
        {
            using var savepointCmd = _writer.CreateCommand();
            savepointCmd.Transaction = tx;
            foreach (var op in batch)
            {
                savepointCmd.CommandText = "SAVEPOINT op";
                savepointCmd.ExecuteNonQuery();
                try
                {
                    op.Apply(_writer, tx);
                    savepointCmd.CommandText = "RELEASE op";
                    savepointCmd.ExecuteNonQuery();
                }
                catch (SqliteException e)
                {
                    savepointCmd.CommandText = "ROLLBACK TO op; RELEASE op";
                    savepointCmd.ExecuteNonQuery();
                    failed[op] = e;
                }
            }
            tx.Commit();
        }
        foreach (var op in batch)
        {
            if (failed.TryGetValue(op, out var e))
            {
                op.Done.TrySetException(e);
            }
            else
            {
                op.Done.TrySetResult(true);
            }
        }
    }

    /// <summary>The event insert, prepared once on the writer connection (used only by the writer loop).</summary>
    private SqliteCommand InsertEvent(SqliteTransaction tx)
    {
        if (_insertEvent is null)
        {
            _insertEvent = _writer.CreateCommand();
            _insertEvent.CommandText = "INSERT INTO events(execution_arn, id, body) VALUES ($a, $i, $b)";
            _insertEvent.Parameters.Add("$a", SqliteType.Text);
            _insertEvent.Parameters.Add("$i", SqliteType.Integer);
            _insertEvent.Parameters.Add("$b", SqliteType.Blob);
            _insertEvent.Prepare();
        }
        _insertEvent.Transaction = tx;
        return _insertEvent;
    }

    private async Task WriteAsync(Action<SqliteConnection, SqliteTransaction> apply, CancellationToken ct)
    {
        var op = new WriteOp(apply, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _writes.Writer.WriteAsync(op, ct).ConfigureAwait(false);
        await op.Done.Task.ConfigureAwait(false);
    }

    /// <summary>Runs a write on the writer connection with a command prepared once per statement (writer loop only).</summary>
    private void Exec(SqliteTransaction tx, string sql, params (string Name, object Value)[] args)
    {
        if (!_prepared.TryGetValue(sql, out var cmd))
        {
            cmd = _writer.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, _) in args)
            {
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            _prepared[sql] = cmd;
        }
        cmd.Transaction = tx;
        for (var i = 0; i < args.Length; i++)
        {
            cmd.Parameters[i].Value = args[i].Value;
        }

        cmd.ExecuteNonQuery();
    }

    private const string SelectExecution =
        "SELECT e.body, d.body FROM executions e LEFT JOIN definitions d ON d.hash = e.definition_hash";

    /// <summary>Execution records with their definition, stored once per distinct definition (see <see cref="DefinitionHash"/>).</summary>
    private async Task<List<ExecutionRecord>> QueryExecutionsAsync(string where, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = SelectExecution + " " + where;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        var list = new List<ExecutionRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var record = JsonSerializer.Deserialize<ExecutionRecord>(reader.GetString(0), JsonOptions)!;
            list.Add(reader.IsDBNull(1) ? record : record with { Definition = reader.GetString(1) });
        }
        return list;
    }

    private static readonly ConditionalWeakTable<string, string> Hashes = new();
    /// <summary>Definitions this store has committed; marked only after the commit, so a rolled-back group writes them again.</summary>
    private readonly ConcurrentDictionary<string, bool> _committedDefinitions = new(StringComparer.Ordinal);

    private void WriteDefinitionOnce(SqliteTransaction tx, string hash, string definition)
    {
        if (!_committedDefinitions.ContainsKey(hash))
        {
            Exec(tx, "INSERT OR IGNORE INTO definitions(hash, body) VALUES ($h, $b)", ("$h", hash), ("$b", definition));
        }
    }

    /// <summary>
    /// The key a definition is stored under: a hash of its text, computed once per text instance (executions of one state
    /// machine share the instance), so a definition is written once instead of with every execution record.
    /// </summary>
    private static string DefinitionHash(string definition) =>
        Hashes.GetValue(definition, d => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(d))));

    private static string RecordBody(ExecutionRecord record) => Ser(record with { Definition = "" });

    private async Task<List<T>> QueryAsync<T>(string sql, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        var list = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), JsonOptions)!);
        }

        return list;
    }

    private static string Ser<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    public Task SaveStateMachineAsync(StateMachineRecord record, CancellationToken ct) =>
        WriteAsync((c, tx) => Exec(tx, "INSERT INTO state_machines(arn, name, body) VALUES ($a, $n, $b) ON CONFLICT(arn) DO UPDATE SET body = excluded.body",
            ("$a", record.Arn), ("$n", record.Name), ("$b", Ser(record))), ct);

    public async Task<StateMachineRecord?> GetStateMachineAsync(string arn, CancellationToken ct) =>
        (await QueryAsync<StateMachineRecord>("SELECT body FROM state_machines WHERE arn = $a", ct, ("$a", arn)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct) =>
        await QueryAsync<StateMachineRecord>("SELECT body FROM state_machines ORDER BY name", ct).ConfigureAwait(false);

    public Task DeleteStateMachineAsync(string arn, CancellationToken ct) =>
        WriteAsync((c, tx) => Exec(tx, "DELETE FROM state_machines WHERE arn = $a", ("$a", arn)), ct);

    public async Task<bool> TryCreateExecutionAsync(ExecutionRecord record, HistoryEvent started, CancellationToken ct)
    {
        var recordBody = RecordBody(record);
        var startedBody = EventRows.Write([started]);
        var hash = DefinitionHash(record.Definition);
        try
        {
            await WriteAsync((c, tx) =>
            {
                WriteDefinitionOnce(tx, hash, record.Definition);
                Exec(tx, "INSERT INTO executions(arn, state_machine_arn, status, start_date, body, definition_hash) VALUES ($a, $m, $s, $d, $b, $h)",
                    ("$a", record.Arn), ("$m", record.StateMachineArn), ("$s", record.Status.ToString()), ("$d", record.StartDate.ToString("O")), ("$b", recordBody),
                    ("$h", hash));
                var insert = InsertEvent(tx);
                insert.Parameters[0].Value = record.Arn;
                insert.Parameters[1].Value = started.Id;
                insert.Parameters[2].Value = startedBody;
                insert.ExecuteNonQuery();
            }, ct).ConfigureAwait(false);
            _committedDefinitions.TryAdd(hash, true);
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return false;
        }
    }

    public async Task<ExecutionRecord?> GetExecutionAsync(string arn, CancellationToken ct) =>
        (await QueryExecutionsAsync("WHERE e.arn = $a", ct, ("$a", arn)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status, CancellationToken ct) =>
        status is { } s
            ? await QueryExecutionsAsync("WHERE e.state_machine_arn = $m AND e.status = $s ORDER BY e.start_date DESC", ct, ("$m", stateMachineArn), ("$s", s.ToString())).ConfigureAwait(false)
            : await QueryExecutionsAsync("WHERE e.state_machine_arn = $m ORDER BY e.start_date DESC", ct, ("$m", stateMachineArn)).ConfigureAwait(false);

    public async Task<IReadOnlyList<ExecutionRecord>> ListRunningExecutionsAsync(CancellationToken ct) =>
        await QueryExecutionsAsync("WHERE e.status = $s", ct, ("$s", ExecutionStatus.Running.ToString())).ConfigureAwait(false);

    public async Task AppendAsync(string executionArn, IReadOnlyList<HistoryEvent> events, ExecutionRecord? update, CancellationToken ct)
    {
        // Serialized here, on the caller's thread: the single writer thread only binds and inserts. Events committed
        // together are one row keyed by its first id (EventRows), so a step of many pure states costs one insert.
        var body = EventRows.Write(events);
        var firstId = events.Count == 0 ? 0 : events[0].Id;
        var updateBody = update is null ? null : RecordBody(update);
        var hash = update is null ? null : DefinitionHash(update.Definition);
        await WriteAsync((c, tx) =>
        {
            if (events.Count > 0)
            {
                var insert = InsertEvent(tx);
                insert.Parameters[0].Value = executionArn;
                insert.Parameters[1].Value = firstId;
                insert.Parameters[2].Value = body;
                insert.ExecuteNonQuery();
            }
            if (update is not null)
            {
                // An execution written by an earlier version kept its definition inline: it gets a definitions row now.
                WriteDefinitionOnce(tx, hash!, update.Definition);
                Exec(tx, "UPDATE executions SET status = $s, body = $b, definition_hash = $h WHERE arn = $a",
                    ("$a", executionArn), ("$s", update.Status.ToString()), ("$b", updateBody!), ("$h", hash!));
            }
        }, ct).ConfigureAwait(false);
        if (hash is not null)
        {
            _committedDefinitions.TryAdd(hash, true);
        }
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct)
    {
        await using var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT body FROM events WHERE execution_arn = $a ORDER BY id";
        cmd.Parameters.AddWithValue("$a", executionArn);
        var list = new List<HistoryEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            // A row holds the events committed together, in id order.
            EventRows.Read(reader.GetFieldValue<byte[]>(0), list);
        }
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        if (_insertEvent is not null)
        {
            await _insertEvent.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var cmd in _prepared.Values)
        {
            await cmd.DisposeAsync().ConfigureAwait(false);
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
