using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Stores.Clinical;
using MedZen.Workflow.Stores.Configuration;
using MedZen.Workflow.Stores.KeyValue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Intake;

/// <summary>What a clinic without Supabase sends to register a finished visit.</summary>
public sealed record VisitRequest
{
    public string? PatientId { get; init; }
    public string PatientName { get; init; } = "Demo Patient";
    public string? PatientDateOfBirth { get; init; }
    public string? PatientSex { get; init; }
    public string? ProviderId { get; init; }
    public string ProviderName { get; init; } = "Demo Provider";
    public string? ProviderSpecialty { get; init; }
    public string? ProviderEmail { get; init; }
    public string? ProviderFcmToken { get; init; }
    public string? Reason { get; init; }
    public bool TranscriptionEnabled { get; init; } = true;

    /// <summary>The transcript in any format MedZen.Scribe reads; null to attach it later.</summary>
    public string? Transcript { get; init; }
}

public sealed record VisitCreated(string SessionId, string AppointmentId, string ProviderId, string PatientId, int SegmentCount);

/// <summary>
/// Registers a visit: patient, provider, appointment, video-call session (clinical database and the
/// sessions table the workflow validates against) and, optionally, its transcript.
/// </summary>
public sealed class VisitIntake(IClinicalStore clinical, IKeyValueTables tables, string sessionsTableName, TimeProvider time)
{
    /// <summary>Intake over the stores registered by <c>AddMedZenWorkflow</c>.</summary>
    public static VisitIntake Create(IServiceProvider services) => new(
        services.GetRequiredService<IClinicalStore>(),
        services.GetRequiredService<IKeyValueTables>(),
        services.GetRequiredService<IOptions<StoreOptions>>().Value.SessionsTableName,
        services.GetRequiredService<TimeProvider>());

    public async Task<VisitCreated> CreateAsync(VisitRequest request, CancellationToken cancellationToken)
    {
        // Parse first: a transcript we cannot read must not leave a half-registered visit behind.
        var transcript = request.Transcript is null ? null : TranscriptReader.Read(request.Transcript);
        var now = time.GetUtcNow().UtcDateTime;
        var providerId = request.ProviderId ?? NewId("prov");
        var patientId = request.PatientId ?? NewId("pat");
        var appointmentId = NewId("apt");
        var sessionId = NewId("sess");

        var provider = await clinical.GetProviderAsync(providerId, cancellationToken);
        if (provider is null)
        {
            var userId = NewId("usr");
            await clinical.UpsertUserAsync(new UserRecord
            {
                Id = userId,
                Email = request.ProviderEmail ?? $"{providerId}@clinic.invalid",
                FullName = request.ProviderName,
                FcmToken = request.ProviderFcmToken,
            }, cancellationToken);
            await clinical.UpsertProviderAsync(new ProviderRecord
            {
                Id = providerId, UserId = userId, FullName = request.ProviderName, Specialty = request.ProviderSpecialty,
            }, cancellationToken);
        }

        if (await clinical.GetPatientAsync(patientId, cancellationToken) is null)
        {
            await clinical.UpsertPatientAsync(new PatientRecord
            {
                Id = patientId, FullName = request.PatientName, DateOfBirth = request.PatientDateOfBirth, Sex = request.PatientSex,
            }, cancellationToken);
        }

        await clinical.UpsertAppointmentAsync(new AppointmentRecord
        {
            Id = appointmentId, PatientId = patientId, ProviderId = providerId, ScheduledAt = now, Status = "completed", Reason = request.Reason,
        }, cancellationToken);
        await clinical.UpsertSessionAsync(new VideoCallSessionRecord
        {
            Id = sessionId, AppointmentId = appointmentId, ProviderId = providerId, PatientId = patientId,
            Status = "ended", TranscriptionEnabled = request.TranscriptionEnabled, StartedAt = now, EndedAt = now,
        }, cancellationToken);

        if (transcript is not null)
        {
            await AttachAsync(sessionId, transcript, cancellationToken);
        }

        await tables.PutItemAsync(new PutItemRequest(sessionsTableName, new JsonObject
        {
            ["sessionId"] = new JsonObject { ["S"] = sessionId },
            ["appointmentId"] = new JsonObject { ["S"] = appointmentId },
            ["providerId"] = new JsonObject { ["S"] = providerId },
            ["patientId"] = new JsonObject { ["S"] = patientId },
            ["transcriptionEnabled"] = new JsonObject { ["BOOL"] = request.TranscriptionEnabled },
            ["status"] = new JsonObject { ["S"] = "ended" },
            ["createdAt"] = new JsonObject { ["S"] = now.ToString("O") },
        }), cancellationToken);

        return new VisitCreated(sessionId, appointmentId, providerId, patientId, transcript?.Segments.Count ?? 0);
    }

    /// <summary>Attaches (or replaces) a session's transcript, in any format MedZen.Scribe reads.</summary>
    /// <exception cref="NoteConflictException">The session's note is signed (<see cref="NoteConflictReason.AlreadySigned"/>): its evidence is this transcript.</exception>
    public async Task<int> AttachTranscriptAsync(string sessionId, string content, CancellationToken cancellationToken)
    {
        var transcript = TranscriptReader.Read(content);
        _ = await clinical.GetSessionAsync(sessionId, cancellationToken)
            ?? throw new KeyNotFoundException("The session does not exist.");
        // A signed note cites this transcript's segments as its evidence: replacing them would change what was signed.
        if (await clinical.GetNoteBySessionAsync(sessionId, cancellationToken) is { Status: SoapNoteStatus.Signed } signed)
        {
            throw new NoteConflictException(NoteConflictReason.AlreadySigned, signed.Id);
        }

        await AttachAsync(sessionId, transcript, cancellationToken);
        return transcript.Segments.Count;
    }

    private Task AttachAsync(string sessionId, Transcript transcript, CancellationToken cancellationToken) =>
        clinical.SaveTranscriptAsync(new TranscriptRecord
        {
            Id = $"tr-{sessionId}",
            SessionId = sessionId,
            Language = "en",
            Segments = transcript.Segments.Select((s, i) => new TranscriptSegmentRecord
            {
                Sequence = i,
                SegmentId = s.Id,
                Speaker = s.Role.ToString().ToLowerInvariant(),
                StartMs = (long)(s.Start?.TotalMilliseconds ?? 0),
                EndMs = (long)(s.End?.TotalMilliseconds ?? 0),
                Text = s.Text,
            }).ToList(),
        }, cancellationToken);

    private static string NewId(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
}
