using System.Text.Json.Nodes;
using MedZen.Aws.Deployment;
using MedZen.Workflow.Definition;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>
/// The invariants between the definition and the template, checked with this file's own view of the integrations
/// rather than the builder's.
/// </summary>
public sealed class TemplateInvariantTests
{
    // Integration resource ARN → (IAM action, parameter naming the target), from the Step Functions developer guide.
    private static readonly Dictionary<string, (string Action, string Target)> Integrations = new()
    {
        ["arn:aws:states:::lambda:invoke"] = ("lambda:InvokeFunction", "FunctionName"),
        ["arn:aws:states:::dynamodb:getItem"] = ("dynamodb:GetItem", "TableName"),
        ["arn:aws:states:::dynamodb:putItem"] = ("dynamodb:PutItem", "TableName"),
        ["arn:aws:states:::dynamodb:updateItem"] = ("dynamodb:UpdateItem", "TableName"),
        ["arn:aws:states:::bedrock:invokeModel"] = ("bedrock:InvokeModel", "ModelId"),
        ["arn:aws:states:::sqs:sendMessage"] = ("sqs:SendMessage", "QueueUrl"),
    };

    private static readonly string[] SeedPolicies = ["BedrockInvokeModel", "LambdaInvocation", "DynamoDBSessionState", "SQSRetryQueue", "SNSNotifications"];

    [Theory]
    [MemberData(nameof(Definitions.All), MemberType = typeof(Definitions))]
    public void Every_placeholder_has_a_substitution_and_every_substitution_a_placeholder(string which)
    {
        var definition = Definitions.Load(which);
        var template = Definitions.TemplateJson(definition);

        var substitutions = StateMachine(template)["DefinitionSubstitutions"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        var placeholders = DefinitionLoader.PlaceholderNames(definition.Text);

        Assert.NotEmpty(placeholders);
        Assert.Equal(placeholders, substitutions);
    }

    [Theory]
    [MemberData(nameof(Definitions.All), MemberType = typeof(Definitions))]
    public void Every_task_resource_is_granted_by_exactly_one_statement_on_exactly_its_substituted_resource(string which)
    {
        var definition = Definitions.Load(which);
        var template = Definitions.TemplateJson(definition);
        var substitutions = StateMachine(template)["DefinitionSubstitutions"]!.AsObject();
        var statements = SeedPolicyStatements(template).ToArray();
        var resources = template["Resources"]!.AsObject();

        var tasks = TaskStates(JsonNode.Parse(definition.Text)!.AsObject()).ToArray();
        Assert.NotEmpty(tasks);
        var needed = new HashSet<(string Action, string Resource)>();
        foreach (var task in tasks)
        {
            var (action, targetParameter) = Integrations[task["Resource"]!.GetValue<string>()];
            var target = task["Parameters"]![targetParameter]!.GetValue<string>();
            var substituted = substitutions[target.Trim('$', '{', '}')]!;
            var expected = ExpectedIamResource(action, substituted, resources);

            var granting = statements.Where(s => Actions(s).Contains(action) && JsonNode.DeepEquals(s["Resource"], expected)).ToArray();
            Assert.True(granting.Length == 1, $"{which}: {action} on {expected.ToJsonString()} is granted by {granting.Length} statements.");
            needed.Add((action, expected.ToJsonString()));
        }

        // Least privilege: every action on every resource in the task policies is one a task performs (the alert topic aside).
        foreach (var statement in statements.Where(s => !Actions(s).SequenceEqual(["sns:Publish"])))
        {
            Assert.Equal("single", JsonValueKind(statement["Resource"]));
            foreach (var action in Actions(statement))
            {
                Assert.Contains((action, statement["Resource"]!.ToJsonString()), needed);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Definitions.All), MemberType = typeof(Definitions))]
    public void The_execution_role_has_the_seed_policies_its_tasks_need_plus_logging_and_tracing(string which)
    {
        var definition = Definitions.Load(which);
        var template = Definitions.TemplateJson(definition);
        var names = Role(template)["Policies"]!.AsArray().Select(p => p!["PolicyName"]!.GetValue<string>()).ToArray();

        // Least privilege: no Bedrock policy on the state machine's role unless a state calls bedrock:invokeModel.
        var callsBedrock = TaskStates(JsonNode.Parse(definition.Text)!.AsObject()).Any(t => t["Resource"]!.GetValue<string>() == "arn:aws:states:::bedrock:invokeModel");
        Assert.Equal([.. SeedPolicies.Where(p => callsBedrock || p != "BedrockInvokeModel"), "CloudWatchLogsDelivery", "XRayTracing"], names);
        var sns = Role(template)["Policies"]!.AsArray().Single(p => p!["PolicyName"]!.GetValue<string>() == "SNSNotifications")!;
        var statement = Assert.Single(sns["PolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Ref"] = LogicalIds.AlertTopic }, statement["Resource"]));
    }

    [Theory]
    [MemberData(nameof(Definitions.All), MemberType = typeof(Definitions))]
    public void The_written_template_fits_CloudFormations_inline_limit(string which)
    {
        var text = SoapWorkflowTemplate.Serialize(SoapWorkflowTemplate.Build(Definitions.Load(which)));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) <= SoapWorkflowTemplate.MaxInlineTemplateBytes,
            $"template.json is {System.Text.Encoding.UTF8.GetByteCount(text)} bytes; deploy it through S3 or shrink it.");
    }

    private static JsonNode ExpectedIamResource(string action, JsonNode substituted, JsonObject resources)
    {
        switch (action.Split(':')[0])
        {
            case "lambda":
                AssertTarget(substituted["Fn::GetAtt"]![0]!.GetValue<string>(), "AWS::Lambda::Function", resources);
                Assert.Equal("Arn", substituted["Fn::GetAtt"]![1]!.GetValue<string>());
                return substituted;
            case "dynamodb":
            case "sqs":
                var logicalId = substituted["Ref"]!.GetValue<string>(); // a table's Ref is its name, a queue's its URL
                AssertTarget(logicalId, action.StartsWith("dynamodb", StringComparison.Ordinal) ? "AWS::DynamoDB::Table" : "AWS::SQS::Queue", resources);
                return new JsonObject { ["Fn::GetAtt"] = new JsonArray(logicalId, "Arn") };
            case "bedrock":
                var parameter = substituted["Ref"]!.GetValue<string>();
                return new JsonObject { ["Fn::Sub"] = $"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}::foundation-model/${{{parameter}}}" };
            default:
                throw new InvalidOperationException(action);
        }
    }

    private static void AssertTarget(string logicalId, string type, JsonObject resources) =>
        Assert.Equal(type, resources[logicalId]?["Type"]?.GetValue<string>());

    private static string JsonValueKind(JsonNode? node) => node is JsonArray ? "array" : node is JsonValue v && v.GetValue<string>() == "*" ? "wildcard" : "single";

    private static IEnumerable<string> Actions(JsonNode statement) => statement["Action"] switch
    {
        JsonArray list => list.Select(a => a!.GetValue<string>()),
        var single => [single!.GetValue<string>()],
    };

    private static IEnumerable<JsonObject> TaskStates(JsonObject machine)
    {
        foreach (var (_, node) in machine["States"]!.AsObject())
        {
            var state = node!.AsObject();
            switch (state["Type"]!.GetValue<string>())
            {
                case "Task":
                    yield return state;
                    break;
                case "Parallel":
                    foreach (var nested in state["Branches"]!.AsArray().SelectMany(b => TaskStates(b!.AsObject())))
                    {
                        yield return nested;
                    }

                    break;
                case "Map":
                    foreach (var nested in TaskStates((state["ItemProcessor"] ?? state["Iterator"])!.AsObject()))
                    {
                        yield return nested;
                    }

                    break;
            }
        }
    }

    internal static JsonObject StateMachine(JsonObject template) =>
        template["Resources"]![LogicalIds.StateMachine]!["Properties"]!.AsObject();

    internal static JsonObject Role(JsonObject template) =>
        template["Resources"]![LogicalIds.ExecutionRole]!["Properties"]!.AsObject();

    private static IEnumerable<JsonObject> SeedPolicyStatements(JsonObject template) =>
        Role(template)["Policies"]!.AsArray()
            .Where(p => SeedPolicies.Contains(p!["PolicyName"]!.GetValue<string>()))
            .SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!.AsObject());
}
