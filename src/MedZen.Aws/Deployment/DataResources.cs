using MedZen.Aws.Deployment.CloudFormation;

namespace MedZen.Aws.Deployment;

/// <summary>The stateful resources: the seed's two tables, the retry queue and its dead-letter queue, and the secrets.</summary>
internal static class DataResources
{
    private const int FourteenDaysInSeconds = 1209600;

    public static void AddTo(OrderedDictionary<string, Resource> resources)
    {
        resources.Add(LogicalIds.SessionsTable, Table("video-sessions", "sessionId"));
        resources.Add(LogicalIds.SoapNotesTable, Table("soap-notes", "soapNoteId"));
        resources.Add(LogicalIds.DeadLetterQueue, new Resource(new SqsQueue
        {
            QueueName = Cfn.Sub("${NamePrefix}-soap-retry-dlq"),
            MessageRetentionPeriod = FourteenDaysInSeconds,
            SqsManagedSseEnabled = true,
        }));
        resources.Add(LogicalIds.RetryQueue, new Resource(new SqsQueue
        {
            QueueName = Cfn.Sub("${NamePrefix}-soap-retry-queue"),
            // The seed's create-queue attributes.
            VisibilityTimeout = 300,
            MessageRetentionPeriod = FourteenDaysInSeconds,
            SqsManagedSseEnabled = true,
            RedrivePolicy = new RedrivePolicy(Cfn.GetAtt(LogicalIds.DeadLetterQueue, "Arn"), Cfn.Ref(ParameterNames.RetryMaxReceiveCount)),
        }));
        resources.Add(LogicalIds.ClinicalDatabaseSecret, Secret(
            "clinical-database",
            "Clinical database connection for the Lambda steps: JSON {supabaseUrl, supabaseServiceKey} or {postgresConnectionString}. Set its value after the stack is created."));
        resources.Add(LogicalIds.FcmServiceAccountSecret, Secret(
            "fcm-service-account",
            "Firebase Cloud Messaging HTTP v1 service-account JSON for send-notification. Set its value after the stack is created."));
    }

    // Visit and note data outlive the stack.
    private static Resource Table(string suffix, string partitionKey) => Resource.Retained(new DynamoDbTable
    {
        TableName = Cfn.Sub($"${{NamePrefix}}-{suffix}"),
        BillingMode = "PAY_PER_REQUEST",
        AttributeDefinitions = [new AttributeDefinition(partitionKey, "S")],
        KeySchema = [new KeySchemaElement(partitionKey, "HASH")],
        PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification(PointInTimeRecoveryEnabled: true),
        SSESpecification = new SSESpecification(SSEEnabled: true),
    });

    // No SecretString: the stack creates the secret empty, and the value never passes through CloudFormation.
    private static Resource Secret(string suffix, string description) => Resource.Retained(new SecretsManagerSecret
    {
        Name = Cfn.Sub($"${{NamePrefix}}/{suffix}"),
        Description = description,
    });
}
