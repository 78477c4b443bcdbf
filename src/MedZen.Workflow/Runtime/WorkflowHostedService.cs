using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Runtime;

/// <summary>
/// Starts the runtime with the host (a bad configuration stops start-up) and runs the retry-queue worker in the
/// background when <see cref="WorkflowOptions.RetryWorkerEnabled"/>.
/// </summary>
internal sealed class WorkflowHostedService(WorkflowRuntime runtime, RetryQueueWorker worker, IOptions<WorkflowOptions> options) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RetryWorkerEnabled ? worker.RunAsync(stoppingToken) : Task.CompletedTask;
}
