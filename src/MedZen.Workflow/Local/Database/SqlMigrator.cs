using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace MedZen.Workflow.Local.Database;

/// <summary>
/// Applies numbered SQL scripts (embedded in an adapter's assembly as <c>sql/&lt;folder&gt;/NNNN_name.sql</c>) once each, in order,
/// recording them in <c>schema_migrations</c> per component. Each script runs in its own transaction.
/// </summary>
public static partial class SqlMigrator
{
    public sealed record Migration(int Version, string Name, string Sql);

    /// <param name="assembly">The adapter's assembly, which embeds its scripts.</param>
    /// <param name="resourceFolder">The scripts' folder in that project, e.g. <c>Local/Clinical/Sql</c>.</param>
    public static IReadOnlyList<Migration> Load(Assembly assembly, string resourceFolder)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var prefix = $"sql/{resourceFolder.Replace('\\', '/')}/";
        return assembly.GetManifestResourceNames()
            .Select(name => (Resource: name, Normalized: name.Replace('\\', '/')))
            .Where(r => r.Normalized.StartsWith(prefix, StringComparison.Ordinal))
            .Select(r =>
            {
                var fileName = r.Normalized[prefix.Length..];
                var match = MigrationFileName().Match(fileName);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"Migration file '{fileName}' must be named NNNN_name.sql.");
                }

                using var stream = assembly.GetManifestResourceStream(r.Resource)!;
                using var reader = new StreamReader(stream);
                return new Migration(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <param name="lockStatement">SQL that serialises concurrent migrators inside the transaction (PostgreSQL advisory lock), or null.</param>
    /// <returns>The versions applied by this call.</returns>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        DbConnection connection, string component, IReadOnlyList<Migration> migrations, string timestampType, string? lockStatement, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at {timestampType} NOT NULL, PRIMARY KEY (component, version))",
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        var applied = new List<int>();
        foreach (var migration in migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (lockStatement is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(lockStatement, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE component = @component AND version = @version",
                new { component, version = migration.Version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (done > 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (component, version, name, applied_at) VALUES (@component, @version, @name, @appliedAt)",
                new { component, version = migration.Version, name = migration.Name, appliedAt = timeProvider.GetUtcNow().UtcDateTime }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(migration.Version);
        }

        return applied;
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex MigrationFileName();
}
