using MedZen.Workflow.Stores.Migrations;

namespace MedZen.Workflow.Tests.Stores;

/// <summary>The embedded migration scripts: numbered without gaps, and the same steps for every engine.</summary>
public sealed class MigrationScriptsTests
{
    [Theory]
    [InlineData("Stores/Clinical/Sql/Sqlite")]
    [InlineData("Stores/Clinical/Sql/Postgres")]
    public void Clinical_migrations_are_numbered_one_to_n_without_gaps(string folder)
    {
        var migrations = SqlMigrator.Load(folder);

        Assert.NotEmpty(migrations);
        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
    }

    [Fact]
    public void Sqlite_and_postgres_apply_the_same_named_steps()
    {
        var sqlite = SqlMigrator.Load("Stores/Clinical/Sql/Sqlite").Select(m => (m.Version, m.Name));
        var postgres = SqlMigrator.Load("Stores/Clinical/Sql/Postgres").Select(m => (m.Version, m.Name));

        Assert.Equal(sqlite, postgres);
    }
}
