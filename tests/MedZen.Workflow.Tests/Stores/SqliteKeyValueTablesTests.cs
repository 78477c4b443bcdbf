using MedZen.Workflow.Stores.KeyValue;
using MedZen.Workflow.Tests.Contracts;

namespace MedZen.Workflow.Tests.Stores;

public sealed class SqliteKeyValueTablesTests : KeyValueTablesContract, IDisposable
{
    private readonly TempSqlite sqlite = new();

    protected override Task<IKeyValueTables> CreateTablesAsync() =>
        Task.FromResult<IKeyValueTables>(new SqliteKeyValueTables(sqlite.Database, TimeProvider.System));

    public void Dispose() => sqlite.Dispose();
}
