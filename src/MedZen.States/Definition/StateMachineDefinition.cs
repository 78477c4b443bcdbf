using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace MedZen.States.Definition;

/// <summary>How a state reads and shapes data: JSONPath fields or JSONata expressions.</summary>
internal enum QueryLanguage
{
    JsonPath,
    Jsonata,
}

/// <summary>A parsed, validated state machine definition. Built once by <see cref="DefinitionParser"/>; never mutated.</summary>
internal sealed record StateMachineDefinition(
    StatesGraph Graph,
    QueryLanguage QueryLanguage,
    int? TimeoutSeconds,
    string? Comment,
    string Source);

/// <summary>A set of states with a start state: the top level, a Parallel branch or a Map item processor.</summary>
internal sealed record StatesGraph(string StartAt, FrozenDictionary<string, StateDefinition> States)
{
    public StateDefinition this[string name] => States[name];
}

/// <summary>
/// A JSONPath field that may be absent (defaults to <c>$</c>) or explicitly <c>null</c> (discard).
/// </summary>
internal readonly record struct OptionalPath(bool IsNull, string Path)
{
    public static readonly OptionalPath Root = new(false, "$");
    public static readonly OptionalPath Null = new(true, "");
}

/// <summary>Fields shared by every state type.</summary>
internal abstract record StateDefinition
{
    public required string Name { get; init; }
    public required QueryLanguage QueryLanguage { get; init; }
    public string? Comment { get; init; }
    public string? Next { get; init; }
    public bool End { get; init; }

    // JSONPath IO
    public OptionalPath InputPath { get; init; } = OptionalPath.Root;
    public OptionalPath OutputPath { get; init; } = OptionalPath.Root;
    public OptionalPath ResultPath { get; init; } = OptionalPath.Root;
    public JsonNode? Parameters { get; init; }
    public JsonNode? ResultSelector { get; init; }

    // JSONata IO
    public JsonNode? Arguments { get; init; }
    public JsonNode? Output { get; init; }

    /// <summary>Variables to set when the state completes (JSONPath payload template or JSONata template).</summary>
    public JsonObject? Assign { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];
    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    /// <summary>AWS's history-event prefix for the state type, e.g. <c>Pass</c> for PassStateEntered.</summary>
    public abstract string TypeName { get; }

    /// <summary>The history event types this state writes, e.g. <c>PassStateEntered</c>.</summary>
    public string EnteredEventType => field ??= History.HistoryEventTypes.Entered(TypeName);

    public string ExitedEventType => field ??= History.HistoryEventTypes.Exited(TypeName);
}

internal sealed record PassState : StateDefinition
{
    public JsonNode? Result { get; init; }

    /// <summary><see cref="Result"/> as the JSON text the engine records (set by the parser; computed on use when absent).</summary>
    internal string? ResultText { get; init; }
    public override string TypeName => "Pass";
}

internal sealed record SucceedState : StateDefinition
{
    public override string TypeName => "Succeed";
}

internal sealed record FailState : StateDefinition
{
    public string? Error { get; init; }
    public string? ErrorPath { get; init; }
    public string? Cause { get; init; }
    public string? CausePath { get; init; }
    public override string TypeName => "Fail";
}

internal sealed record WaitState : StateDefinition
{
    /// <summary>A number (JSONPath) or a JSONata string.</summary>
    public JsonNode? Seconds { get; init; }
    public string? SecondsPath { get; init; }
    /// <summary>A timestamp string (JSONPath) or a JSONata string.</summary>
    public string? Timestamp { get; init; }
    public string? TimestampPath { get; init; }
    public override string TypeName => "Wait";
}

internal sealed record TaskState : StateDefinition
{
    public required string Resource { get; init; }
    public JsonNode? TimeoutSeconds { get; init; }
    public string? TimeoutSecondsPath { get; init; }
    public JsonNode? HeartbeatSeconds { get; init; }
    public string? HeartbeatSecondsPath { get; init; }
    public JsonNode? Credentials { get; init; }
    public override string TypeName => "Task";
}

internal sealed record ChoiceState : StateDefinition
{
    public required IReadOnlyList<ChoiceRule> Choices { get; init; }
    public string? Default { get; init; }
    public override string TypeName => "Choice";
}

internal sealed record ParallelState : StateDefinition
{
    public required IReadOnlyList<StatesGraph> Branches { get; init; }
    public override string TypeName => "Parallel";
}

internal sealed record MapState : StateDefinition
{
    public required StatesGraph Processor { get; init; }
    public string? ItemsPath { get; init; }
    /// <summary>JSONata: an array or an expression yielding one.</summary>
    public JsonNode? Items { get; init; }
    /// <summary>ItemSelector, or the legacy Parameters of a Map state.</summary>
    public JsonNode? ItemSelector { get; init; }
    public JsonNode? MaxConcurrency { get; init; }
    public string? MaxConcurrencyPath { get; init; }
    public JsonNode? ToleratedFailureCount { get; init; }
    public string? ToleratedFailureCountPath { get; init; }
    public JsonNode? ToleratedFailurePercentage { get; init; }
    public string? ToleratedFailurePercentagePath { get; init; }
    public JsonObject? ItemBatcher { get; init; }
    public bool Distributed { get; init; }
    public override string TypeName => "Map";
}

/// <summary>One Retry entry. Defaults per the ASL specification.</summary>
internal sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    double IntervalSeconds = 1,
    int MaxAttempts = 3,
    double BackoffRate = 2.0,
    double? MaxDelaySeconds = null,
    JitterStrategy Jitter = JitterStrategy.None);

internal enum JitterStrategy
{
    None,
    Full,
}

internal sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, OptionalPath ResultPath, JsonNode? Output, JsonObject? Assign);

/// <summary>A Choice rule: a top-level rule has Next (and optional Assign/Output); nested rules do not.</summary>
internal abstract record ChoiceCondition;

internal sealed record AndCondition(IReadOnlyList<ChoiceCondition> Conditions) : ChoiceCondition;

internal sealed record OrCondition(IReadOnlyList<ChoiceCondition> Conditions) : ChoiceCondition;

internal sealed record NotCondition(ChoiceCondition Condition) : ChoiceCondition;

/// <summary>A comparison such as <c>StringEquals</c> or <c>NumericLessThanPath</c>, or a type test such as <c>IsNull</c>.</summary>
internal sealed record ComparisonCondition(string Variable, string Operator, JsonNode? Operand, bool OperandIsPath) : ChoiceCondition;

/// <summary>A JSONata <c>Condition</c> expression.</summary>
internal sealed record JsonataCondition(string Expression) : ChoiceCondition;

/// <summary>A JSONata <c>Condition</c> given as a JSON boolean (<c>"Condition": true</c>): it always has that value.</summary>
internal sealed record ConstantCondition(bool Value) : ChoiceCondition;

internal sealed record ChoiceRule(ChoiceCondition Condition, string Next, JsonObject? Assign, JsonNode? Output);
