using System.CommandLine;
using MedZen.Scribe.Checking;
using MedZen.Scribe.Models;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Parsing;
using MedZen.Scribe.Prompting;
using MedZen.Scribe.Rendering;
using MedZen.Scribe.Transcripts;
using MedZen.Server.Hosting;
using MedZen.Workflow.Runtime;

namespace MedZen.Server.Commands;

/// <summary>The model <c>medzen note</c> writes with: <c>MedZen:Model</c> from configuration, the offline writer by default.</summary>
internal static class NoteCommandDefaults
{
    public static IModelClient CreateModelClient() => CreateModelClient(provider: null);

    /// <summary>As <see cref="CreateModelClient()"/>, with <c>MedZen:Model:Provider</c> replaced by <paramref name="provider"/> when given.</summary>
    /// <exception cref="ModelConfigurationException">The options for that provider are unusable.</exception>
    public static IModelClient CreateModelClient(string? provider)
    {
        var configuration = new ConfigurationBuilder();
        configuration.AddMedZenConfiguration();
        var options = configuration.Build().GetSection("MedZen:Model").Get<ModelOptions>() ?? new ModelOptions();
        if (provider is not null)
        {
            options = options with
            {
                Provider = Enum.TryParse<ModelProvider>(provider, ignoreCase: true, out var named)
                    ? named
                    : throw new ModelConfigurationException($"Model provider '{provider}' is not one of offline, anthropic, bedrock, openai."),
            };
        }

        return new ConfiguredModelClient(options, TimeProvider.System);
    }
}

/// <summary><c>medzen note generate FILE [--format markdown|text|fhir|json] [--template soap|apso|hp]</c>.</summary>
internal static class NoteCommands
{
    public static Command Create(
        Func<IModelClient>? modelClientFactory = null,
        TextWriter? output = null,
        TextWriter? error = null)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Transcript: tagged text, AWS Transcribe or HealthScribe JSON, or a JSON array of segments." };
        var format = new Option<string>("--format") { Description = "Output: markdown, text, fhir (R4 Bundle JSON) or json (the note).", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "text", "fhir", "json");
        var template = new Option<string>("--template") { Description = "Layout: soap, apso or hp (history and physical).", DefaultValueFactory = _ => "soap" };
        template.AcceptOnlyFromAmong("soap", "apso", "hp");

        var model = new Option<string?>("--model") { Description = "The model that writes the note (offline, anthropic, bedrock, openai); MedZen:Model:Provider when left out." };
        model.AcceptOnlyFromAmong("offline", "anthropic", "bedrock", "openai");

        var generate = new Command("generate", "Write the clinical note for a transcript with the default model.") { file, format, template, model };
        generate.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = output ?? Console.Out;
            var stderr = error ?? Console.Error;
            IModelClient client;
            try
            {
                client = parseResult.GetValue(model) is { } named
                    ? NoteCommandDefaults.CreateModelClient(named)
                    : (modelClientFactory ?? NoteCommandDefaults.CreateModelClient)();
            }
            catch (ModelConfigurationException e)
            {
                throw new CliException(e.ErrorName, $"model '{parseResult.GetValue(model)}' is not configured: {e.Message}", CliExitCodes.Usage);
            }

            var run = new GenerateRun(
                parseResult.GetValue(file)!,
                parseResult.GetValue(format)!,
                TemplateOf(parseResult.GetValue(template)!),
                client);
            return await run.ExecuteAsync(stdout, stderr, cancellationToken);
        });

        return new Command("note", "Clinical notes from visit transcripts.") { generate, NoteCheckCommand.Create(output, error), NoteCheckCommand.CreateBench(output, error) };
    }

    private static NoteTemplate TemplateOf(string name) => name switch
    {
        "apso" => NoteTemplate.Apso,
        "hp" => NoteTemplate.HistoryAndPhysical,
        _ => NoteTemplate.Soap,
    };

    private sealed class GenerateRun(FileInfo file, string format, NoteTemplate template, IModelClient client)
    {
        public async Task<int> ExecuteAsync(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
        {
            if (!file.Exists)
            {
                await stderr.WriteLineAsync($"error TranscriptNotFound: {file.FullName} does not exist.");
                return 2;
            }

            try
            {
                var transcript = TranscriptReader.Read(await File.ReadAllTextAsync(file.FullName, cancellationToken));
                var visit = new VisitContext();
                var request = SoapPromptBuilder.Build(transcript, visit, new PromptOptions { Template = template });
                var response = await client.InvokeAsync(request, cancellationToken);
                // "Supported" is the faithfulness checker's verdict, not merely "the cited turn exists".
                var note = FaithfulnessChecker.Default.Apply(NoteReplyParser.Parse(response, transcript) with { Template = template, Visit = visit }, transcript);
                await stdout.WriteAsync(format switch
                {
                    "json" => NoteJson.Serialize(note, indented: true) + "\n",
                    "fhir" => FhirNoteRenderer.RenderJson(note) + "\n",
                    "text" => AciBenchTextRenderer.Render(note),
                    _ => MarkdownNoteRenderer.Render(note),
                });
                return 0;
            }
            catch (TranscriptFormatException ex)
            {
                await stderr.WriteLineAsync($"error {ex.ErrorName}: {ex.Message}");
                return 2;
            }
            catch (ModelInvocationException ex)
            {
                await stderr.WriteLineAsync($"error {ex.ErrorName}: {ex.Message}");
                return 1;
            }
            catch (NoteParseException ex)
            {
                await stderr.WriteLineAsync($"error {ex.ErrorName}: {ex.Message}");
                return 1;
            }
        }
    }
}
