using System.Text.Json.Nodes;
using CsCheck;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Tests.Support;

namespace MedZen.Scribe.Tests.Parsing;

/// <summary>Whatever the model sends back, the parser either returns a note or throws <see cref="NoteParseException"/>.</summary>
public sealed class NoteReplyParserPropertyTests
{
    private static void ParsesOrNamesTheError(string reply)
    {
        try
        {
            var note = NoteReplyParser.Parse(reply, Samples.KneeVisit);
            Assert.NotEmpty(note.AllStatements);
            Assert.All(note.AllStatements.SelectMany(s => s.Evidence), id => Assert.NotNull(Samples.KneeVisit.Find(id)));
        }
        catch (NoteParseException)
        {
        }
    }

    private static bool TryParse(string reply)
    {
        try
        {
            NoteReplyParser.Parse(reply, Samples.KneeVisit);
            return true;
        }
        catch (NoteParseException)
        {
            return false;
        }
    }

    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char.AlphaNumeric),
        (4, Gen.OneOf('{', '}', '[', ']', '"', ',', ':', '\\', ' ', '\n', '#', '*', '-', '/', '\'', '`')),
        (1, Gen.Char));

    [Fact]
    public void Random_strings()
    {
        Gen.String[AnyChar, 0, 400].Sample(ParsesOrNamesTheError, iter: 3000);
    }

    [Fact]
    public void Random_mutations_of_a_valid_reply()
    {
        var valid = Samples.ValidReply;
        var mutation = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, 3], Gen.Int[1, 40], AnyChar);
        var parsed = 0;
        mutation.Array[1, 6]
            .Select(mutations =>
            {
                var text = valid;
                foreach (var (at, kind, length, c) in mutations)
                {
                    var i = Math.Min(at, text.Length - 1);
                    text = kind switch
                    {
                        0 => text.Remove(i, Math.Min(length, text.Length - i)),
                        1 => text.Insert(i, new string(c, length % 4 + 1)),
                        2 => text[..i] + c + text[(i + 1)..],
                        _ => text[..Math.Max(i, 1)],
                    };
                    if (text.Length == 0)
                    {
                        text = "{";
                    }
                }

                return text;
            })
            .Sample(text =>
            {
                ParsesOrNamesTheError(text);
                if (TryParse(text))
                {
                    Interlocked.Increment(ref parsed);
                }
            }, iter: 3000);

        // Small slips must mostly be survivable, or the lenient path is not being exercised.
        Assert.True(parsed > 150, $"only {parsed} of 3000 mutated replies parsed");
    }

    [Fact]
    public void Random_json()
    {
        var leaf = Gen.OneOf(
            Gen.String[AnyChar, 0, 20].Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const((JsonNode?)null),
            Gen.OneOf("s1", "s2", "s9", "").Select(s => (JsonNode?)new JsonArray(JsonValue.Create(s))));
        var keys = Gen.OneOf("subjective", "objective", "problems", "patientInstructions", "chiefComplaint", "physicalExam",
            "text", "evidence", "name", "icd10Code", "assessment", "plan", "other");
        Gen<JsonNode?> Node(int depth) => depth == 0
            ? leaf
            : Gen.Frequency(
                (2, leaf),
                (2, Gen.Select(keys, Node(depth - 1)).Array[0, 5].Select(pairs =>
                {
                    var obj = new JsonObject();
                    foreach (var (key, value) in pairs)
                    {
                        obj[key] = value?.DeepClone();
                    }

                    return (JsonNode?)obj;
                })),
                (1, Node(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()))));
        Node(5).Sample(node => ParsesOrNamesTheError(node?.ToJsonString() ?? "null"), iter: 3000);
    }

    [Fact]
    public void Random_response_envelopes()
    {
        Gen.Select(Gen.OneOf("end_turn", "max_tokens", "refusal", "stop_sequence", "tool_use", ""), Gen.String[AnyChar, 0, 200], Gen.Bool)
            .Sample((stop, text, asBlock) =>
            {
                var response = new JsonObject
                {
                    ["stop_reason"] = stop,
                    ["content"] = asBlock ? new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) : new JsonArray(JsonValue.Create(text)),
                };
                try
                {
                    NoteReplyParser.Parse(response, Samples.KneeVisit);
                }
                catch (NoteParseException)
                {
                }
            }, iter: 1000);
    }
}
