using System.Diagnostics.Metrics;
using System.Globalization;
using MedZen.Scribe.Costs;
using MedZen.Scribe.Models;
using MedZen.States.Execution;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Diagnostics;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Runtime;
using MedZen.Workflow.Steps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the SOAP-note workflow: <see cref="AddMedZenSteps"/> for a host that runs the steps one at a time (a Lambda
/// function), <see cref="AddMedZenWorkflow"/> for one that also runs the embedded engine (see <see cref="WorkflowOptions"/>
/// for the configuration tree).
/// </summary>
public static class MedZenWorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The stores (<c>AddMedZenStores</c>), the model client, the metrics on meter <c>MedZen.Workflow</c> and the six
    /// steps: what a step needs and nothing of the engine. Services registered before this call win (e.g. a test's
    /// IModelClient or TimeProvider).
    /// </summary>
    public static IServiceCollection AddMedZenSteps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddMedZenStores(configuration);
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection("MedZen:Model"))
            .Validate(o => o.Validate().Count == 0, "MedZen:Model is invalid (see ModelOptions.Validate).").ValidateOnStart();
        services.AddOptions<StoreOptions>().PostConfigure(o =>
        {
            if (string.IsNullOrEmpty(configuration[$"{StoreOptions.Section}:DataFolder"]) && configuration["MedZen:Data"] is { Length: > 0 } data)
            {
                o.DataFolder = data;
            }
        });
        services.AddOptions<BudgetOptions>().PostConfigure(o =>
        {
            if (configuration["MedZen:Budget:DailyLimitUsd"] is { Length: > 0 } text)
            {
                o.DailyTranscriptionBudgetUsd = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var limit) && limit >= 0
                    ? limit
                    : throw new OptionsValidationException(nameof(BudgetOptions), typeof(BudgetOptions), ["MedZen:Budget:DailyLimitUsd must be a non-negative number of US dollars."]);
            }
        });

        services.TryAddSingleton(sp => new WorkflowMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<IModelClient>(sp =>
            new ConfiguredModelClient(sp.GetRequiredService<IOptions<ModelOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(_ => new PriceTable());
        services.TryAddSingleton(sp =>
        {
            var workflow = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;
            return new WorkflowStepOptions
            {
                DefaultModelId = sp.GetRequiredService<IModelClient>().ModelId,
                TranscriptGracePeriod = workflow.TranscriptGracePeriod,
            };
        });

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, FetchTranscriptStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, EnrichMetadataStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, GenerateSoapNoteStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, ParseModelResponseStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, UpdateClinicalRecordStep>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowStep, SendNotificationStep>());
        return services;
    }

    /// <summary>
    /// <see cref="AddMedZenSteps"/>, plus the embedded engine: its options, the task handlers that put the steps and the
    /// stores behind the definition's resources, <see cref="WorkflowRuntime"/>, <see cref="RetryQueueWorker"/>, and a
    /// hosted service that starts the runtime with the host and runs the worker.
    /// </summary>
    public static IServiceCollection AddMedZenWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Before the TryAdd below, which would register the unmetered handler: every model call (the configured client
        // or one a host or test registers as IModelClient) is timed and its throttles counted.
        services.TryAddSingleton(sp => new BedrockInvokeModelHandler(new MeteredModelClient(
            sp.GetRequiredService<IModelClient>(), sp.GetRequiredService<WorkflowMetrics>(), sp.GetRequiredService<TimeProvider>())));
        services.AddMedZenSteps(configuration);
        services.AddOptions<StatesEngineOptions>().Bind(configuration.GetSection("MedZen:Engine")).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<LambdaInvokeHandler>();
        services.TryAddSingleton<DynamoDbHandler>();
        services.TryAddSingleton<SqsSendMessageHandler>();
        services.TryAddSingleton<BedrockInvokeModelHandler>();
        services.TryAddSingleton<LocalTaskHandlers>();

        services.TryAddSingleton<WorkflowRuntime>();
        services.TryAddSingleton<RetryQueueWorker>();
        services.AddHostedService<WorkflowHostedService>();
        return services;
    }
}
