using System.Text.Json.Nodes;
using MedZen.Workflow.Local.KeyValue.Expressions;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Tests.Stores.Expressions;

public sealed class UpdateExpressionTests
{
    private const string Before = """
        {"id":{"S":"1"},"n":{"N":"5"},"l":{"L":[{"S":"x"},{"S":"y"},{"S":"z"}]},"m":{"M":{"a":{"S":"1"}}},"ss":{"SS":["p","q"]},"gone":{"S":"bye"}}
        """;

    private static readonly JsonObject Values = JsonNode.Parse("""
        {":one":{"N":"1"},":s":{"S":"new"},":l":{"L":[{"S":"w"}]},":set":{"SS":["q","r"]},":pq":{"SS":["p","q"]}}
        """)!.AsObject();

    public static TheoryData<string, string, string> Cases => new()
    {
        { "SET n = n + :one", "n", """{"N":"6"}""" },
        { "SET n = n - :one", "n", """{"N":"4"}""" },
        { "SET fresh = :s", "fresh", """{"S":"new"}""" },
        { "SET fresh = if_not_exists(fresh, :s)", "fresh", """{"S":"new"}""" },
        { "SET n = if_not_exists(n, :one)", "n", """{"N":"5"}""" },
        { "SET l = list_append(l, :l)", "l", """{"L":[{"S":"x"},{"S":"y"},{"S":"z"},{"S":"w"}]}""" },
        { "SET l = list_append(:l, l)", "l", """{"L":[{"S":"w"},{"S":"x"},{"S":"y"},{"S":"z"}]}""" },
        { "SET m.b = :s", "m", """{"M":{"a":{"S":"1"},"b":{"S":"new"}}}""" },
        { "SET l[1] = :s", "l", """{"L":[{"S":"x"},{"S":"new"},{"S":"z"}]}""" },
        { "REMOVE l[0], l[2]", "l", """{"L":[{"S":"y"}]}""" },
        { "ADD n :one", "n", """{"N":"6"}""" },
        { "ADD ss :set", "ss", """{"SS":["p","q","r"]}""" },
        { "DELETE ss :set", "ss", """{"SS":["p"]}""" },
        { "SET prevN = n, n = :one", "prevN", """{"N":"5"}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applies_to_the_item(string expression, string attribute, string expectedJson)
    {
        var updated = Apply(expression);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), updated[attribute]), updated[attribute]?.ToJsonString());
    }

    [Theory]
    [InlineData("REMOVE gone")]
    [InlineData("DELETE ss :pq")]
    [InlineData("SET fresh = :s REMOVE gone")]
    public void Removes_attributes(string expression)
    {
        var updated = Apply(expression);
        Assert.False(updated.ContainsKey(expression.Contains("gone", StringComparison.Ordinal) ? "gone" : "ss"));
    }

    [Theory]
    [InlineData("SET n = :s + :one")]
    [InlineData("SET n = notThere + :one")]
    [InlineData("SET l = list_append(n, :l)")]
    [InlineData("SET n = :one, n = :one")]
    [InlineData("SET n = :one SET m = :s")]
    [InlineData("SET n")]
    [InlineData("UPSERT n = :one")]
    [InlineData("SET n = size(l)")]
    public void Rejects_invalid_updates(string expression)
    {
        var error = Assert.Throws<KeyValueTableException>(() => Apply(expression));
        Assert.Equal(KeyValueErrorCode.Validation, error.Code);
    }

    private static JsonObject Apply(string expression)
    {
        var update = UpdateExpressionParser.Parse(expression, new ExpressionScope(new ExpressionAttributes(Values: Values)));
        return update.Apply(JsonNode.Parse(Before)!.AsObject());
    }
}
