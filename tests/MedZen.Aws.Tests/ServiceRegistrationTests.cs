using MedZen.Backends.DynamoDb;
using MedZen.Backends.Notifications;
using MedZen.Backends.Postgres;
using MedZen.Backends.Sqs;
using MedZen.Workflow.Integrations;
using MedZen.Workflow.Local.KeyValue;
using MedZen.Workflow.Local.Queue;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MedZen.Aws.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task Configured_aws_backends_replace_the_local_adapters()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedZen:Stores:DataFolder"] = Path.GetTempPath(),
            ["MedZen:Stores:TablesBackend"] = "dynamodb",
            ["MedZen:Stores:DynamoDbServiceUrl"] = "http://127.0.0.1:1",
            ["MedZen:Queue:QueueUrl"] = "http://127.0.0.1:1/123456789012/medzen-soap-retry-queue",
            ["MedZen:Queue:ServiceUrl"] = "http://127.0.0.1:1",
        }).Build();
        await using var services = new ServiceCollection().AddMedZenStores(configuration).AddMedZenBackends(configuration).BuildServiceProvider();

        Assert.IsType<DynamoDbKeyValueTables>(services.GetRequiredService<IKeyValueTables>());
        Assert.IsType<SqsRetryQueue>(services.GetRequiredService<IRetryQueue>());
    }

    /// <summary>What the Lambda host (src/MedZen.Aws.Lambda, WorkflowSteps.Services) registers: the steps and the real back ends.</summary>
    [Fact]
    public async Task The_lambda_composition_has_the_steps_and_the_real_back_ends_and_no_engine()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedZen:Stores:DataFolder"] = Path.GetTempPath(),
            ["MedZen:Stores:TablesBackend"] = "dynamodb",
            ["MedZen:Stores:DynamoDbServiceUrl"] = "http://127.0.0.1:1",
            ["MedZen:Stores:PostgresConnectionString"] = "Host=127.0.0.1;Port=1;Username=x",
            ["MedZen:Queue:QueueUrl"] = "http://127.0.0.1:1/123456789012/medzen-soap-retry-queue",
            ["MedZen:Queue:ServiceUrl"] = "http://127.0.0.1:1",
            ["MedZen:Notifications:Channel"] = "fcm",
        }).Build();
        var registrations = new ServiceCollection().AddMedZenSteps(configuration).AddMedZenBackends(configuration);

        Assert.DoesNotContain(registrations, d => d.ServiceType == typeof(WorkflowRuntime) || d.ServiceType == typeof(IHostedService)
            || d.ServiceType == typeof(LocalTaskHandlers) || d.ServiceType == typeof(RetryQueueWorker));
        await using var services = registrations.BuildServiceProvider();
        Assert.Equal(6, services.GetServices<IWorkflowStep>().Count());
        Assert.IsType<PostgresClinicalStore>(services.GetRequiredService<IClinicalStore>());
        Assert.IsType<DynamoDbKeyValueTables>(services.GetRequiredService<IKeyValueTables>());
        Assert.IsType<SqsRetryQueue>(services.GetRequiredService<IRetryQueue>());
        Assert.IsType<FcmNotificationSender>(services.GetRequiredService<INotificationSender>());
    }

    [Fact]
    public async Task Without_aws_configuration_the_local_adapters_stay()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedZen:Stores:DataFolder"] = Path.Combine(Path.GetTempPath(), "medzen-aws-di-" + Guid.NewGuid().ToString("N")),
        }).Build();
        await using var services = new ServiceCollection().AddMedZenStores(configuration).AddMedZenBackends(configuration).BuildServiceProvider();

        Assert.IsType<SqliteKeyValueTables>(services.GetRequiredService<IKeyValueTables>());
        Assert.IsType<SqliteRetryQueue>(services.GetRequiredService<IRetryQueue>());
    }
}
