using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Steps;

namespace MedZen.Workflow.Runtime;

/// <summary>The body the park states send: <c>{sessionId, appointmentId, providerId, reason, notBefore?, executionName}</c> (ids only; no clinical text).</summary>
public sealed record ParkedMessage(string SessionId, string? AppointmentId, string? ProviderId, string? Reason, string? ExecutionName, DateTimeOffset? NotBefore)
{
    /// <returns>The parked visit, or null when the body is not one (not JSON, or no <c>sessionId</c>).</returns>
    public static ParkedMessage? TryRead(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject o || Text(o, "sessionId") is not { Length: > 0 } sessionId)
            {
                return null;
            }

            DateTimeOffset? notBefore = Text(o, "notBefore") is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
            return new ParkedMessage(sessionId, Text(o, "appointmentId"), Text(o, "providerId"), Text(o, "reason"), Text(o, "executionName"), notBefore);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The restart this message asks for: one after the run that parked it (<c>soap-&lt;session&gt;-r&lt;n&gt;</c>).</summary>
    public int NextAttempt => (SoapNoteExecutionNames.AttemptOf(SessionId, ExecutionName) ?? 0) + 1;

    /// <summary>The input of restart <paramref name="attempt"/>: the finalize input plus <c>retry {attempt, reason, previousExecution}</c>.</summary>
    public JsonObject RestartInput(int attempt) => new SoapNoteInput
    {
        SessionId = SessionId,
        AppointmentId = AppointmentId,
        ProviderId = ProviderId,
        Retry = new RestartReason(attempt, Reason, ExecutionName),
    }.ToJson();

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

/// <summary>What to do with one retry-queue message; <see cref="RetryPolicy.Decide"/> makes it.</summary>
public abstract record RetryDecision
{
    private RetryDecision()
    {
    }

    /// <summary>Not a parked visit: dead-letter it.</summary>
    public sealed record NotAParkedVisit : RetryDecision;

    /// <summary>Received before its <c>notBefore</c> (an over-budget visit): hide it again for <paramref name="For"/>.</summary>
    public sealed record Defer(TimeSpan For) : RetryDecision;

    /// <summary>Due: start restart <paramref name="Attempt"/>, unless <paramref name="Exhausted"/> (past the limit: dead-letter it and mark the session).</summary>
    public sealed record Due(ParkedMessage Visit, int Attempt, bool Exhausted) : RetryDecision
    {
        public string ExecutionName => SoapNoteExecutionNames.ForAttempt(Visit.SessionId, Attempt);

        public JsonObject Input => Visit.RestartInput(Attempt);
    }
}

/// <summary>
/// The retry queue's rules, shared by the embedded <see cref="RetryQueueWorker"/> and the AWS retry-queue Lambda:
/// a message before its <c>notBefore</c> waits (SQS cannot delay longer than 15 minutes, so the consumer hides it
/// again, at most <see cref="MaxVisibility"/> at a time); a due one starts the next <c>-r&lt;n&gt;</c> attempt; after
/// <c>maxRestartAttempts</c> restarts the next park is dead-lettered and its session marked failed.
/// </summary>
public static class RetryPolicy
{
    /// <summary>SQS's longest visibility timeout.</summary>
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);

    /// <summary>Why a dead-lettered visit's session is <c>soap_failed</c> (its <c>failedReason</c>).</summary>
    public const string RetriesExhausted = "RetriesExhausted";

    public static RetryDecision Decide(string body, DateTimeOffset now, int maxRestartAttempts)
    {
        if (ParkedMessage.TryRead(body) is not { } parked)
        {
            return new RetryDecision.NotAParkedVisit();
        }

        if (parked.NotBefore is { } notBefore && notBefore > now)
        {
            var wait = notBefore - now;
            return new RetryDecision.Defer(wait < MaxVisibility ? wait : MaxVisibility);
        }

        var attempt = parked.NextAttempt;
        return new RetryDecision.Due(parked, attempt, attempt > maxRestartAttempts);
    }

    /// <summary>
    /// Marks a dead-lettered visit's session (sessions table, key <c>sessionId</c>): status <c>soap_failed</c>,
    /// <c>failedReason</c> RetriesExhausted, <c>updatedAt</c>. Only an existing row is updated.
    /// </summary>
    public static UpdateItemRequest MarkSessionDeadLettered(string sessionsTable, string sessionId, DateTimeOffset now) =>
        SessionsTable.MarkFailed(sessionsTable, sessionId, SessionStatuses.SoapFailed, RetriesExhausted, now);
}
