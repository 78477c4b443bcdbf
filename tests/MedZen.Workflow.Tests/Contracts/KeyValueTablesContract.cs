using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Tests.Contracts;

/// <summary>One contract for every <see cref="IKeyValueTables"/> adapter (SQLite here, DynamoDB in MedZen.Aws.Tests).</summary>
public abstract class KeyValueTablesContract
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    protected abstract Task<IKeyValueTables> CreateTablesAsync();

    private string SessionsTable => "sessions-" + _suffix;

    private async Task<IKeyValueTables> ReadyAsync()
    {
        var tables = await CreateTablesAsync();
        await tables.EnsureTableAsync(new KeyValueTableDefinition(SessionsTable, "sessionId"), TestContext.Current.CancellationToken);
        return tables;
    }

    private static JsonObject Key(string id) => new() { ["sessionId"] = new JsonObject { ["S"] = id } };

    private static JsonObject Item(string id, string status) => new()
    {
        ["sessionId"] = new JsonObject { ["S"] = id },
        ["status"] = new JsonObject { ["S"] = status },
        ["attempts"] = new JsonObject { ["N"] = "1" },
        ["tags"] = new JsonObject { ["L"] = new JsonArray(new JsonObject { ["S"] = "a" }) },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_returns_null_for_a_missing_item_and_the_item_after_a_put()
    {
        var tables = await ReadyAsync();
        Assert.Null(await tables.GetItemAsync(SessionsTable, Key("s1"), Ct));
        await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("s1", "active")), Ct);
        var item = await tables.GetItemAsync(SessionsTable, Key("s1"), Ct);
        Assert.True(JsonNode.DeepEquals(Item("s1", "active"), item), item?.ToJsonString());
    }

    [Fact]
    public async Task Conditional_put_fails_with_ConditionalCheckFailed_when_the_item_exists()
    {
        var tables = await ReadyAsync();
        var first = new PutItemRequest(SessionsTable, Item("s2", "draft"), "attribute_not_exists(sessionId)");
        await tables.PutItemAsync(first, Ct);
        var error = await Assert.ThrowsAsync<KeyValueTableException>(() => tables.PutItemAsync(first with { Item = Item("s2", "other") }, Ct));
        Assert.Equal("DynamoDB.ConditionalCheckFailedException", error.ErrorName);
        var stored = await tables.GetItemAsync(SessionsTable, Key("s2"), Ct);
        Assert.Equal("draft", stored!["status"]!["S"]!.GetValue<string>());
    }

    [Fact]
    public async Task Of_concurrent_conditional_puts_exactly_one_wins()
    {
        var tables = await ReadyAsync();
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("race", $"writer-{i}"), "attribute_not_exists(sessionId)"), Ct);
                return true;
            }
            catch (KeyValueTableException error) when (error.Code == KeyValueErrorCode.ConditionalCheckFailed)
            {
                return false;
            }
        });
        Assert.Single(await Task.WhenAll(attempts), won => won);
    }

    [Fact]
    public async Task Put_with_ALL_OLD_returns_the_replaced_item()
    {
        var tables = await ReadyAsync();
        await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("s3", "one")), Ct);
        var old = await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("s3", "two"), ReturnValues: ReturnValues.AllOld), Ct);
        Assert.Equal("one", old!["status"]!["S"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_sets_counts_appends_and_removes_then_returns_ALL_NEW()
    {
        var tables = await ReadyAsync();
        await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("s4", "active")), Ct);
        var result = await tables.UpdateItemAsync(new UpdateItemRequest(
            SessionsTable, Key("s4"),
            "SET #status = :ready, attempts = attempts + :one, tags = list_append(tags, :more), firstSeen = if_not_exists(firstSeen, :now) REMOVE obsolete",
            "#status = :active AND attempts < :limit",
            new ExpressionAttributes(
                new Dictionary<string, string> { ["#status"] = "status" },
                new JsonObject
                {
                    [":ready"] = new JsonObject { ["S"] = "soap_ready" },
                    [":active"] = new JsonObject { ["S"] = "active" },
                    [":one"] = new JsonObject { ["N"] = "1" },
                    [":limit"] = new JsonObject { ["N"] = "5" },
                    [":more"] = new JsonObject { ["L"] = new JsonArray(new JsonObject { ["S"] = "b" }) },
                    [":now"] = new JsonObject { ["S"] = "2026-11-25T00:00:00Z" },
                }),
            ReturnValues.AllNew), Ct);

        Assert.Equal("soap_ready", result!["status"]!["S"]!.GetValue<string>());
        Assert.Equal("2", result["attempts"]!["N"]!.GetValue<string>());
        Assert.Equal(2, result["tags"]!["L"]!.AsArray().Count);
        Assert.Equal("2026-11-25T00:00:00Z", result["firstSeen"]!["S"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_of_a_missing_item_creates_it_unless_the_condition_requires_it()
    {
        var tables = await ReadyAsync();
        var values = new JsonObject { [":s"] = new JsonObject { ["S"] = "soap_failed" } };
        var names = new Dictionary<string, string> { ["#status"] = "status" };
        var guarded = new UpdateItemRequest(SessionsTable, Key("s5"), "SET #status = :s", "attribute_exists(sessionId)", new ExpressionAttributes(names, values));
        var error = await Assert.ThrowsAsync<KeyValueTableException>(() => tables.UpdateItemAsync(guarded, Ct));
        Assert.Equal(KeyValueErrorCode.ConditionalCheckFailed, error.Code);
        Assert.Null(await tables.GetItemAsync(SessionsTable, Key("s5"), Ct));

        await tables.UpdateItemAsync(guarded with { ConditionExpression = null }, Ct);
        var created = await tables.GetItemAsync(SessionsTable, Key("s5"), Ct);
        Assert.Equal("soap_failed", created!["status"]!["S"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_returns_only_updated_attributes_for_UPDATED_OLD()
    {
        var tables = await ReadyAsync();
        await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("s6", "active")), Ct);
        var result = await tables.UpdateItemAsync(new UpdateItemRequest(SessionsTable, Key("s6"), "SET attempts = :n",
            Attributes: new ExpressionAttributes(Values: new JsonObject { [":n"] = new JsonObject { ["N"] = "7" } }),
            ReturnValues: ReturnValues.UpdatedOld), Ct);
        Assert.Equal("""{"attempts":{"N":"1"}}""", result!.ToJsonString());
    }

    [Fact]
    public async Task Not_equal_on_a_missing_attribute_is_true()
    {
        var tables = await ReadyAsync();
        await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("s7", "active")), Ct);
        await tables.UpdateItemAsync(new UpdateItemRequest(SessionsTable, Key("s7"), "SET attempts = :n", "notThere <> :n",
            new ExpressionAttributes(Values: new JsonObject { [":n"] = new JsonObject { ["N"] = "3" } })), Ct);
        var item = await tables.GetItemAsync(SessionsTable, Key("s7"), Ct);
        Assert.Equal("3", item!["attempts"]!["N"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_table_is_ResourceNotFound()
    {
        var tables = await ReadyAsync();
        var error = await Assert.ThrowsAsync<KeyValueTableException>(() => tables.GetItemAsync("no-such-table-" + _suffix, Key("x"), Ct));
        Assert.Equal("DynamoDB.ResourceNotFoundException", error.ErrorName);
    }

    public static TheoryData<string, string?, string[]> InvalidRequests => new()
    {
        { "SET status = :s", null, [":s"] },
        { "SET #s = :s", null, [":s", ":unused"] },
        { "SET sessionId = :s", null, [":s"] },
        { "SET #s = :s", "attribute_exists(", [":s"] },
        { "SET #s = :undefined", null, [] },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_expressions_are_ValidationException(string update, string? condition, string[] valueNames)
    {
        var tables = await ReadyAsync();
        await tables.PutItemAsync(new PutItemRequest(SessionsTable, Item("s8", "active")), Ct);
        var values = new JsonObject();
        foreach (var name in valueNames)
        {
            values[name] = new JsonObject { ["S"] = "v" };
        }

        var names = update.Contains("#s", StringComparison.Ordinal) ? new Dictionary<string, string> { ["#s"] = "status" } : null;
        var error = await Assert.ThrowsAsync<KeyValueTableException>(() => tables.UpdateItemAsync(
            new UpdateItemRequest(SessionsTable, Key("s8"), update, condition, new ExpressionAttributes(names, values.Count == 0 ? null : values)), Ct));
        Assert.Equal("DynamoDB.ValidationException", error.ErrorName);
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_schema_is_ValidationException()
    {
        var tables = await ReadyAsync();
        var error = await Assert.ThrowsAsync<KeyValueTableException>(() => tables.GetItemAsync(SessionsTable,
            new JsonObject { ["id"] = new JsonObject { ["S"] = "x" } }, Ct));
        Assert.Equal(KeyValueErrorCode.Validation, error.Code);
    }
}
