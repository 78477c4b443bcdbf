using System.Data.Common;
using MedZen.Workflow.Local.Database;

namespace MedZen.Workflow.Local.Clinical;

/// <summary>The clinical database in the local SQLite file (the default).</summary>
public sealed class SqliteClinicalStore(SqliteDatabase database, TimeProvider timeProvider) : SqlClinicalStore(timeProvider)
{
    /// <summary>The clinical schema's SQLite scripts (<c>Local/Clinical/Sql</c>).</summary>
    public static IReadOnlyList<SqlMigrator.Migration> Migrations => SqlMigrator.Load(typeof(SqliteClinicalStore).Assembly, "Local/Clinical/Sql");

    private readonly SemaphoreSlim _migrateOnce = new(1, 1);
    private volatile bool _migrated;

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateOnce.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await SqlMigrator.MigrateAsync(connection, "clinical", Migrations, "TEXT", null, Time, cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrateOnce.Release();
        }
    }

    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated && !database.IsReadOnly)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await database.OpenAsync(cancellationToken).ConfigureAwait(false);
    }
}
