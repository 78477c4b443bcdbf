using System.Data.Common;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Local.Database;
using Npgsql;

namespace MedZen.Backends.Postgres;

/// <summary>
/// The clinical database on PostgreSQL (e.g. Supabase's). Migrations take an advisory lock, so several
/// processes starting together apply each script once.
/// </summary>
public sealed class PostgresClinicalStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : SqlClinicalStore(timeProvider)
{
    /// <summary>The clinical schema's PostgreSQL scripts (<c>Postgres/Sql</c>), numbered as the SQLite adapter's.</summary>
    public static IReadOnlyList<SqlMigrator.Migration> Migrations => SqlMigrator.Load(typeof(PostgresClinicalStore).Assembly, "Postgres/Sql");

    private const long MigrationLockKey = 0x4D65645A656E; // "MedZen"
    private readonly SemaphoreSlim _migrateOnce = new(1, 1);
    private volatile bool _migrated;

    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateOnce.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await SqlMigrator.MigrateAsync(connection, "clinical", Migrations, "TIMESTAMPTZ",
                    $"SELECT pg_advisory_xact_lock({MigrationLockKey})", Time, cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        finally
        {
            _migrateOnce.Release();
        }
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }
}
