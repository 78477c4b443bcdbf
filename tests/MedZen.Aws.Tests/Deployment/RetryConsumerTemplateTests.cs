using System.Text.Json.Nodes;
using MedZen.Aws.Deployment;
using MedZen.Aws.Lambda;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>The retry queue's consumer and the rollback switch in the template.</summary>
public sealed class RetryConsumerTemplateTests
{
    private readonly JsonObject _template = Definitions.TemplateJson(Definitions.Load(Definitions.SoapNote));

    private JsonObject Resources => _template["Resources"]!.AsObject();

    private JsonObject Properties(string logicalId) => Resources[logicalId]!["Properties"]!.AsObject();

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");

    private static string Consumer => LogicalIds.Function(LambdaHandlerNames.RetryQueueConsumer);

    [Fact]
    public void An_event_source_mapping_feeds_the_retry_queue_to_the_consumer_with_partial_batch_failures()
    {
        var mappings = Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::Lambda::EventSourceMapping").ToArray();
        var mapping = Assert.Single(mappings).Value!["Properties"]!;
        AssertJson($$"""{"Fn::GetAtt":["{{LogicalIds.RetryQueue}}","Arn"]}""", mapping["EventSourceArn"]);
        AssertJson($$"""{"Ref":"{{Consumer}}"}""", mapping["FunctionName"]);
        AssertJson("""["ReportBatchItemFailures"]""", mapping["FunctionResponseTypes"]);
        AssertJson($$"""{"Fn::If":["{{TemplateParameters.SoapGenerationOn}}",true,false]}""", mapping["Enabled"]);
    }

    [Fact]
    public void The_consumer_runs_the_same_package_under_its_own_handler_within_the_queues_visibility_timeout()
    {
        var function = Properties(Consumer);
        Assert.Equal(LambdaHandlerNames.RetryQueueConsumer, function["Handler"]!.GetValue<string>());
        AssertJson($$$"""{"S3Bucket":{"Ref":"{{{ParameterNames.CodeS3Bucket}}}"},"S3Key":{"Ref":"{{{ParameterNames.CodeS3Key}}}"}}""", function["Code"]);
        Assert.True(function["Timeout"]!.GetValue<int>() <= Properties(LogicalIds.RetryQueue)["VisibilityTimeout"]!.GetValue<int>());
        var variables = function["Environment"]!["Variables"]!;
        AssertJson($$"""{"Ref":"{{LogicalIds.StateMachine}}"}""", variables[RetryConsumerEnvironment.StateMachineArn]);
        AssertJson($$"""{"Ref":"{{LogicalIds.RetryQueue}}"}""", variables[RetryConsumerEnvironment.QueueUrl]);
        AssertJson($$"""{"Ref":"{{LogicalIds.DeadLetterQueue}}"}""", variables[RetryConsumerEnvironment.DeadLetterQueueUrl]);
        AssertJson($$"""{"Ref":"{{LogicalIds.SessionsTable}}"}""", variables[RetryConsumerEnvironment.SessionsTable]);
        AssertJson($$"""{"Ref":"{{ParameterNames.RetryMaxRestartAttempts}}"}""", variables[RetryConsumerEnvironment.MaxRestartAttempts]);
    }

    [Fact]
    public void The_consumers_role_may_start_executions_of_exactly_the_state_machine_and_nothing_else_in_Step_Functions()
    {
        var statements = Properties(LogicalIds.FunctionRole(LambdaHandlerNames.RetryQueueConsumer))["Policies"]!.AsArray()
            .SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => (Actions: s!["Action"] is JsonArray a ? a.Select(x => x!.GetValue<string>()).ToArray() : [s["Action"]!.GetValue<string>()], Resource: s["Resource"]!))
            .ToArray();

        var states = Assert.Single(statements, s => s.Actions.Any(a => a.StartsWith("states:", StringComparison.Ordinal)));
        Assert.Equal(["states:StartExecution"], states.Actions);
        AssertJson($$"""{"Ref":"{{LogicalIds.StateMachine}}"}""", states.Resource);
        // Every other statement is on one of the stack's own queues or the sessions table, never "*".
        Assert.All(statements, s => Assert.IsType<JsonObject>(s.Resource));
        Assert.Equal(
            ["dynamodb:UpdateItem", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage", "states:StartExecution"],
            statements.SelectMany(s => s.Actions).Order(StringComparer.Ordinal));
        AssertJson($$"""{"Fn::GetAtt":["{{LogicalIds.DeadLetterQueue}}","Arn"]}""", Assert.Single(statements, s => s.Actions.Contains("sqs:SendMessage")).Resource);
    }

    [Fact]
    public void The_rollback_switch_throttles_the_model_function_to_zero_and_nothing_else()
    {
        AssertJson("""{"Type":"String","Default":"true","AllowedValues":["true","false"]}""",
            new JsonObject(_template["Parameters"]![ParameterNames.SoapGenerationEnabled]!.AsObject().Where(p => p.Key != "Description").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))));
        AssertJson($$$"""{"{{{TemplateParameters.SoapGenerationOn}}}":{"Fn::Equals":[{"Ref":"{{{ParameterNames.SoapGenerationEnabled}}}"},"true"]}}""", _template["Conditions"]);
        var throttled = Resources.Where(r => r.Value!["Properties"]?["ReservedConcurrentExecutions"] is not null).Select(r => r.Key).ToArray();
        Assert.Equal([LogicalIds.Function(LambdaHandlerNames.GenerateSoapNote)], throttled);
        AssertJson($$"""{"Fn::If":["{{TemplateParameters.SoapGenerationOn}}",{"Ref":"AWS::NoValue"},0]}""",
            Properties(throttled[0])["ReservedConcurrentExecutions"]);
    }
}
