using System.Globalization;
using System.Text.Json.Nodes;
using MedZen.States.Definition;
using MedZen.States.History;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>
/// Where a top-level run starts: the beginning, or — rebuilt from persisted history after a crash or for a redrive —
/// the last top-level state that entered but did not exit, with its input, variables, Wait due time and Retry counters.
/// </summary>
internal sealed record ResumePoint(string StateName, JsonNode? Input, IReadOnlyDictionary<string, JsonNode?> Variables)
{
    /// <summary>True when the state must write a fresh Entered event (start, redrive, or after an Exited).</summary>
    public bool ReEnter { get; init; } = true;
    public long EnteredEventId { get; init; }
    public DateTimeOffset EnteredAt { get; init; }
    /// <summary>A Wait's due time as its Entered event recorded it.</summary>
    public WaitDueNote? WaitDue { get; init; }
    public int[]? RetrierCounts { get; init; }
    public int RetryCount { get; init; }
    public DateTimeOffset? RetryDueAt { get; init; }
    public DateTimeOffset RetryScheduledAt { get; init; }

    /// <summary>The last top-level state exited with no next state: only the terminal event is missing.</summary>
    public bool Finished { get; init; }

    /// <summary>The execution's input as compact text, when known (a fresh start): the first Entered event reuses it.</summary>
    public string? InputText { get; init; }

    public static ResumePoint Start(StateMachineDefinition definition, JsonNode? input, string? inputText = null) =>
        new(definition.Graph.StartAt, input, new Dictionary<string, JsonNode?>()) { InputText = inputText };

    public static ResumePoint FromHistory(StateMachineDefinition definition, JsonNode? executionInput, IReadOnlyList<HistoryEvent> events, bool redrive)
    {
        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        HistoryEvent? lastEntered = null;
        HistoryEvent? lastExited = null;
        var topLevel = events.Where(e => e.Scope.Length == 0).ToList();
        foreach (var e in topLevel)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                lastEntered = e;
                lastExited = null;
            }
            else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                lastExited = e;
                if (Details(e)?["assignedVariables"] is JsonObject assigned)
                {
                    foreach (var (k, v) in assigned)
                    {
                        variables[k] = Json.Parse(v?.GetValue<string>());
                    }
                }
            }
        }
        if (lastEntered is null)
        {
            return Start(definition, executionInput) with { Variables = variables };
        }

        if (lastExited is not null)
        {
            var output = Json.Parse(Details(lastExited)?["output"]?.GetValue<string>());
            var next = lastExited.Engine?["next"]?.GetValue<string>();
            return next is null
                ? new ResumePoint("", output, variables) { Finished = true }
                : new ResumePoint(next, output, variables);
        }
        var enteredDetails = Details(lastEntered)!;
        var name = enteredDetails["name"]!.GetValue<string>();
        var input = Json.Parse(enteredDetails["input"]?.GetValue<string>());
        if (redrive)
        {
            return definition.Graph.States.TryGetValue(name, out var state) && state is FailState && CaughtFailure(topLevel) is { } caught
                ? caught
                : new ResumePoint(name, input, variables);
        }

        var point = new ResumePoint(name, input, variables)
        {
            ReEnter = false,
            EnteredEventId = lastEntered.Id,
            EnteredAt = lastEntered.Timestamp,
            WaitDue = lastEntered.Engine?["dueAt"] is JsonValue dueText
                && DateTimeOffset.TryParse(dueText.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var due) ? new WaitDueNote(due) : null,
        };
        var retry = topLevel.LastOrDefault(e => e.Id > lastEntered.Id && e.Type == HistoryEventTypes.EngineRetryScheduled);
        if (retry?.Engine is { } meta)
        {
            point = point with
            {
                RetrierCounts = meta["counts"]!.AsArray().Select(c => c!.GetValue<int>()).ToArray(),
                RetryCount = meta["retryCount"]!.GetValue<int>(),
                RetryDueAt = DateTimeOffset.Parse(meta["retryAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                RetryScheduledAt = DateTimeOffset.Parse(meta["scheduledAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            };
        }
        return point;
    }

    private static readonly HashSet<string> StateFailures = new(StringComparer.Ordinal)
    {
        HistoryEventTypes.TaskFailed, HistoryEventTypes.TaskTimedOut, HistoryEventTypes.MapStateFailed, HistoryEventTypes.ParallelStateFailed,
    };

    /// <summary>
    /// The execution ended in a Fail state reached through a Catch: a redrive starts again at the last top-level state
    /// whose error was caught (with the input and variables it had on entry), as AWS redrives from the unsuccessful
    /// step, instead of re-entering the Fail state and failing again. Null when no failure was caught.
    /// </summary>
    private static ResumePoint? CaughtFailure(List<HistoryEvent> topLevel)
    {
        HistoryEvent? failedEntered = null;
        HistoryEvent? entered = null;
        foreach (var e in topLevel)
        {
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                entered = e;
            }
            else if (entered is not null && StateFailures.Contains(e.Type))
            {
                failedEntered = entered;
            }
        }
        if (failedEntered is null)
        {
            return null;
        }

        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var e in topLevel.Where(e => e.Id < failedEntered.Id && e.Type.EndsWith("StateExited", StringComparison.Ordinal)))
        {
            if (Details(e)?["assignedVariables"] is JsonObject assigned)
            {
                foreach (var (k, v) in assigned)
                {
                    variables[k] = Json.Parse(v?.GetValue<string>());
                }
            }
        }
        var details = Details(failedEntered)!;
        return new ResumePoint(details["name"]!.GetValue<string>(), Json.Parse(details["input"]?.GetValue<string>()), variables);
    }

    private static JsonObject? Details(HistoryEvent e) => e.Details?.Select(kv => kv.Value).OfType<JsonObject>().FirstOrDefault();
}
