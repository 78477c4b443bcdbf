using MedZen.Workflow.Stores.Sqlite;

namespace MedZen.Workflow.Tests;

/// <summary>A SQLite file in its own temporary folder, deleted afterwards.</summary>
internal sealed class TempSqlite : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("medzen-test-").FullName;

    public TempSqlite() => Database = new SqliteDatabase(Path.Combine(folder, "medzen.db"));

    public SqliteDatabase Database { get; }

    public void Dispose() => MedZen.Testing.TempFolder.Delete(folder);
}
