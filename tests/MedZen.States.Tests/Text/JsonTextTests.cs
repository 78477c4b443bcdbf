using System.Text.Json.Nodes;
using MedZen.States.Text;

namespace MedZen.States.Tests.Text;

/// <summary>The engine's own JSON writer gives exactly System.Text.Json's text, for parsed data and for values built in code.</summary>
public sealed class JsonTextTests
{
    public static TheoryData<string> Texts => new(
        """{"a":1,"b":[true,false,null],"c":{"d":"e"}}""",
        """{"esc":"\u0041\n\t\"q\" \\ \/ <b> & ' + `","del":"\u007f","ctl":"\u0001\u001f","sep":"\u2028\u2029"}""",
        """{"uni":"é 漢字 😀 \ud83d\ude00","bom":"\ufeff","zw":"a\u200bb","nbsp":"\u00a0","lone":"x"}""",
        """{"numbers":[0,-0,1.50,1e20,1E-7,-12.000,123456789012345678901234567890,0.1]}""",
        """{"n\u00e4me":1,"quote\"d":2,"back\\slash":3,"":4,"ctl\u0002":5}""",
        """[[],{},[{}],"",[null]]""",
        "\"top-level string\"",
        "42",
        "null");

    [Theory]
    [MemberData(nameof(Texts))]
    public void Parsed_data_reads_as_System_Text_Json_writes_it(string text)
    {
        var node = JsonNode.Parse(text);
        Assert.Equal(Json.SerializeWithSystemTextJson(node), JsonText.Write(node));
        // The same data after a deep copy (values no longer backed by the parsed document).
        Assert.Equal(Json.SerializeWithSystemTextJson(node?.DeepClone()), JsonText.Write(node?.DeepClone()));
    }

    [Fact]
    public void Values_built_in_code_read_as_System_Text_Json_writes_them()
    {
        var built = new JsonObject
        {
            ["int"] = int.MinValue,
            ["long"] = long.MaxValue,
            ["negative"] = -7,
            ["double"] = 0.1 + 0.2,
            ["large"] = 1e300,
            ["small"] = 5e-324,
            ["whole double"] = 3.0,
            ["decimal"] = 1.10m,
            ["float"] = 1.1f,
            ["short"] = (short)-3,
            ["bool"] = true,
            ["char string"] = "tab\there",
            ["emoji"] = "😀",
            ["guid-like"] = Guid.Empty.ToString(),
            ["nested"] = new JsonArray(1, "two", null, new JsonObject { ["é"] = "ü" }),
            ["date"] = JsonValue.Create(new DateTime(2026, 11, 25, 1, 2, 3, DateTimeKind.Utc)),
        };
        Assert.Equal(Json.SerializeWithSystemTextJson(built), JsonText.Write(built));
    }

    [Fact]
    public void Every_corpus_input_and_output_reads_as_System_Text_Json_writes_it()
    {
        var cases = Path.Combine(SharedData.Folder(), "conformance", "asl", "cases.jsonl");
        var dialogues = Path.Combine(SharedData.Folder(), "data", "aci-bench", "valid.jsonl");
        if (!File.Exists(cases) || !File.Exists(dialogues))
        {
            MedZen.Testing.SharedData.Missing(File.Exists(cases) ? dialogues : cases);
        }

        var compared = 0;
        foreach (var line in File.ReadLines(cases).Concat(File.ReadLines(dialogues).Take(50)))
        {
            var node = JsonNode.Parse(line);
            Assert.Equal(Json.SerializeWithSystemTextJson(node), JsonText.Write(node));
            Assert.Equal(Json.SerializeWithSystemTextJson(node?.DeepClone()), JsonText.Write(node?.DeepClone()));
            compared++;
        }
        Assert.True(compared > 500, $"only {compared} documents compared");
    }
}
