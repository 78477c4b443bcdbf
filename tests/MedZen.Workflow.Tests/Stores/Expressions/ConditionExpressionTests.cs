using System.Text.Json.Nodes;
using MedZen.Workflow.Local.KeyValue.Expressions;
using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Tests.Stores.Expressions;

public sealed class ConditionExpressionTests
{
    private static readonly JsonObject Item = JsonNode.Parse("""
        {
          "sessionId": {"S": "sess-1"},
          "status": {"S": "active"},
          "attempts": {"N": "3"},
          "enabled": {"BOOL": true},
          "tags": {"SS": ["a", "b"]},
          "turns": {"L": [{"S": "hello"}, {"N": "2"}]},
          "meta": {"M": {"homeRegion": {"S": "us-east-1"}, "treeDepth": {"N": "10"}}}
        }
        """)!.AsObject();

    private static readonly JsonObject Values = JsonNode.Parse("""
        {
          ":active": {"S": "active"}, ":three": {"N": "3.0"}, ":two": {"N": "2"}, ":ten": {"N": "10"},
          ":act": {"S": "act"}, ":a": {"S": "a"}, ":true": {"BOOL": true}, ":us": {"S": "us-east-1"},
          ":hello": {"S": "hello"}, ":typeN": {"S": "N"}, ":z": {"S": "z"}
        }
        """)!.AsObject();

    private static readonly Dictionary<string, string> Names = new() { ["#s"] = "status", ["#m"] = "meta" };

    public static TheoryData<string, bool> Cases => new()
    {
        { "attribute_exists(sessionId)", true },
        { "attribute_not_exists(sessionId)", false },
        { "attribute_not_exists(soapNoteId)", true },
        { "#s = :active", true },
        { "#s <> :active", false },
        { "attempts = :three", true },
        { "attempts > :two", true },
        { "attempts >= :three", true },
        { "attempts < :three", false },
        { "attempts <= :two", false },
        { "attempts BETWEEN :two AND :ten", true },
        { "attempts IN (:two, :ten)", false },
        { "#s IN (:z, :active)", true },
        { "begins_with(#s, :act)", true },
        { "begins_with(#s, :z)", false },
        { "contains(tags, :a)", true },
        { "contains(turns, :hello)", true },
        { "enabled = :true", true },
        { "#m.homeRegion = :us", true },
        { "#m.treeDepth > :three", true },
        { "turns[0] = :hello", true },
        { "turns[5] = :hello", false },
        { "size(tags) = :two", true },
        { "attribute_type(attempts, :typeN)", true },
        { "#s = :three", false },
        { "notThere = :three", false },
        { "notThere <> :three", true },
        { "NOT #s = :active", false },
        { "NOT (#s = :z OR attempts < :two)", true },
        { "#s = :z OR attempts = :three AND enabled = :true", true },
        { "(#s = :z OR attempts = :three) AND enabled = :true", true },
        { "attribute_exists(sessionId) AND NOT attribute_exists(soapNoteId)", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluates_against_the_item(string expression, bool expected)
    {
        var condition = ConditionExpressionParser.Parse(expression, new ExpressionScope(new ExpressionAttributes(Names, Values)));
        Assert.Equal(expected, condition.Evaluate(Item));
    }

    [Theory]
    [InlineData("#s =")]
    [InlineData("attribute_exists(#s")]
    [InlineData("#s = :active AND")]
    [InlineData("unknown_function(#s)")]
    [InlineData("status = :active")]
    [InlineData("#undefined = :active")]
    [InlineData("#s = :undefined")]
    [InlineData("#s == :active")]
    [InlineData("#s = :active)")]
    public void Rejects_malformed_expressions_as_validation_errors(string expression)
    {
        var error = Assert.Throws<KeyValueTableException>(() =>
            ConditionExpressionParser.Parse(expression, new ExpressionScope(new ExpressionAttributes(Names, Values))));
        Assert.Equal(KeyValueErrorCode.Validation, error.Code);
    }

    [Fact]
    public void Error_messages_name_placeholders_never_values()
    {
        var error = Assert.Throws<KeyValueTableException>(() => ConditionExpressionParser.Parse("#s = :missing",
            new ExpressionScope(new ExpressionAttributes(Names, new JsonObject { [":secret"] = new JsonObject { ["S"] = "Jane Doe" } }))));
        Assert.Contains(":missing", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", error.Message, StringComparison.Ordinal);
    }
}
