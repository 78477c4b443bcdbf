using System.Text.Json.Nodes;

namespace MedZen.Aws.Lambda;

/// <summary>Steps keyed by handler name (<c>_HANDLER</c>). The lead plugs the workflow's step classes in here.</summary>
public sealed class LambdaStepRegistry
{
    private readonly Dictionary<string, ILambdaStep> _steps = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> HandlerNames => _steps.Keys;

    public LambdaStepRegistry Add(string handlerName, ILambdaStep step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handlerName);
        ArgumentNullException.ThrowIfNull(step);
        if (!_steps.TryAdd(handlerName, step))
        {
            throw new ArgumentException($"A step is already registered for handler '{handlerName}'.", nameof(handlerName));
        }

        return this;
    }

    public LambdaStepRegistry Add(string handlerName, Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>> step) =>
        Add(handlerName, new DelegateLambdaStep(step));

    public bool TryGet(string handlerName, out ILambdaStep step) => _steps.TryGetValue(handlerName, out step!);
}
