using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedZen.Workflow.Runtime;

/// <summary>
/// The same runtime as the server's, without a web host: for CLI commands (<c>medzen demo</c>, <c>medzen queue …</c>).
/// Disposing it stops the engine (open executions resume on the next start) and closes the stores.
/// The retry worker does not run by itself here; call <see cref="RetryWorker"/> (e.g. <c>DrainAsync</c>).
/// </summary>
public sealed class StandaloneWorkflow : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private StandaloneWorkflow(ServiceProvider provider)
    {
        this._provider = provider;
        Runtime = provider.GetRequiredService<WorkflowRuntime>();
        RetryWorker = provider.GetRequiredService<RetryQueueWorker>();
    }

    public IServiceProvider Services => _provider;

    public WorkflowRuntime Runtime { get; }

    public RetryQueueWorker RetryWorker { get; }

    /// <param name="configureServices">Runs after <c>AddMedZenWorkflow</c>; a registration here replaces the default (a model client, a TimeProvider, logging).</param>
    public static async Task<StandaloneWorkflow> StartAsync(
        IConfiguration configuration, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        services.AddMedZenWorkflow(configuration);
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var workflow = new StandaloneWorkflow(provider);
        try
        {
            await workflow.Runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return workflow;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
