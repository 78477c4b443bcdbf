using MedZen.Backends.Notifications;
using MedZen.Backends.Postgres;
using MedZen.States.Execution;
using MedZen.Workflow.Budget;
using MedZen.Workflow.Configuration;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Local.Clinical;
using MedZen.Workflow.Local.KeyValue;
using MedZen.Workflow.Local.Notifications;
using MedZen.Workflow.Local.Queue;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MedZen.Workflow.Tests.Stores;

public sealed class ServiceRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medzen-di-").FullName;

    private ServiceProvider Build(Dictionary<string, string?> settings, bool backends = false)
    {
        settings["MedZen:Stores:DataFolder"] = _folder;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddMedZenStores(configuration);
        if (backends)
        {
            services.AddMedZenBackends(configuration);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
    }

    [Fact]
    public async Task With_no_configuration_everything_is_local_sqlite_and_the_outbox()
    {
        await using var services = Build([]);
        Assert.IsType<SqliteClinicalStore>(services.GetRequiredService<IClinicalStore>());
        Assert.IsType<SqliteKeyValueTables>(services.GetRequiredService<IKeyValueTables>());
        Assert.IsType<SqliteRetryQueue>(services.GetRequiredService<IRetryQueue>());
        Assert.IsType<OutboxNotificationSender>(services.GetRequiredService<INotificationSender>());
        Assert.Equal(50m, services.GetRequiredService<IOptions<BudgetOptions>>().Value.DailyTranscriptionBudgetUsd);

        await services.EnsureMedZenTablesAsync(TestContext.Current.CancellationToken);
        Assert.True(File.Exists(Path.Combine(_folder, "medzen.db")));
    }

    [Fact]
    public async Task The_steps_alone_bring_no_engine_and_the_workflow_adds_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MedZen:Stores:DataFolder"] = _folder }).Build();
        var steps = new ServiceCollection().AddMedZenSteps(configuration);
        await using (var provider = steps.BuildServiceProvider())
        {
            Assert.Equal(6, provider.GetServices<IWorkflowStep>().Count());
        }

        Assert.DoesNotContain(steps, d => d.ServiceType == typeof(WorkflowRuntime) || d.ServiceType == typeof(IHostedService)
            || d.ServiceType == typeof(LocalTaskHandlers) || d.ServiceType == typeof(DynamoDbHandler) || d.ServiceType == typeof(BedrockInvokeModelHandler)
            || d.ServiceType == typeof(RetryQueueWorker) || d.ServiceType == typeof(IConfigureOptions<StatesEngineOptions>));

        var workflow = new ServiceCollection().AddMedZenWorkflow(configuration);
        Assert.Contains(workflow, d => d.ServiceType == typeof(WorkflowRuntime));
        Assert.Contains(workflow, d => d.ServiceType == typeof(IHostedService));
        await using var engine = workflow.BuildServiceProvider();
        Assert.NotNull(engine.GetRequiredService<DynamoDbHandler>());
        Assert.NotNull(engine.GetRequiredService<SqsSendMessageHandler>());
        Assert.NotNull(engine.GetRequiredService<LambdaInvokeHandler>());
        Assert.NotNull(engine.GetRequiredService<LocalTaskHandlers>());
    }

    [Fact]
    public async Task Seed_variables_fill_unset_options_and_explicit_options_win()
    {
        await using var seeded = Build(new() { ["DAILY_TRANSCRIPTION_BUDGET_USD"] = "12.5", ["AWS_REGION"] = "eu-central-1", ["FCM_PROJECT_ID"] = "p1" });
        Assert.Equal(12.5m, seeded.GetRequiredService<IOptions<BudgetOptions>>().Value.DailyTranscriptionBudgetUsd);
        Assert.Equal("eu-central-1", seeded.GetRequiredService<IOptions<StoreOptions>>().Value.AwsRegion);
        Assert.Equal("p1", seeded.GetRequiredService<IOptions<NotificationOptions>>().Value.Fcm.ProjectId);

        await using var explicitOptions = Build(new() { ["DAILY_TRANSCRIPTION_BUDGET_USD"] = "12.5", ["MedZen:Budget:DailyTranscriptionBudgetUsd"] = "3" });
        Assert.Equal(3m, explicitOptions.GetRequiredService<IOptions<BudgetOptions>>().Value.DailyTranscriptionBudgetUsd);
    }

    [Fact]
    public async Task A_postgres_connection_string_selects_the_postgres_adapter()
    {
        await using var services = Build(new() { ["MedZen:Stores:PostgresConnectionString"] = "Host=127.0.0.1;Port=1;Username=x" }, backends: true);
        Assert.IsType<PostgresClinicalStore>(services.GetRequiredService<IClinicalStore>());
    }

    [Theory]
    [InlineData("fcm", typeof(FcmNotificationSender))]
    [InlineData("webhook", typeof(WebhookNotificationSender))]
    [InlineData("outbox", typeof(OutboxNotificationSender))]
    public async Task The_channel_selects_its_sender(string channel, Type sender)
    {
        await using var services = Build(new() { ["MedZen:Notifications:Channel"] = channel }, backends: true);
        Assert.IsType(sender, services.GetRequiredService<INotificationSender>());
    }

    [Fact]
    public async Task Real_back_ends_without_their_registration_fail_with_a_clear_message()
    {
        await using var services = Build(new()
        {
            ["MedZen:Stores:TablesBackend"] = "dynamodb",
            ["MedZen:Queue:QueueUrl"] = "https://sqs.example/q",
            ["MedZen:Stores:PostgresConnectionString"] = "Host=127.0.0.1;Port=1;Username=x",
            ["MedZen:Notifications:Channel"] = "webhook",
        });
        Assert.Contains("AddMedZenBackends", Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IKeyValueTables>()).Message, StringComparison.Ordinal);
        Assert.Contains("AddMedZenBackends", Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IRetryQueue>()).Message, StringComparison.Ordinal);
        Assert.Contains("AddMedZenBackends", Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IClinicalStore>()).Message, StringComparison.Ordinal);
        Assert.Contains("AddMedZenBackends", Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<INotificationSender>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_channel_fails_validation()
    {
        await using var services = Build(new() { ["MedZen:Notifications:Channel"] = "pager" });
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NotificationOptions>>().Value);
    }

    public void Dispose() => MedZen.Testing.TempFolder.Delete(_folder);
}
