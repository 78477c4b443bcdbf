using System.Text.Json.Nodes;

namespace MedZen.Aws.Deployment;

/// <summary>The stateful resources: the seed's two tables, the retry queue and its dead-letter queue, and the secrets.</summary>
internal static class DataResources
{
    public static void AddTo(JsonObject resources)
    {
        resources[LogicalIds.SessionsTable] = Table("video-sessions", "sessionId");
        resources[LogicalIds.SoapNotesTable] = Table("soap-notes", "soapNoteId");
        resources[LogicalIds.DeadLetterQueue] = new JsonObject
        {
            ["Type"] = "AWS::SQS::Queue",
            ["Properties"] = new JsonObject
            {
                ["QueueName"] = Cfn.Sub("${NamePrefix}-soap-retry-dlq"),
                ["MessageRetentionPeriod"] = 1209600,
                ["SqsManagedSseEnabled"] = true,
            },
        };
        resources[LogicalIds.RetryQueue] = new JsonObject
        {
            ["Type"] = "AWS::SQS::Queue",
            ["Properties"] = new JsonObject
            {
                ["QueueName"] = Cfn.Sub("${NamePrefix}-soap-retry-queue"),
                // The seed's create-queue attributes.
                ["VisibilityTimeout"] = 300,
                ["MessageRetentionPeriod"] = 1209600,
                ["SqsManagedSseEnabled"] = true,
                ["RedrivePolicy"] = new JsonObject
                {
                    ["deadLetterTargetArn"] = Cfn.GetAtt(LogicalIds.DeadLetterQueue, "Arn"),
                    ["maxReceiveCount"] = Cfn.Ref(ParameterNames.RetryMaxReceiveCount),
                },
            },
        };
        resources[LogicalIds.ClinicalDatabaseSecret] = Secret(
            "clinical-database",
            "Clinical database connection for the Lambda steps: JSON {supabaseUrl, supabaseServiceKey} or {postgresConnectionString}. Set its value after the stack is created.");
        resources[LogicalIds.FcmServiceAccountSecret] = Secret(
            "fcm-service-account",
            "Firebase Cloud Messaging HTTP v1 service-account JSON for send-notification. Set its value after the stack is created.");
    }

    private static JsonObject Table(string suffix, string partitionKey) => new()
    {
        ["Type"] = "AWS::DynamoDB::Table",
        // Visit and note data outlive the stack.
        ["DeletionPolicy"] = "Retain",
        ["UpdateReplacePolicy"] = "Retain",
        ["Properties"] = new JsonObject
        {
            ["TableName"] = Cfn.Sub($"${{NamePrefix}}-{suffix}"),
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["AttributeDefinitions"] = new JsonArray(new JsonObject { ["AttributeName"] = partitionKey, ["AttributeType"] = "S" }),
            ["KeySchema"] = new JsonArray(new JsonObject { ["AttributeName"] = partitionKey, ["KeyType"] = "HASH" }),
            ["PointInTimeRecoverySpecification"] = new JsonObject { ["PointInTimeRecoveryEnabled"] = true },
            ["SSESpecification"] = new JsonObject { ["SSEEnabled"] = true },
        },
    };

    private static JsonObject Secret(string suffix, string description) => new()
    {
        ["Type"] = "AWS::SecretsManager::Secret",
        ["DeletionPolicy"] = "Retain",
        ["UpdateReplacePolicy"] = "Retain",
        // No SecretString: the stack creates the secret empty, and the value never passes through CloudFormation.
        ["Properties"] = new JsonObject
        {
            ["Name"] = Cfn.Sub($"${{NamePrefix}}/{suffix}"),
            ["Description"] = description,
        },
    };
}
