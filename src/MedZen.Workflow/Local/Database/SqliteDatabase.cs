using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace MedZen.Workflow.Local.Database;

/// <summary>
/// The single SQLite file under the data folder that the local adapters share.
/// Every connection runs in WAL mode with a busy timeout, so readers never block the writer.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, bool> _migrated = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _migrateGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDatabase(string filePath)
        : this(filePath, readOnly: false)
    {
    }

    /// <param name="readOnly">
    /// Opens the file read-only and never migrates it: for CLI reads of a data folder no server owns, which must not
    /// change it. The file must exist.
    /// </param>
    public SqliteDatabase(string filePath, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        FilePath = filePath;
        IsReadOnly = readOnly;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>
    /// Waits for this process's turn to write the file; dispose the turn once the write has committed. SQLite lets one
    /// writer in at a time: a connection that finds the lock taken sleeps in SQLite's busy handler (1, 2, 5 … 100 ms
    /// pauses) on the calling thread, so under load the lock sat free while its waiters slept, and the sleepers held
    /// thread-pool threads. Writers that take a turn here wait asynchronously and go in as soon as the writer before
    /// them is done. Reads need no turn (WAL).
    /// </summary>
    public async ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(_writeGate);
    }

    private sealed class WriteTurn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    public bool IsReadOnly { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = IsReadOnly
            ? "PRAGMA busy_timeout=10000; PRAGMA query_only=ON;"
            : "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Opens a connection once <paramref name="component"/>'s schema (<paramref name="migrations"/>, read only when it
    /// is not migrated yet) is migrated; each component migrates once per database, and a failed migration is tried
    /// again on the next open.
    /// </summary>
    public async Task<SqliteConnection> OpenMigratedAsync(
        string component, Func<IReadOnlyList<SqlMigrator.Migration>> migrations, TimeProvider time, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (IsReadOnly || _migrated.ContainsKey(component))
        {
            return connection;
        }

        try
        {
            await _migrateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_migrated.ContainsKey(component))
                {
                    await SqlMigrator.MigrateAsync(connection, component, migrations(), "TEXT", null, time, cancellationToken).ConfigureAwait(false);
                    _migrated[component] = true;
                }
            }
            finally
            {
                _migrateGate.Release();
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }
}
