using System.CommandLine;
using System.Text.Json.Nodes;
using MedZen.Scribe.Models;
using MedZen.Scribe.Prompting;
using MedZen.Server.Commands;

namespace MedZen.Server.Tests.Commands;

public sealed class NoteCommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("medzen-note-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Stands in for a model: reads the transcript block back from the request (the real prompt contract) and
    /// answers with a one-statement note citing each patient turn.
    /// </summary>
    private sealed class EchoModelClient : IModelClient
    {
        public string ModelId => "echo";

        public JsonObject? LastRequest { get; private set; }

        public Task<JsonObject> InvokeAsync(JsonObject messagesRequest, CancellationToken cancellationToken)
        {
            LastRequest = messagesRequest;
            var user = messagesRequest["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>();
            var patientTurns = TranscriptBlock.Parse(user).Where(s => s.Role == Scribe.Transcripts.SpeakerRole.Patient).ToList();
            var hpi = new JsonArray(patientTurns.Select(t => (JsonNode)new JsonObject
            {
                ["text"] = "The patient spoke.",
                ["evidence"] = new JsonArray(JsonValue.Create(t.Id)),
            }).ToArray());
            var reply = new JsonObject
            {
                ["subjective"] = new JsonObject { ["historyOfPresentIllness"] = hpi },
                ["objective"] = new JsonObject(),
                ["problems"] = new JsonArray(),
                ["patientInstructions"] = new JsonArray(),
            };
            return Task.FromResult(new JsonObject
            {
                ["type"] = "message",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = reply.ToJsonString() }),
                ["stop_reason"] = "end_turn",
            });
        }
    }

    private async Task<(int Exit, string Out, string Err)> Run(IModelClient client, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { NoteCommands.Create(() => client, stdout, stderr) };
        var exit = await root.Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Generates_markdown_from_tagged_text()
    {
        var file = Write("visit.txt", "[doctor] how are you ?\n[patient] my knee hurts .");
        var (exit, output, _) = await Run(new EchoModelClient(), "note", "generate", file);
        Assert.Equal(0, exit);
        Assert.Contains("## Subjective", output, StringComparison.Ordinal);
        // The echo model's sentence is not what the patient said: the faithfulness checker flags it, and it stays visible.
        Assert.Contains("- ⚠ The patient spoke.", output, StringComparison.Ordinal);
        Assert.Contains("_(unsupported: ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "\"historyOfPresentIllness\"")]
    [InlineData("fhir", "\"resourceType\": \"Bundle\"")]
    [InlineData("markdown", "# History and Physical")]
    public async Task Writes_each_format_from_json_transcripts(string format, string expected)
    {
        var file = Write("visit.json", """[{"id":"a1","speaker":"doctor","text":"Hello."},{"id":"a2","speaker":"patient","text":"Cough."}]""");
        var (exit, output, err) = await Run(new EchoModelClient(), "note", "generate", file, "--format", format, "--template", "hp");
        Assert.True(exit == 0, err);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fails_clearly_on_a_missing_empty_or_noteless_transcript()
    {
        var (exit, _, err) = await Run(new EchoModelClient(), "note", "generate", Path.Combine(_directory, "missing.txt"));
        Assert.Equal((2, true), (exit, err.Contains("TranscriptNotFound", StringComparison.Ordinal)));

        (exit, _, err) = await Run(new EchoModelClient(), "note", "generate", Write("empty.txt", "  "));
        // An unreadable transcript is an input error (exit 2); a model reply with no note is a failure (exit 1).
        Assert.Equal((2, true), (exit, err.Contains("TranscriptEmpty", StringComparison.Ordinal)));

        (exit, _, err) = await Run(new EchoModelClient(), "note", "generate", Write("doctor-only.txt", "[doctor] hello"));
        Assert.Equal((1, true), (exit, err.Contains("EmptyNote", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rejects_unknown_formats_and_templates()
    {
        var file = Write("visit.txt", "[doctor] hi\n[patient] hello");
        Assert.NotEqual(0, (await Run(new EchoModelClient(), "note", "generate", file, "--format", "pdf")).Exit);
        Assert.NotEqual(0, (await Run(new EchoModelClient(), "note", "generate", file, "--template", "dap")).Exit);
    }
}
