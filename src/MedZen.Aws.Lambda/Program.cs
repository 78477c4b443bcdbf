using MedZen.Aws.Lambda;
using MedZen.Aws.Lambda.Host;
using Microsoft.Extensions.Logging;

// Lambda logs whatever the process writes; keep it to one line per event, without bodies (PHI).
using var loggerFactory = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = false; }));
// Lives as long as the process: ProcessExit (SIGTERM) may fire after Main has returned.
var stop = new CancellationTokenSource();
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };

var registry = RetryQueueConsumerHost.Register(WorkflowSteps.Register(new LambdaStepRegistry()), loggerFactory.CreateLogger("MedZen.RetryQueue"));
var options = new LambdaRuntimeOptions
{
    // X-Ray's SDKs read the trace header from here, as on Lambda's managed runtimes.
    OnInvocationStarted = invocation => Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId),
};
return await LambdaBootstrap.RunAsync(
    Environment.GetEnvironmentVariable, registry, http, TimeProvider.System, options, loggerFactory.CreateLogger("MedZen.Lambda"), stop.Token);
