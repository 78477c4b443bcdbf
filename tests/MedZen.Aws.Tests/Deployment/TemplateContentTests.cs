using System.Text.Json.Nodes;
using MedZen.Aws.Deployment;
using MedZen.Aws.Lambda;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>What the seed and the operations brief ask of the stack, resource by resource.</summary>
public sealed class TemplateContentTests
{
    private readonly JsonObject _template = Definitions.TemplateJson(Definitions.Load(Definitions.Fixture));

    private JsonObject Resources => _template["Resources"]!.AsObject();

    private JsonObject Properties(string logicalId) => Resources[logicalId]!["Properties"]!.AsObject();

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");

    [Theory]
    [InlineData(LogicalIds.SessionsTable, "video-sessions", "sessionId")]
    [InlineData(LogicalIds.SoapNotesTable, "soap-notes", "soapNoteId")]
    public void The_seed_tables_are_on_demand_recoverable_and_encrypted(string logicalId, string suffix, string key)
    {
        var table = Properties(logicalId);
        AssertJson($$$"""{"Fn::Sub":"${NamePrefix}-{{{suffix}}}"}""", table["TableName"]);
        AssertJson($$$"""[{"AttributeName":"{{{key}}}","KeyType":"HASH"}]""", table["KeySchema"]);
        AssertJson($$$"""[{"AttributeName":"{{{key}}}","AttributeType":"S"}]""", table["AttributeDefinitions"]);
        Assert.Equal("PAY_PER_REQUEST", table["BillingMode"]!.GetValue<string>());
        AssertJson("""{"PointInTimeRecoveryEnabled":true}""", table["PointInTimeRecoverySpecification"]);
        AssertJson("""{"SSEEnabled":true}""", table["SSESpecification"]);
        Assert.Equal("Retain", Resources[logicalId]!["DeletionPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void The_retry_queue_has_the_seed_attributes_and_redrives_to_the_dead_letter_queue()
    {
        var queue = Properties(LogicalIds.RetryQueue);
        Assert.Equal(300, queue["VisibilityTimeout"]!.GetValue<int>());
        Assert.Equal(1209600, queue["MessageRetentionPeriod"]!.GetValue<int>());
        AssertJson($$$"""{"deadLetterTargetArn":{"Fn::GetAtt":["{{{LogicalIds.DeadLetterQueue}}}","Arn"]},"maxReceiveCount":{"Ref":"RetryMaxReceiveCount"}}""", queue["RedrivePolicy"]);
    }

    [Fact]
    public void Six_step_functions_and_the_retry_consumer_run_the_custom_runtime_and_read_secrets_by_arn_never_by_value()
    {
        var functions = Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::Lambda::Function").ToArray();
        Assert.Equal(LambdaHandlerNames.All.Append(LambdaHandlerNames.RetryQueueConsumer).Order(), functions.Select(f => f.Value!["Properties"]!["Handler"]!.GetValue<string>()).Order());
        foreach (var (_, function) in functions)
        {
            var properties = function!["Properties"]!;
            Assert.Equal("provided.al2023", properties["Runtime"]!.GetValue<string>());
            AssertJson("""[{"Ref":"LambdaArchitecture"}]""", properties["Architectures"]);
            AssertJson("""{"S3Bucket":{"Ref":"LambdaCodeS3Bucket"},"S3Key":{"Ref":"LambdaCodeS3Key"}}""", properties["Code"]);
            foreach (var (name, value) in properties["Environment"]!["Variables"]!.AsObject().Where(v => v.Key.EndsWith("_SECRET_ARN", StringComparison.Ordinal)))
            {
                var secret = value!["Ref"]!.GetValue<string>();
                Assert.Equal("AWS::SecretsManager::Secret", Resources[secret]!["Type"]!.GetValue<string>());
            }
        }

        var notify = Properties(LogicalIds.Function(LambdaHandlerNames.SendNotification))["Environment"]!["Variables"]!.AsObject();
        Assert.True(notify.ContainsKey("MEDZEN_FCM_SERVICE_ACCOUNT_SECRET_ARN"));
        Assert.DoesNotContain("SecretString", _template.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_generate_function_may_invoke_the_model_and_only_the_stacks_model()
    {
        const string modelArn = """{"Fn::Sub":"arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${BedrockModelId}"}""";
        foreach (var handler in LambdaHandlerNames.All)
        {
            var role = Properties(LogicalIds.FunctionRole(handler));
            var statements = (role["Policies"]?.AsArray() ?? []).SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray()).ToArray();
            var invokes = statements.Where(st => st!["Action"]!.ToJsonString().Contains("bedrock:", StringComparison.Ordinal)).ToArray();
            var variables = Properties(LogicalIds.Function(handler))["Environment"]!["Variables"]!.AsObject();
            if (handler == LambdaHandlerNames.GenerateSoapNote)
            {
                var statement = Assert.Single(invokes)!;
                Assert.Equal("bedrock:InvokeModel", statement["Action"]!.GetValue<string>());
                AssertJson(modelArn, statement["Resource"]);
                Assert.Equal("Bedrock", variables["MedZen__Model__Provider"]!.GetValue<string>());
                AssertJson("""{"Ref":"BedrockModelId"}""", variables["MedZen__Model__ModelId"]);
            }
            else
            {
                Assert.Empty(invokes);
                Assert.False(variables.ContainsKey("MedZen__Model__Provider"));
            }
        }
    }

    [Fact]
    public void The_state_machine_logs_errors_without_execution_data_and_is_traced()
    {
        var machine = Properties(LogicalIds.StateMachine);
        Assert.False(machine["LoggingConfiguration"]!["IncludeExecutionData"]!.GetValue<bool>());
        AssertJson("""{"Ref":"WorkflowLogLevel"}""", machine["LoggingConfiguration"]!["Level"]);
        Assert.Equal("ERROR", _template["Parameters"]!["WorkflowLogLevel"]!["Default"]!.GetValue<string>());
        AssertJson($$$$"""[{"CloudWatchLogsLogGroup":{"LogGroupArn":{"Fn::GetAtt":["{{{{LogicalIds.LogGroup}}}}","Arn"]}}}]""", machine["LoggingConfiguration"]!["Destinations"]);
        AssertJson("""{"Enabled":true}""", machine["TracingConfiguration"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Definitions.Load(Definitions.Fixture).Text), JsonNode.Parse(machine["DefinitionString"]!.GetValue<string>())));
    }

    [Fact]
    public void Four_alarms_notify_the_alert_topic_and_the_failure_alarm_is_the_seeds()
    {
        var alarms = Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::CloudWatch::Alarm").ToDictionary(r => r.Key, r => r.Value!["Properties"]!);
        Assert.Equal(["DeadLetterQueueNotEmptyAlarm", "ExecutionThrottledAlarm", "ExecutionsFailedAlarm", "RetryQueueDepthAlarm"], alarms.Keys.Order());
        Assert.All(alarms.Values, a => AssertJson($$$"""[{"Ref":"{{{LogicalIds.AlertTopic}}}"}]""", a["AlarmActions"]));

        var failed = alarms["ExecutionsFailedAlarm"];
        Assert.Equal(("AWS/States", "ExecutionsFailed", "Sum", 300, 1, "GreaterThanOrEqualToThreshold"),
            (failed["Namespace"]!.GetValue<string>(), failed["MetricName"]!.GetValue<string>(), failed["Statistic"]!.GetValue<string>(),
             failed["Period"]!.GetValue<int>(), failed["Threshold"]!.GetValue<int>(), failed["ComparisonOperator"]!.GetValue<string>()));
        AssertJson($$$"""[{"Name":"StateMachineArn","Value":{"Ref":"{{{LogicalIds.StateMachine}}}"}}]""", failed["Dimensions"]);
        Assert.Equal("ExecutionThrottled", alarms["ExecutionThrottledAlarm"]["MetricName"]!.GetValue<string>());
        Assert.Equal("ApproximateNumberOfMessagesVisible", alarms["RetryQueueDepthAlarm"]["MetricName"]!.GetValue<string>());
        AssertJson($$$"""[{"Name":"QueueName","Value":{"Fn::GetAtt":["{{{LogicalIds.DeadLetterQueue}}}","QueueName"]}}]""", alarms["DeadLetterQueueNotEmptyAlarm"]["Dimensions"]);
    }

    [Fact]
    public void Every_parameter_is_described_and_its_default_allowed()
    {
        foreach (var (name, parameter) in _template["Parameters"]!.AsObject())
        {
            Assert.False(string.IsNullOrWhiteSpace(parameter!["Description"]?.GetValue<string>()), name);
            if (parameter["AllowedValues"] is JsonArray allowed && parameter["Default"] is { } defaultValue)
            {
                Assert.Contains(allowed, v => JsonNode.DeepEquals(v, defaultValue));
            }
        }
    }

    [Fact]
    public void A_placeholder_the_stack_cannot_fill_is_a_named_error()
    {
        var definition = DeployableDefinition.Parse("""
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
             "Parameters":{"FunctionName":"${SummariseVisitFunctionArn}","Payload.$":"$"},"End":true}}}
            """);
        var error = Assert.Throws<DeploymentTemplateException>(() => SoapWorkflowTemplate.Build(definition));
        Assert.Contains("${SummariseVisitFunctionArn}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_valued_target_cannot_be_granted_narrowly()
    {
        var definition = DeployableDefinition.Parse("""
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
             "Parameters":{"TableName.$":"$.table","Key":{}},"End":true}}}
            """);
        var error = Assert.Throws<DeploymentTemplateException>(() => SoapWorkflowTemplate.Build(definition));
        Assert.Contains("'A' takes TableName from a path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_integration_the_template_cannot_grant_is_a_named_error()
    {
        var definition = DeployableDefinition.Parse("""
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync","Parameters":{},"End":true}}}
            """);
        var error = Assert.Throws<DeploymentTemplateException>(() => SoapWorkflowTemplate.Build(definition));
        Assert.Contains("arn:aws:states:::ecs:runTask.sync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_literal_table_name_is_granted_on_its_arn_in_this_stack()
    {
        var definition = DeployableDefinition.Parse("""
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
             "Parameters":{"TableName":"legacy-sessions","Key":{}},"End":true}}}
            """);
        var binding = WorkflowBinding.Bind(definition);
        var permission = Assert.Single(binding.Permissions);
        Assert.Equal("dynamodb:GetItem", permission.Action);
        AssertJson("""{"Fn::Sub":"arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/legacy-sessions"}""", JsonNode.Parse(permission.Resource.ToJson()));
    }
}
