using System.Text.Json.Nodes;

namespace MedZen.Aws.Lambda;

/// <summary>
/// One workflow step behind a Lambda function: JSON in, JSON out, named errors out.
/// The same step class runs in-process under the embedded engine; here it runs behind the Runtime API loop.
/// A failure is an exception; its ASL error name is read by <see cref="LambdaErrorClassifier"/>.
/// </summary>
public interface ILambdaStep
{
    ValueTask<JsonNode?> InvokeAsync(JsonNode? input, CancellationToken cancellationToken);
}

/// <summary>Adapts a delegate to <see cref="ILambdaStep"/>, so a step class's method can be registered directly.</summary>
public sealed class DelegateLambdaStep(Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>> step) : ILambdaStep
{
    public ValueTask<JsonNode?> InvokeAsync(JsonNode? input, CancellationToken cancellationToken) =>
        step(input, cancellationToken);
}
