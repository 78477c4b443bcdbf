using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using static MedZen.Scribe.Tests.Models.ModelTestSupport;

namespace MedZen.Scribe.Tests.Models;

public sealed class MessagesRequestReaderTests
{
    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"max_tokens":10}""", "messages must be a non-empty array" },
        { """{"messages":[]}""", "messages must be a non-empty array" },
        { """{"messages":["Marisol Quintero-Vance"]}""", "messages[0] must be an object" },
        { """{"messages":[{"role":"doctor","content":"Marisol Quintero-Vance"}]}""", "messages[0].role" },
        { """{"messages":[{"role":"user"}]}""", "messages[0].content must be a string or a non-empty array" },
        { """{"messages":[{"role":"user","content":[{"text":"Marisol Quintero-Vance"}]}]}""", "messages[0].content[0] must be an object with a type" },
        { """{"messages":[{"role":"user","content":[{"type":"text","text":7}]}]}""", "messages[0].content[0].text" },
        { """{"messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens must be a positive integer" },
        { """{"messages":[{"role":"user","content":"hi"}],"max_tokens":"many"}""", "max_tokens must be a positive integer" },
        { """{"messages":[{"role":"user","content":"hi"}],"temperature":7}""", "temperature" },
        { """{"messages":[{"role":"user","content":"hi"}],"system":{"text":"Marisol Quintero-Vance"}}""", "system must be a string or an array" },
        { """{"messages":[{"role":"user","content":"hi"}],"system":[{"type":"image"}]}""", "system[0] must be a text block" },
        { """{"messages":[{"role":"user","content":"hi"}],"anthropic_version":3}""", "anthropic_version must be a string" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void A_malformed_request_is_a_validation_error_naming_the_field(string json, string expected)
    {
        var failure = Assert.Throws<ModelInvocationException>(
            () => MessagesRequestReader.Read(JsonNode.Parse(json)!.AsObject(), 4096));

        Assert.Equal(ModelErrorNames.Validation, failure.ErrorName);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        AssertNoPhi(failure);
    }

    [Fact]
    public void The_Anthropic_body_drops_the_version_and_names_the_model()
    {
        var request = MessagesRequestReader.Read(SoapRequest(), 4096);

        var body = request.ToAnthropicBody("claude-opus-4-5-20251101");

        Assert.False(body.ContainsKey("anthropic_version"));
        Assert.Equal("claude-opus-4-5-20251101", body["model"].GetString());
        Assert.Equal(2048, body["max_tokens"].GetInt32());
        Assert.Equal(0.2, body["temperature"].GetDouble());
        Assert.Equal("bedrock-2023-05-31", request.AnthropicVersion);
    }

    [Fact]
    public void Text_blocks_join_with_blank_lines()
    {
        var content = JsonNode.Parse("""[{"type":"text","text":"first"},{"type":"text","text":"second"}]""")!;

        Assert.Equal("first\n\nsecond", MessagesRequestReader.TextOf(content, "system", "test"));
    }
}
