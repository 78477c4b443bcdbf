using System.Text.Json.Nodes;
using MedZen.States.Paths;

namespace MedZen.States.Tests.Paths;

public sealed class JsonPathTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"a":{"b":[{"x":1,"n":"p"},{"x":2,"n":"q"},{"x":3}]},"weird key":5,"arr":[10,20,30,40],"q'k":7}
        """)!;

    [Theory]
    [InlineData("$", null)]
    [InlineData("$.a.b[0].x", "1")]
    [InlineData("$.a.b[-1].x", "3")]
    [InlineData("$['weird key']", "5")]
    [InlineData("$.arr.length()", "4")]
    [InlineData("$['q\\'k']", "7")]
    [InlineData("$.a.b[*].x", "[1,2,3]")]
    [InlineData("$.arr[1:3]", "[20,30]")]
    [InlineData("$.arr[:1]", "[10]")]
    [InlineData("$.arr[-2:]", "[30,40]")]
    [InlineData("$.arr[0,2]", "[10,30]")]
    [InlineData("$..x", "[1,2,3]")]
    [InlineData("$.a.b[?(@.x > 1)].x", "[2,3]")]
    [InlineData("$.a.b[?(@.n == 'q')].x", "[2]")]
    [InlineData("$.a.b[?(@.n)].x", "[1,2]")]
    [InlineData("$.missing[*]", "[]")]
    public void Evaluates(string path, string? expected)
    {
        Assert.True(JsonPath.Parse(path).TryEvaluate(Doc, out var value));
        if (expected is null)
        {
            Assert.True(JsonNode.DeepEquals(Doc, value));
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), value), $"{path} gave {value?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData("$.nope")]
    [InlineData("$.a.b[7]")]
    [InlineData("$.arr.x")]
    public void Definite_path_to_nothing_is_not_found(string path) => Assert.False(JsonPath.Parse(path).TryEvaluate(Doc, out _));

    [Theory]
    [InlineData("a.b")]
    [InlineData("$.a[")]
    [InlineData("$.a[x]")]
    [InlineData("$..")]
    public void Malformed_paths_are_rejected(string path) => Assert.False(JsonPath.TryParse(path, out _));

    [Fact]
    public void Normalized_form_matches_jayway() => Assert.Equal("$['a']['b'][0]", JsonPath.Parse("$.a.b[0]").Normalized);
}
