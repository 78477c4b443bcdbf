using MedZen.Backends.Postgres;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Tests.Contracts;
using Npgsql;

namespace MedZen.Workflow.Tests.Stores;

public sealed class SqliteClinicalStoreTests : ClinicalStoreContract, IDisposable
{
    private readonly TempSqlite _sqlite = new();

    public SqliteClinicalStoreTests() => Store = new SqliteClinicalStore(_sqlite.Database, TimeProvider.System);

    protected override IClinicalStore Store { get; }

    public void Dispose() => _sqlite.Dispose();
}

/// <summary>A fresh PostgreSQL database per test class, from MEDZEN_TEST_POSTGRES.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private readonly string? _adminConnectionString = Environment.GetEnvironmentVariable("MEDZEN_TEST_POSTGRES");
    private readonly string _databaseName = "medzen_test_" + Guid.NewGuid().ToString("N")[..12];

    public NpgsqlDataSource? DataSource { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (_adminConnectionString is null)
        {
            return;
        }

        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_databaseName}", admin);
            await create.ExecuteNonQueryAsync();
        }

        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _databaseName }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is null)
        {
            return;
        }

        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

public sealed class PostgresClinicalStoreTests : ClinicalStoreContract, IClassFixture<PostgresDatabaseFixture>
{
    private readonly PostgresDatabaseFixture _database;

    public PostgresClinicalStoreTests(PostgresDatabaseFixture database)
    {
        this._database = database;
        if (database.DataSource is null)
        {
            Assert.Skip("MEDZEN_TEST_POSTGRES is not set.");
        }
    }

    protected override IClinicalStore Store => field ??= new PostgresClinicalStore(_database.DataSource!, TimeProvider.System);
}
