using System.CommandLine;
using System.Text.Json;
using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Intake;

namespace MedZen.Server.Commands;

internal static class VisitsCommands
{
    public static Command Create()
    {
        var transcript = new Option<FileInfo>("--transcript") { Description = "Transcript file in any format MedZen reads.", Required = true };
        var provider = new Option<string?>("--provider") { Description = "Provider id (created when new)." };
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
                Console.Error.WriteLine($"error FileNotFound: {file.FullName} does not exist; check the path.");
                return 2;
            }

            await using var workflow = await CommandOptions.StartWorkflowAsync(parse.GetValue(data), ct);
            try
            {
                var created = await VisitIntake.Create(workflow.Services).CreateAsync(new VisitRequest
                {
                    ProviderId = parse.GetValue(provider),
                    TranscriptionEnabled = !parse.GetValue(disabled),
                    Transcript = await File.ReadAllTextAsync(file.FullName, ct),
                }, ct);
                Console.WriteLine(JsonSerializer.Serialize(
                    new { created.SessionId, created.AppointmentId, created.ProviderId, created.PatientId, created.SegmentCount }, JsonSerializerOptions.Web));
                return 0;
            }
            catch (TranscriptFormatException e)
            {
                Console.Error.WriteLine($"error {e.ErrorName}: {e.Message}");
                return 2;
            }
        });

        return new Command("visits", "Register visits (intake for clinics without Supabase).") { add };
    }
}
