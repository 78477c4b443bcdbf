using MedZen.Aws.Lambda;
using Microsoft.Extensions.Logging;

namespace MedZen.Aws.Lambda.Host;

/// <summary>
/// Registers the retry queue's consumer (handler <c>retry-queue-consumer</c>). It needs no engine and no stores
/// beyond the sessions table: SQS, DynamoDB and the Step Functions client, built on the first invocation from the
/// function's environment.
/// </summary>
internal static class RetryQueueConsumerHost
{
    public static LambdaStepRegistry Register(LambdaStepRegistry registry, ILogger logger)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var consumer = new Lazy<RetryQueueConsumer>(() =>
            RetryQueueConsumerFactory.Create(Environment.GetEnvironmentVariable, http, TimeProvider.System, logger));
        return registry.Add(LambdaHandlerNames.RetryQueueConsumer, (payload, ct) => consumer.Value.InvokeAsync(payload, ct));
    }
}
