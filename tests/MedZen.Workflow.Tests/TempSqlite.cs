using MedZen.Workflow.Local.Database;

namespace MedZen.Workflow.Tests;

/// <summary>A SQLite file in its own temporary folder, deleted afterwards.</summary>
internal sealed class TempSqlite : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medzen-test-").FullName;

    public TempSqlite() => Database = new SqliteDatabase(Path.Combine(_folder, "medzen.db"));

    public SqliteDatabase Database { get; }

    public void Dispose() => MedZen.Testing.TempFolder.Delete(_folder);
}
