using System.CommandLine;
using System.Text.Json;
using MedZen.Server.Api;
using MedZen.Workflow.Intake;

namespace MedZen.Server.Commands;

/// <summary>
/// <c>medzen visits add</c>: through the server that owns the data folder (<c>POST /v1/visits</c>), or straight into the
/// stores of a folder nobody owns (the command holds its lock meanwhile).
/// </summary>
internal static class VisitsCommands
{
    public static Command Create()
    {
        var transcript = new Option<FileInfo>("--transcript") { Description = "Transcript file in any format MedZen reads.", Required = true };
        var provider = new Option<string?>("--provider") { Description = "Provider id (created when new)." };
        provider.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !CommandOptions.IsPlainId(result.Tokens[^1].Value))
            {
                result.AddError("--provider must be a non-empty id of at most 128 characters, without spaces at its ends or control characters");
            }
        });
        var disabled = new Option<bool>("--transcription-disabled") { Description = "Register the visit with transcription off." };
        var data = CommandOptions.Data();
        var add = new Command("add", "Register a finished visit with its transcript; prints {sessionId, appointmentId, providerId}.")
        {
            transcript, provider, disabled, data,
        };
        add.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(transcript)!;
            if (!file.Exists)
            {
                throw new CliException("FileNotFound", $"{file.FullName} does not exist; check the path.", CliExitCodes.Usage);
            }

            var request = new VisitRequest
            {
                ProviderId = parse.GetValue(provider),
                TranscriptionEnabled = !parse.GetValue(disabled),
                Transcript = await File.ReadAllTextAsync(file.FullName, ct),
            };
            return await DataFolderAccess.RunAsync(parse, parse.GetValue(data)!,
                async (server, output) =>
                {
                    var created = await server.PostAsync("/v1/visits",
                        JsonSerializer.Serialize(request, OperatorJsonContext.Default.VisitRequest), OperatorJsonContext.Default.VisitCreated, ct);
                    await output.WriteLineAsync(JsonSerializer.Serialize(created, OperatorJsonContext.Default.VisitCreated));
                    return 0;
                },
                async (local, output) =>
                {
                    var intake = VisitIntake.Create(await local.WritableServicesAsync(ct));
                    var created = await intake.CreateAsync(request, ct);
                    await output.WriteLineAsync(JsonSerializer.Serialize(created, OperatorJsonContext.Default.VisitCreated));
                    return 0;
                });
        });

        return new Command("visits", "Register visits (intake for clinics without Supabase).") { add };
    }
}
