using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Text;

namespace MedZen.States.Tests.Text;

/// <summary>The per-run serializer gives exactly what a full serialization gives, however the engine changed the value.</summary>
public sealed class OutputSerializerTests
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Full(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    [Fact]
    public void Reused_member_text_matches_a_full_serialization_after_each_kind_of_change()
    {
        var serializer = new OutputSerializer();
        var root = JsonNode.Parse("""{"id":"v-1","nested":{"a":[1,2.50,{"b":null}]},"quote\"key":"é <tag> \u2028","n":1}""")!.AsObject();
        Assert.Equal(Full(root), serializer.Serialize(root));

        root["last"] = new JsonObject { ["step"] = 1 };                      // a member added
        Assert.Equal(Full(root), serializer.Serialize(root));

        root["last"] = new JsonObject { ["step"] = 2 };                      // a member replaced
        Assert.Equal(Full(root), serializer.Serialize(root));

        root["nested"]!["a"]!.AsArray().Add(3);                              // a subtree changed in place, and reported
        serializer.Changed(root, "nested");
        Assert.Equal(Full(root), serializer.Serialize(root));

        root.Remove("id");                                                   // a member removed
        Assert.Equal(Full(root), serializer.Serialize(root));

        var other = root.DeepClone();                                        // another root: serialized in full
        other["n"] = 2;
        Assert.Equal(Full(other), serializer.Serialize(other));
        Assert.Equal("[1,\"x\"]", serializer.Serialize(new JsonArray(1, "x")));
        Assert.Equal("null", serializer.Serialize(null));
        Assert.Equal(Full(root), serializer.Serialize(root));
    }

    [Fact]
    public void A_change_reported_for_another_root_does_not_drop_this_roots_text()
    {
        var serializer = new OutputSerializer();
        var root = new JsonObject { ["a"] = new JsonObject { ["x"] = 1 } };
        serializer.Serialize(root);
        serializer.Changed(new JsonObject(), "a");
        Assert.Equal("""{"a":{"x":1}}""", serializer.Serialize(root));
    }
}
