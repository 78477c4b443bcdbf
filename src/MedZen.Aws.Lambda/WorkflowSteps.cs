using MedZen.Aws.Lambda;
using MedZen.Workflow.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Aws.Lambda.Host;

/// <summary>
/// Plugs the workflow's six step classes — the same ones the embedded engine runs behind <c>lambda:invoke</c> — into
/// the Lambda runtime, keyed by handler name (<c>medzen-fetch-transcript</c> runs as handler <c>fetch-transcript</c>).
/// Stores and model come from the function's environment (<c>MedZen__…</c> variables, the seed's variables), exactly as
/// <c>medzen serve</c> reads them, with the real back ends (MedZen.Backends: PostgreSQL, DynamoDB, SQS, FCM, webhook) where
/// configured.
/// </summary>
internal static class WorkflowSteps
{
    private const string FunctionPrefix = "medzen-";

    public static LambdaStepRegistry Register(LambdaStepRegistry registry)
    {
        // Built on the first invocation, so a bad store setting is reported as that invocation's error, not a crash at init.
        var steps = new Lazy<IReadOnlyDictionary<string, IWorkflowStep>>(BuildSteps);
        foreach (var handler in LambdaHandlerNames.All)
        {
            registry.Add(handler, (payload, ct) =>
            {
                var step = steps.Value[FunctionPrefix + handler];
                return step.RunAsync(payload, LambdaContext(step.FunctionName, handler, payload), ct);
            });
        }

        return registry;
    }

    private static IReadOnlyDictionary<string, IWorkflowStep> BuildSteps() =>
        Services(new ConfigurationBuilder().AddEnvironmentVariables().Build()).BuildServiceProvider()
            .GetServices<IWorkflowStep>().ToDictionary(s => s.FunctionName, StringComparer.Ordinal);

    /// <summary>The steps and the real back ends configuration asks for; a function runs one step, so never the engine.</summary>
    internal static IServiceCollection Services(IConfiguration configuration) =>
        new ServiceCollection().AddMedZenSteps(configuration).AddMedZenBackends(configuration);

    // On Lambda the execution's identity arrives in the payload (the definition passes $$.Execution.Name as idempotencyKey).
    private static StepContext LambdaContext(string functionName, string handler, System.Text.Json.Nodes.JsonNode? payload)
    {
        var key = payload?["idempotencyKey"]?.GetValue<string>() ?? "";
        return new StepContext(functionName, key, key, handler, Attempt: 0, RequestId: Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "");
    }
}
