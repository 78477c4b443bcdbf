using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Errors;
using MedZen.Scribe.Transcripts;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Ports;
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

    public async Task<VisitCreated> CreateAsync(VisitRequest request, CancellationToken cancellationToken) =>
        (await CreateAsync(request, null, cancellationToken)).Visit;

    /// <summary>
    /// Registers the visit in one clinical transaction, then in the sessions table. Under an idempotency key a repeat of
    /// the request answers the first visit (and completes its sessions-table entry if a crash cut it short).
    /// </summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was used for a different request.</exception>
    public async Task<IntakeResult> CreateAsync(VisitRequest request, IdempotencyKey? idempotencyKey, CancellationToken cancellationToken)
    {
        // Parse first: a transcript we cannot read must not leave a half-registered visit behind.
        var transcript = request.Transcript is null ? null : TranscriptReader.Read(request.Transcript);
        var requestHash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
        if (idempotencyKey is not null &&
            await clinical.GetIdempotencyRecordAsync(idempotencyKey.Scope, idempotencyKey.Key, cancellationToken) is { } earlier)
        {
            return new IntakeResult(await ReplayAsync(earlier, requestHash, request, cancellationToken), Replayed: true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var providerId = request.ProviderId ?? NewId("prov");
        var patientId = request.PatientId ?? NewId("pat");
        var appointmentId = NewId("apt");
        var sessionId = NewId("sess");
        var userId = NewId("usr");
        var created = new VisitCreated(sessionId, appointmentId, providerId, patientId, transcript?.Segments.Count ?? 0);
        var registration = new VisitRegistration(
            new UserRecord
            {
                Id = userId,
                Email = request.ProviderEmail ?? $"{providerId}@clinic.invalid",
                FullName = request.ProviderName,
                FcmToken = request.ProviderFcmToken,
            },
            new ProviderRecord { Id = providerId, UserId = userId, FullName = request.ProviderName, Specialty = request.ProviderSpecialty },
            new PatientRecord { Id = patientId, FullName = request.PatientName, DateOfBirth = request.PatientDateOfBirth, Sex = request.PatientSex },
            new AppointmentRecord
            {
                Id = appointmentId,
                PatientId = patientId,
                ProviderId = providerId,
                ScheduledAt = now,
                Status = "completed",
                Reason = request.Reason,
            },
            new VideoCallSessionRecord
            {
                Id = sessionId,
                AppointmentId = appointmentId,
                ProviderId = providerId,
                PatientId = patientId,
                Status = "ended",
                TranscriptionEnabled = request.TranscriptionEnabled,
                StartedAt = now,
                EndedAt = now,
            },
            transcript is null ? null : ToRecord(sessionId, transcript));
        var record = idempotencyKey is null ? null : new IdempotencyRecord
        {
            Scope = idempotencyKey.Scope,
            Key = idempotencyKey.Key,
            RequestHash = requestHash,
            ResponseJson = JsonSerializer.Serialize(created),
        };
        if (await clinical.RegisterVisitAsync(registration, record, cancellationToken) is { } concurrent)
        {
            return new IntakeResult(await ReplayAsync(concurrent, requestHash, request, cancellationToken), Replayed: true);
        }

        await PutSessionItemAsync(created, request.TranscriptionEnabled, now, cancellationToken);
        return new IntakeResult(created, Replayed: false);
    }

    private async Task<VisitCreated> ReplayAsync(IdempotencyRecord earlier, string requestHash, VisitRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(earlier.RequestHash, requestHash, StringComparison.Ordinal))
        {
            throw new IdempotencyKeyReusedException();
        }

        var created = JsonSerializer.Deserialize<VisitCreated>(earlier.ResponseJson)!;
        var session = await clinical.GetSessionAsync(created.SessionId, cancellationToken);
        await PutSessionItemAsync(created, request.TranscriptionEnabled, session?.StartedAt ?? earlier.CreatedAt, cancellationToken);
        return created;
    }

    // Same item every time for a visit, so writing it again after a crash changes nothing else.
    private Task PutSessionItemAsync(VisitCreated visit, bool transcriptionEnabled, DateTime createdAt, CancellationToken cancellationToken) =>
        tables.PutItemAsync(new PutItemRequest(sessionsTableName, SessionsTable.EndedCall(
            visit.SessionId, visit.AppointmentId, visit.ProviderId, visit.PatientId, transcriptionEnabled, createdAt)), cancellationToken);

    /// <summary>Attaches (or replaces) a session's transcript, in any format MedZen.Scribe reads.</summary>
    /// <exception cref="NoteConflictException">The session's note is signed (<see cref="NoteConflictReason.AlreadySigned"/>): its evidence is this transcript.</exception>
    /// <summary>
    /// Stores <paramref name="content"/> as the session's next transcript version; earlier versions, and the notes written
    /// from them, stay as they are. Refused (<see cref="NoteConflictReason.AlreadySigned"/>) once the session's note is signed.
    /// </summary>
    public async Task<AttachedTranscript> AttachTranscriptAsync(string sessionId, string content, CancellationToken cancellationToken)
    {
        var transcript = TranscriptReader.Read(content);
        _ = await clinical.GetSessionAsync(sessionId, cancellationToken)
            ?? throw new KeyNotFoundException("The session does not exist.");
        // A signed note is final: no newer transcript is taken for its visit (its own version would not change either way).
        if (await clinical.GetNoteBySessionAsync(sessionId, cancellationToken) is { Status: SoapNoteStatus.Signed } signed)
        {
            throw new NoteConflictException(NoteConflictReason.AlreadySigned, signed.Id);
        }

        var stored = await clinical.SaveTranscriptAsync(ToRecord(sessionId, transcript), cancellationToken);
        return new AttachedTranscript(stored.Id, stored.Version, transcript.Segments.Count);
    }

    private static TranscriptRecord ToRecord(string sessionId, Transcript transcript) =>
        new TranscriptRecord
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
        };

    private static string NewId(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
}

/// <summary>The transcript version a replace stored: its id, its number (1 for the first) and its segment count.</summary>
public sealed record AttachedTranscript(string TranscriptId, int Version, int SegmentCount);

/// <summary>The visit, and whether it was registered by an earlier request under the same idempotency key.</summary>
public sealed record IntakeResult(VisitCreated Visit, bool Replayed);

/// <summary>An <c>Idempotency-Key</c> and the scope it belongs to (endpoint and caller).</summary>
public sealed record IdempotencyKey(string Scope, string Key);

/// <summary>An idempotency key was presented again with a different request.</summary>
public sealed class IdempotencyKeyReusedException()
    : NamedErrorException("IdempotencyKeyReused", "This Idempotency-Key was already used for a different request; send a new one.",
        ErrorCategory.Unprocessable);
