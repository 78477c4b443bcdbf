using Microsoft.Data.Sqlite;

namespace MedZen.States.History;

public sealed partial class SqliteStatesStore : IStatesRecordStore
{
    private const string CreateRecords =
        "CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID";

    private volatile bool _recordsReady;

    /// <summary>The records table is created on first use, so stores that never hold a record keep their schema.</summary>
    private async Task EnsureRecordsAsync(CancellationToken ct)
    {
        if (_recordsReady)
        {
            return;
        }

        await WriteAsync((c, tx) => Exec(tx, CreateRecords), ct).ConfigureAwait(false);
        _recordsReady = true;
    }

    public async Task PutRecordAsync(string kind, string key, string? body, CancellationToken ct)
    {
        await EnsureRecordsAsync(ct).ConfigureAwait(false);
        await WriteAsync((c, tx) =>
        {
            if (body is null)
            {
                Exec(tx, "DELETE FROM records WHERE kind = $k AND key = $y", ("$k", kind), ("$y", key));
            }
            else
            {
                Exec(tx, "INSERT INTO records(kind, key, body) VALUES ($k, $y, $b) ON CONFLICT(kind, key) DO UPDATE SET body = excluded.body",
                ("$k", kind), ("$y", key), ("$b", body));
            }
        }, ct).ConfigureAwait(false);
    }

    public async Task<string?> GetRecordAsync(string kind, string key, CancellationToken ct)
    {
        var rows = await QueryRecordsAsync("SELECT key, body FROM records WHERE kind = $k AND key = $y", kind, key, ct).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].Value;
    }

    public async Task<IReadOnlyList<KeyValuePair<string, string>>> ListRecordsAsync(string kind, CancellationToken ct) =>
        await QueryRecordsAsync("SELECT key, body FROM records WHERE kind = $k ORDER BY key", kind, null, ct).ConfigureAwait(false);

    private async Task<List<KeyValuePair<string, string>>> QueryRecordsAsync(string sql, string kind, string? key, CancellationToken ct)
    {
        await EnsureRecordsAsync(ct).ConfigureAwait(false);
        await using var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$k", kind);
        if (key is not null)
        {
            cmd.Parameters.AddWithValue("$y", key);
        }

        var list = new List<KeyValuePair<string, string>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }
}
