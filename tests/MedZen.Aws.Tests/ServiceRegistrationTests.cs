using MedZen.Aws.DynamoDb;
using MedZen.Aws.Sqs;
using MedZen.Workflow.Queue;
using MedZen.Workflow.Stores.KeyValue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        await using var services = new ServiceCollection().AddMedZenStores(configuration).AddMedZenAws(configuration).BuildServiceProvider();

        Assert.IsType<DynamoDbKeyValueTables>(services.GetRequiredService<IKeyValueTables>());
        Assert.IsType<SqsRetryQueue>(services.GetRequiredService<IRetryQueue>());
    }

    [Fact]
    public async Task Without_aws_configuration_the_local_adapters_stay()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedZen:Stores:DataFolder"] = Path.Combine(Path.GetTempPath(), "medzen-aws-di-" + Guid.NewGuid().ToString("N")),
        }).Build();
        await using var services = new ServiceCollection().AddMedZenStores(configuration).AddMedZenAws(configuration).BuildServiceProvider();

        Assert.IsType<SqliteKeyValueTables>(services.GetRequiredService<IKeyValueTables>());
        Assert.IsType<SqliteRetryQueue>(services.GetRequiredService<IRetryQueue>());
    }
}
