using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Dapper;
using MedZen.Workflow.Local.Database;
using MedZen.Workflow.Ports;
using Microsoft.Data.Sqlite;

namespace MedZen.Workflow.Local.KeyValue;

/// <summary>
/// Key-value tables in the local SQLite file: one row per item holding its DynamoDB JSON.
/// Conditional writes read and write inside one IMMEDIATE transaction, so they are atomic like DynamoDB's.
/// </summary>
public sealed class SqliteKeyValueTables(SqliteDatabase database, TimeProvider timeProvider) : IKeyValueTables
{
    private readonly ConcurrentDictionary<string, KeyValueTableDefinition> _tables = new(StringComparer.Ordinal);

    public async Task EnsureTableAsync(KeyValueTableDefinition table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO kv_tables (name, hash_key) VALUES (@Name, @HashKey) ON CONFLICT (name) DO UPDATE SET hash_key = excluded.hash_key",
            table, cancellationToken: cancellationToken)).ConfigureAwait(false);
        _tables[table.Name] = table;
    }

    public async Task<JsonObject?> GetItemAsync(string tableName, JsonObject key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var table = await DescribeAsync(connection, null, tableName, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, table.Name, ItemOperations.KeyOf(table, key), cancellationToken).ConfigureAwait(false);
    }

    public async Task<JsonObject?> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var table = await DescribeAsync(connection, transaction, request.TableName, cancellationToken).ConfigureAwait(false);
        var key = ItemOperations.KeyOfItem(table, request.Item);
        var existing = await ReadAsync(connection, transaction, table.Name, key, cancellationToken).ConfigureAwait(false);
        var returned = ItemOperations.Put(table, request, existing);
        await WriteAsync(connection, transaction, table.Name, key, request.Item, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return returned;
    }

    public async Task<JsonObject?> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var table = await DescribeAsync(connection, transaction, request.TableName, cancellationToken).ConfigureAwait(false);
        var key = ItemOperations.KeyOf(table, request.Key);
        var existing = await ReadAsync(connection, transaction, table.Name, key, cancellationToken).ConfigureAwait(false);
        var (updated, returned) = ItemOperations.Update(table, request, existing);
        await WriteAsync(connection, transaction, table.Name, key, updated, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return returned;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        database.OpenMigratedAsync("keyvalue", () => SqlMigrator.Load(typeof(SqliteKeyValueTables).Assembly, "Local/KeyValue/Sql"), timeProvider, cancellationToken);

    private async Task<KeyValueTableDefinition> DescribeAsync(SqliteConnection connection, SqliteTransaction? transaction, string tableName, CancellationToken cancellationToken)
    {
        if (_tables.TryGetValue(tableName, out var known))
        {
            return known;
        }

        var hashKey = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT hash_key FROM kv_tables WHERE name = @tableName", new { tableName }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (hashKey is null)
        {
            throw KeyValueTableException.TableNotFound();
        }

        return _tables[tableName] = new KeyValueTableDefinition(tableName, hashKey);
    }

    private static async Task<JsonObject?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, string table, string key, CancellationToken cancellationToken)
    {
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT item_json FROM kv_items WHERE table_name = @table AND hash_key_value = @key", new { table, key }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return json is null ? null : JsonNode.Parse(json)!.AsObject();
    }

    private static Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, string table, string key, JsonObject item, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO kv_items (table_name, hash_key_value, item_json) VALUES (@table, @key, @json) ON CONFLICT (table_name, hash_key_value) DO UPDATE SET item_json = excluded.item_json",
            new { table, key, json = item.ToJsonString() }, transaction, cancellationToken: cancellationToken));
}
