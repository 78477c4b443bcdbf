using MedZen.Workflow.Local.KeyValue;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Tests.Contracts;

namespace MedZen.Workflow.Tests.Stores;

public sealed class SqliteKeyValueTablesTests : KeyValueTablesContract, IDisposable
{
    private readonly TempSqlite _sqlite = new();

    protected override Task<IKeyValueTables> CreateTablesAsync() =>
        Task.FromResult<IKeyValueTables>(new SqliteKeyValueTables(_sqlite.Database, TimeProvider.System));

    public void Dispose() => _sqlite.Dispose();
}

public sealed class SqliteDefinitionDynamoDbTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public Task The_definitions_dynamodb_tasks_run_against_the_sqlite_tables() =>
        DefinitionDynamoDbScenario.RunAsync(new SqliteKeyValueTables(_sqlite.Database, TimeProvider.System), TestContext.Current.CancellationToken);

    public void Dispose() => _sqlite.Dispose();
}
