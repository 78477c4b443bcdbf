using MedZen.Backends.Postgres;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Local.Database;

namespace MedZen.Workflow.Tests.Stores;

/// <summary>The embedded migration scripts: numbered without gaps, and the same steps for every engine.</summary>
public sealed class MigrationScriptsTests
{
    public static TheoryData<string> ClinicalAdapters => ["sqlite", "postgres"];

    private static IReadOnlyList<SqlMigrator.Migration> Clinical(string adapter) =>
        adapter == "sqlite" ? SqliteClinicalStore.Migrations : PostgresClinicalStore.Migrations;

    [Theory]
    [MemberData(nameof(ClinicalAdapters))]
    public void Clinical_migrations_are_numbered_one_to_n_without_gaps(string adapter)
    {
        var migrations = Clinical(adapter);

        Assert.NotEmpty(migrations);
        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
    }

    [Fact]
    public void Sqlite_and_postgres_apply_the_same_named_steps()
    {
        var sqlite = SqliteClinicalStore.Migrations.Select(m => (m.Version, m.Name));
        var postgres = PostgresClinicalStore.Migrations.Select(m => (m.Version, m.Name));

        Assert.Equal(sqlite, postgres);
    }
}
