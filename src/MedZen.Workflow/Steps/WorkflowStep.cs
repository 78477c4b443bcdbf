using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MedZen.Workflow.Integrations;

namespace MedZen.Workflow.Steps;

/// <summary>
/// A step with a typed payload: the execution data (<see cref="JsonNode"/>, what the engine's <c>lambda:invoke</c> and the
/// Lambda runtime hand over) becomes <typeparamref name="TInput"/> here, at the boundary, and <typeparamref name="TOutput"/>
/// becomes JSON again on the way out, both through <see cref="StepJsonContext"/>. A payload that is not the input record
/// (not an object, a required member missing, null or an empty string, a member of the wrong type) fails with
/// <see cref="StepErrorNames.InvalidStepInput"/>, naming the member, never its value.
/// </summary>
public abstract class WorkflowStep<TInput, TOutput>(JsonTypeInfo<TInput> inputType, JsonTypeInfo<TOutput> outputType) : IWorkflowStep
    where TInput : class
{
    public abstract string FunctionName { get; }

    public async ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken)
    {
        var result = await ExecuteAsync(Read(input), context, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.SerializeToNode(result, outputType);
    }

    /// <summary>The step itself, from its typed input to its typed output; failures are <see cref="WorkflowStepException"/>s.</summary>
    protected abstract ValueTask<TOutput> ExecuteAsync(TInput input, StepContext context, CancellationToken cancellationToken);

    internal TInput Read(JsonNode? node)
    {
        if (node is not JsonObject payload)
        {
            throw Invalid($"The {FunctionName} payload must be a JSON object.");
        }

        foreach (var member in inputType.Properties)
        {
            if (member.IsRequired && payload[member.Name] is null)
            {
                throw Invalid($"The field '{member.Name}' is required.");
            }
        }

        TInput value;
        try
        {
            value = payload.Deserialize(inputType) ?? throw Invalid($"The {FunctionName} payload must be a JSON object.");
        }
        catch (JsonException error)
        {
            // The path names the member (e.g. $.visit.patientAge); the serializer's messages never quote the value.
            var field = error.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            throw new WorkflowStepException(StepErrorNames.InvalidStepInput,
                field is null ? $"The {FunctionName} payload does not have the expected shape." : $"The field '{field}' does not have the expected type.", error);
        }

        foreach (var member in inputType.Properties)
        {
            if (member.IsRequired && member.Get?.Invoke(value) is string { Length: 0 })
            {
                throw Invalid($"The field '{member.Name}' is required and must be a non-empty string.");
            }
        }

        return value;
    }

    /// <summary>An optional string member: empty counts as absent.</summary>
    protected static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static WorkflowStepException Invalid(string message) => new(StepErrorNames.InvalidStepInput, message);
}
