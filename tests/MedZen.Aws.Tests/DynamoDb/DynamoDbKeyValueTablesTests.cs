using Amazon.DynamoDBv2;
using Amazon.Runtime;
using MedZen.Backends.DynamoDb;
using MedZen.Workflow.Ports;
using MedZen.Workflow.Tests.Contracts;

namespace MedZen.Aws.Tests.DynamoDb;

/// <summary>The key-value contract against a real DynamoDB API (dynalite from MEDZEN_TEST_DYNAMODB).</summary>
public sealed class DynamoDbKeyValueTablesTests : KeyValueTablesContract
{
    private readonly string? _serviceUrl = Environment.GetEnvironmentVariable("MEDZEN_TEST_DYNAMODB");

    public DynamoDbKeyValueTablesTests()
    {
        if (_serviceUrl is null)
        {
            Assert.Skip("MEDZEN_TEST_DYNAMODB is not set.");
        }
    }

    protected override Task<IKeyValueTables> CreateTablesAsync()
    {
        var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = _serviceUrl, AuthenticationRegion = "us-east-1" });
        return Task.FromResult<IKeyValueTables>(new DynamoDbKeyValueTables(client, TimeProvider.System));
    }
}

public sealed class DynamoDbDefinitionTests
{
    [Fact]
    public async Task The_definitions_dynamodb_tasks_run_against_dynalite()
    {
        var serviceUrl = Environment.GetEnvironmentVariable("MEDZEN_TEST_DYNAMODB");
        if (serviceUrl is null)
        {
            Assert.Skip("MEDZEN_TEST_DYNAMODB is not set.");
        }

        var client = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1" });
        await DefinitionDynamoDbScenario.RunAsync(new DynamoDbKeyValueTables(client, TimeProvider.System), TestContext.Current.CancellationToken);
    }
}
