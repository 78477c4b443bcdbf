using System.CommandLine;
using System.Diagnostics;
using MedZen.Scribe.Notes;
using MedZen.Scribe.Rendering;
using MedZen.States.History;
using MedZen.Workflow.Intake;
using MedZen.Workflow.Runtime;

namespace MedZen.Server.Commands;

/// <summary>
/// <c>medzen demo</c>: a sample visit (written for this project, no real patient) goes through the whole
/// workflow on the embedded defaults, and the command shows each state walked, the note and the notification.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var data = CommandOptions.Data();
        var command = new Command("demo", "Run a sample visit through the SOAP-note workflow on embedded defaults.") { data };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(data), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? dataOption, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var dataFolder = CommandOptions.DataFolder(CommandOptions.Configuration(dataOption));
        // The demo runs its own engine: on a folder a server owns it would resume that server's executions beside it.
        using var folderLock = Hosting.DataFolderLock.TryAcquire(dataFolder)
            ?? throw new CliException("DataFolderInUse", $"the data folder {dataFolder} is owned by a running medzen serve; run the demo with another --data.");
        Progress("Starting the embedded engine and stores …");
        await using var workflow = await CommandOptions.StartWorkflowAsync(dataOption, ct);

        Progress("Registering a sample visit (cough, follow-up video visit) …");
        var visit = await VisitIntake.Create(workflow.Services).CreateAsync(new VisitRequest
        {
            PatientName = "Alex Sample",
            PatientDateOfBirth = "1978-04-12",
            PatientSex = "female",
            ProviderName = "Dr. Jordan Demo",
            ProviderSpecialty = "Family medicine",
            Reason = "Persistent cough",
            Transcript = SampleVisit(),
        }, ct);
        Progress($"Visit {visit.SessionId}: {visit.SegmentCount} transcript segments.");

        var start = await workflow.Runtime.StartSoapNoteAsync(new FinalizeRequest(visit.SessionId, visit.AppointmentId, visit.ProviderId, true), ct);
        Progress($"Finalized; execution {start.ExecutionArn}");
        var execution = await workflow.Runtime.WaitForCompletionAsync(start.ExecutionArn, ct);

        Console.WriteLine();
        Console.WriteLine($"# Workflow {execution.Status.ToAws()} in {(execution.StopDate - execution.StartDate)?.TotalMilliseconds:0} ms");
        foreach (var line in await StateTimelineAsync(workflow.Runtime, start.ExecutionArn, ct))
        {
            Console.WriteLine(line);
        }

        if (execution.Status != ExecutionStatus.Succeeded)
        {
            Console.Error.WriteLine($"error WorkflowFailed: the sample visit's execution ended {execution.Status.ToAws()} ({execution.Error}: {execution.Cause}); see `medzen executions history {start.ExecutionArn}`.");
            return 1;
        }

        var note = await workflow.Runtime.ClinicalStore.GetNoteBySessionAsync(visit.SessionId, ct);
        if (note is null)
        {
            Console.Error.WriteLine("error NoteNotSaved: the workflow succeeded but no note was saved (was the session parked? see `medzen queue list`).");
            return 1;
        }

        var soap = NoteJson.Deserialize(note.NoteJson);
        var statements = soap.AllStatements.ToList();
        Console.WriteLine();
        Console.WriteLine($"# Note {note.Id} ({note.Status}, model {note.ModelId}): {statements.Count} statements, " +
                          $"{statements.Count(s => s.Evidence.Count > 0)} linked to transcript segments, {statements.Count(s => !s.Supported)} flagged unsupported");
        Console.WriteLine();
        Console.WriteLine(MarkdownNoteRenderer.Render(soap));

        Console.WriteLine("# Notification");
        var provider = await workflow.Runtime.ClinicalStore.GetProviderAsync(visit.ProviderId, ct);
        var notifications = await workflow.Runtime.ClinicalStore.ListNotificationsAsync(provider?.UserId, null, 10, ct);
        foreach (var n in notifications)
        {
            Console.WriteLine($"{n.Channel} to user {n.UserId}: \"{n.Title}\" — {n.Body} [{n.Status}]");
        }

        Console.WriteLine();
        Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s. Data is in {dataFolder}; run `medzen serve` to review it over HTTP.");
        return 0;
    }

    private static async Task<List<string>> StateTimelineAsync(WorkflowRuntime runtime, string executionArn, CancellationToken ct)
    {
        var lines = new List<string>();
        var entered = new Dictionary<string, DateTimeOffset>();
        string? token = null;
        do
        {
            var page = await runtime.States.GetExecutionHistoryAsync(executionArn, 1000, token, false, ct);
            foreach (var e in page.Events.Where(e => e.Scope.Length == 0))
            {
                var aws = e.ToAws();
                var name = aws.StateEnteredEventDetails?.Name ?? aws.StateExitedEventDetails?.Name;
                if (name is null)
                {
                    if (aws.TaskFailedEventDetails is { } failed)
                    {
                        lines.Add($"    ! {failed.Error}");
                    }

                    continue;
                }

                if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
                {
                    entered[name] = e.Timestamp;
                }
                else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal) && entered.Remove(name, out var at))
                {
                    lines.Add($"  {name,-24} {(e.Timestamp - at).TotalMilliseconds,8:0.0} ms");
                }
            }

            token = page.NextToken;
        }
        while (token is not null);
        return lines;
    }

    private static string SampleVisit()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("MedZen.Server.Samples.demo-visit.txt")
            ?? throw new InvalidOperationException("The sample visit is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[demo] {message}");
}
