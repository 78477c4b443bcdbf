using System.Data.Common;
using MedZen.Workflow.Local.Database;

namespace MedZen.Workflow.Local.Clinical;

/// <summary>The clinical database in the local SQLite file (the default).</summary>
public sealed class SqliteClinicalStore(SqliteDatabase database, TimeProvider timeProvider) : SqlClinicalStore(timeProvider)
{
    /// <summary>The clinical schema's SQLite scripts (<c>Local/Clinical/Sql</c>).</summary>
    public static IReadOnlyList<SqlMigrator.Migration> Migrations => SqlMigrator.Load(typeof(SqliteClinicalStore).Assembly, "Local/Clinical/Sql");

    /// <summary>Migrates once per database through <see cref="SqliteDatabase.OpenMigratedAsync"/>, as the queue and the key-value tables do.</summary>
    public override async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) =>
        await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenMigratedAsync("clinical", () => Migrations, Time, cancellationToken).ConfigureAwait(false);
}
