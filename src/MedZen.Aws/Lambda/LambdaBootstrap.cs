using Microsoft.Extensions.Logging;

namespace MedZen.Aws.Lambda;

/// <summary>
/// Starts the custom runtime as Lambda's <c>provided.al2023</c> runtime starts <c>bootstrap</c>: reads
/// <c>AWS_LAMBDA_RUNTIME_API</c> and <c>_HANDLER</c>, picks the step, reports an init error if it cannot, then runs the loop.
/// </summary>
public static class LambdaBootstrap
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string HandlerVariable = "_HANDLER";

    /// <returns>The process exit code: 0 after a requested stop, 1 when initialisation failed.</returns>
    public static async Task<int> RunAsync(
        Func<string, string?> environment,
        LambdaStepRegistry registry,
        HttpClient http,
        TimeProvider time,
        LambdaRuntimeOptions? options,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(logger);
        var runtimeApi = environment(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(runtimeApi))
        {
            // Nowhere to report an init error to: this is not running inside Lambda.
            logger.LogError("{Variable} is not set; this program runs as a Lambda custom runtime.", RuntimeApiVariable);
            return 1;
        }

        var api = new LambdaRuntimeApiClient(http, runtimeApi);
        var handler = environment(HandlerVariable);
        if (string.IsNullOrWhiteSpace(handler) || !registry.TryGet(handler, out var step))
        {
            var known = string.Join(", ", registry.HandlerNames.Order(StringComparer.Ordinal));
            var error = new LambdaErrorReport(
                $"{HandlerVariable} '{handler}' names no registered step. Registered: [{known}].",
                LambdaRuntimeErrorTypes.HandlerNotFound);
            logger.LogError("Init failed: {ErrorType}: {ErrorMessage}", error.ErrorType, error.ErrorMessage);
            await api.ReportInitErrorAsync(error, cancellationToken).ConfigureAwait(false);
            return 1;
        }

        var loop = new LambdaRuntimeLoop(api, step, time, options, logger);
        try
        {
            await loop.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return 0;
    }
}
