using MedZen.States.Errors;

namespace MedZen.States.JSONata;

/// <summary>
/// A JSONata expression failed (States.QueryEvaluationError). AWS names the field in its cause
/// ("specified for the field 'Output/result'"), which only the caller knows, so the caller builds the final
/// text with <see cref="CauseForField"/> and prefixes the state part itself.
/// </summary>
internal sealed class JsonataEvaluationException : StatesException
{
    private JsonataEvaluationException(string expression, JsonataFailure failure, string? detail, string cause)
        : base(StatesErrorNames.QueryEvaluationError, cause)
    {
        Expression = expression;
        Failure = failure;
        Detail = detail;
    }

    public string Expression { get; }

    public JsonataFailure Failure { get; }

    /// <summary>jsonata's own error, e.g. <c>T1006: Attempted to invoke a non-function</c>; null when it returned nothing usable.</summary>
    public string? Detail { get; }

    public static JsonataEvaluationException Threw(string expression, string detail) =>
        new(expression, JsonataFailure.Threw, detail, Describe(expression, null, JsonataFailure.Threw, detail));

    public static JsonataEvaluationException ReturnedUndefined(string expression) =>
        new(expression, JsonataFailure.ReturnedUndefined, null, Describe(expression, null, JsonataFailure.ReturnedUndefined, null));

    public static JsonataEvaluationException ReturnedUnsupported(string expression) =>
        new(expression, JsonataFailure.ReturnedUnsupportedType, null, Describe(expression, null, JsonataFailure.ReturnedUnsupportedType, null));

    /// <summary>
    /// For callers that need a particular type (Map's Items needs an array): AWS's
    /// "returned an unexpected result type. Expected 'array', but was 'boolean' for value: true".
    /// </summary>
    public static JsonataEvaluationException UnexpectedResultType(string expression, string expectedType, System.Text.Json.Nodes.JsonNode? value)
    {
        var detail = $"Expected '{expectedType}', but was '{Intrinsics.IntrinsicValues.TypeName(value)}' for value: {Intrinsics.IntrinsicValues.ToJson(value)}";
        return new(expression, JsonataFailure.ReturnedUnexpectedType, detail, Describe(expression, null, JsonataFailure.ReturnedUnexpectedType, detail));
    }

    /// <summary>AWS's wording with the field named, e.g. field <c>Output/FunctionResult</c>.</summary>
    public string CauseForField(string field) => Describe(Expression, field, Failure, Detail);

    private static string Describe(string expression, string? field, JsonataFailure failure, string? detail)
    {
        var subject = field is null
            ? $"The JSONata expression '{expression}'"
            : $"The JSONata expression '{expression}' specified for the field '{field}'";
        return failure switch
        {
            JsonataFailure.Threw => $"{subject} threw an error during evaluation. {detail}",
            JsonataFailure.ReturnedUndefined => $"{subject} returned nothing (undefined).",
            JsonataFailure.ReturnedUnexpectedType => $"{subject} returned an unexpected result type. {detail}",
            _ => $"{subject} returned an unsupported result type.",
        };
    }
}

internal enum JsonataFailure
{
    Threw,
    ReturnedUndefined,
    ReturnedUnsupportedType,
    ReturnedUnexpectedType,
}
