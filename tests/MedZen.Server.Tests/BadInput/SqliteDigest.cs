using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MedZen.Server.Tests.BadInput;

/// <summary>What a refused input must not change: a digest per table of every row of a SQLite database, read-only.</summary>
internal static class SqliteDigest
{
    /// <returns>Table name → row count and a digest of its rows (sorted, so the order rows were stored in does not count).</returns>
    public static SortedDictionary<string, string> Tables(string databaseFile, params string[] leftOut)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Except(leftOut))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.IsDBNull(i) ? "∅" : Convert.ToBase64String(reader.GetFieldValue<byte[]>(i))).Append('|');
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            digests[table] = $"{rows.Count}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))))}";
        }

        return digests;
    }

    /// <summary>All tables of one database as one digest.</summary>
    public static string Database(string databaseFile) =>
        string.Join('\n', Tables(databaseFile).Select(t => $"{t.Key}={t.Value}"));
}
