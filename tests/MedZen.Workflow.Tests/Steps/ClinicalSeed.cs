using MedZen.Workflow.Ports;

namespace MedZen.Workflow.Tests.Steps;

/// <summary>One finished visit in the clinical store: user, provider, patient, appointment, session and transcript.</summary>
internal static class ClinicalSeed
{
    public static readonly string[] Dialogue =
    [
        "clinician|Good morning, what brings you in today?",
        "patient|I have had a headache for three days, mostly behind my eyes.",
        "clinician|Have you had any fever or nausea?",
        "patient|No fever, but I feel some nausea in the mornings.",
        "clinician|Are you taking any medication for it?",
        "patient|I take ibuprofen 400 mg twice a day and it helps a little.",
        "clinician|Do you have any allergies to medications?",
        "patient|I am allergic to penicillin.",
        "clinician|Your blood pressure today is 128 over 82 and your temperature is normal.",
        "clinician|This looks like a tension headache.",
        "clinician|I recommend rest, plenty of fluids and to continue ibuprofen as needed.",
        "clinician|Please come back if the headache gets worse or you develop a fever.",
    ];

    public static async Task<VideoCallSessionRecord> VisitAsync(
        IClinicalStore store, string sessionId, CancellationToken ct, IReadOnlyList<string>? dialogue = null,
        bool transcriptionEnabled = true, bool withTranscript = true, DateTime? endedAt = null, string status = "ended")
    {
        await store.UpsertUserAsync(new UserRecord { Id = "user-dr-1", Email = "dr@example.test", FullName = "Dr Ada Byron", FcmToken = "token-1" }, ct);
        await store.UpsertProviderAsync(new ProviderRecord { Id = "prov-1", UserId = "user-dr-1", FullName = "Dr Ada Byron", Specialty = "Family medicine" }, ct);
        await store.UpsertPatientAsync(new PatientRecord { Id = "pat-1", FullName = "Jane Roe", DateOfBirth = "1980-05-20", Sex = "female" }, ct);
        await store.UpsertAppointmentAsync(new AppointmentRecord
        {
            Id = "apt-" + sessionId,
            PatientId = "pat-1",
            ProviderId = "prov-1",
            ScheduledAt = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc),
            Status = "completed",
            Reason = "Headache",
        }, ct);
        var session = new VideoCallSessionRecord
        {
            Id = sessionId,
            AppointmentId = "apt-" + sessionId,
            ProviderId = "prov-1",
            PatientId = "pat-1",
            Status = status,
            TranscriptionEnabled = transcriptionEnabled,
            StartedAt = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc),
            EndedAt = endedAt ?? new DateTime(2026, 11, 25, 9, 20, 0, DateTimeKind.Utc),
        };
        await store.UpsertSessionAsync(session, ct);
        if (withTranscript)
        {
            await store.SaveTranscriptAsync(Transcript(sessionId, dialogue ?? Dialogue), ct);
        }

        return session;
    }

    public static TranscriptRecord Transcript(string sessionId, IReadOnlyList<string> dialogue) => new()
    {
        Id = "tr-" + sessionId,
        SessionId = sessionId,
        Language = "en-US",
        Segments = [.. dialogue.Select((line, i) =>
        {
            var parts = line.Split('|', 2);
            return new TranscriptSegmentRecord
            {
                Sequence = i, SegmentId = $"seg-{i + 1}", Speaker = parts[0], StartMs = i * 5000L, EndMs = (i * 5000L) + 4500, Text = parts[1],
            };
        })],
    };
}
