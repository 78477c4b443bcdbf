namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>One server for the class: no case here depends on what another left behind.</summary>
public sealed class StepFunctionsServerFixture : IAsyncLifetime
{
    internal StepFunctionsTestServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await StepFunctionsTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// The AWS error name and message text a client sees for a request the protocol refuses: a member of the wrong JSON
/// type (SerializationException), a missing member or a broken constraint (ValidationException), a bad token or ARN.
/// </summary>
public sealed class RequestValidationTests(StepFunctionsServerFixture fixture) : IClassFixture<StepFunctionsServerFixture>
{
    private const string Machine = "arn:aws:states:us-east-1:123456789012:stateMachine:missing";
    private const string Execution = "arn:aws:states:us-east-1:123456789012:execution:missing:e1";
    private const string Pass = """{\"Type\":\"Pass\",\"End\":true}""";
    private const string Serialization = "SerializationException";
    private const string Validation = "ValidationException";

    private static string NotNull(string member) =>
        $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null";

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "ListStateMachines", "[1]", Serialization, "The request body must be a JSON object" },
        { "ListStateMachines", "null", Serialization, "The request body must be a JSON object" },
        { "ListStateMachines", "{\"maxResults\":", Serialization, "The request body is not valid JSON" },
        { "ListStateMachines", """{"maxResults":10,"maxResults":20}""", Serialization, "The request body is not valid JSON" },
        { "ListStateMachines", """{"nested":{"a":1,"a":2}}""", Serialization, "The request body is not valid JSON" },
        { "CreateStateMachine", """{"name":"x"}""", Validation, NotNull("definition") },
        { "CreateStateMachine", $$"""{"definition":"{{Pass}}"}""", Validation, NotNull("name") },
        { "CreateStateMachine", $$"""{"name":null,"definition":"{{Pass}}"}""", Validation, NotNull("name") },
        { "CreateStateMachine", $$"""{"name":5,"definition":"{{Pass}}"}""", Serialization, "Member 'name' must be a string" },
        { "CreateStateMachine", $$"""{"name":"x","definition":"{{Pass}}","roleArn":["r"]}""", Serialization, "Member 'roleArn' must be a string" },
        {
            "CreateStateMachine", $$"""{"name":"x","definition":"{{Pass}}","type":"FAST"}""", Validation,
            "1 validation error detected: Value 'FAST' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"
        },
        { "DescribeStateMachine", """{"stateMachineArn":5}""", Serialization, "Member 'stateMachineArn' must be a string" },
        { "DescribeStateMachine", "{}", Validation, NotNull("stateMachineArn") },
        {
            "ListStateMachines", """{"maxResults":1001}""", Validation,
            "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
        },
        {
            "ListStateMachines", """{"maxResults":-1}""", Validation,
            "1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0"
        },
        { "ListStateMachines", """{"maxResults":1.5}""", Serialization, "Member 'maxResults' must be an integer" },
        { "ListStateMachines", """{"maxResults":"5"}""", Serialization, "Member 'maxResults' must be an integer" },
        { "ListStateMachines", """{"nextToken":5}""", Serialization, "Member 'nextToken' must be a string" },
        { "ListStateMachines", """{"nextToken":"garbage!"}""", "InvalidToken", "Invalid Token: 'garbage!'" },
        {
            "UpdateStateMachine", $$"""{"stateMachineArn":"{{Machine}}"}""", "MissingRequiredParameter",
            "Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified"
        },
        { "UpdateStateMachine", $$"""{"stateMachineArn":"{{Machine}}","definition":true}""", Serialization, "Member 'definition' must be a string" },
        { "StartExecution", """{"input":"{}"}""", Validation, NotNull("stateMachineArn") },
        { "StartSyncExecution", $$$"""{"stateMachineArn":"{{{Machine}}}","name":{}}""", Serialization, "Member 'name' must be a string" },
        {
            "StartExecution", $$"""{"stateMachineArn":"{{Machine}}","input":"{{new string('a', 262_145)}}"}""", Validation,
            "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144"
        },
        { "DescribeExecution", "{}", Validation, NotNull("executionArn") },
        { "GetExecutionHistory", $$"""{"executionArn":"{{Execution}}","reverseOrder":"yes"}""", Serialization, "Member 'reverseOrder' must be a boolean" },
        { "GetExecutionHistory", $$"""{"executionArn":"{{Execution}}","includeExecutionData":1}""", Serialization, "Member 'includeExecutionData' must be a boolean" },
        {
            "GetExecutionHistory", $$"""{"executionArn":"{{Execution}}","maxResults":5000}""", Validation,
            "1 validation error detected: Value '5000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
        },
        {
            "ListExecutions", $$"""{"stateMachineArn":"{{Machine}}","statusFilter":"DONE"}""", Validation,
            "1 validation error detected: Value 'DONE' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: " +
            "[RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]"
        },
        { "StopExecution", $$"""{"executionArn":"{{Execution}}","error":5}""", Serialization, "Member 'error' must be a string" },
        { "RedriveExecution", """{"executionArn":null}""", Validation, NotNull("executionArn") },
        { "TestState", "{}", Validation, NotNull("definition") },
        {
            "TestState", $$"""{"definition":"{{Pass}}","inspectionLevel":"VERBOSE"}""", Validation,
            "1 validation error detected: Value 'VERBOSE' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]"
        },
        { "TestState", $$"""{"definition":"{{Pass}}","mock":"x"}""", Serialization, "Member 'mock' must be an object" },
        { "TestState", $$$"""{"definition":"{{{Pass}}}","mock":{}}""", Validation, "mock must have either result or errorOutput" },
        { "TestState", $$$"""{"definition":"{{{Pass}}}","mock":{"errorOutput":{"cause":"c"} }}""", Validation, NotNull("error") },
        { "TestState", $$$"""{"definition":"{{{Pass}}}","mock":{"errorOutput":{"error":5} }}""", Serialization, "Member 'error' must be a string" },
        { "TestState", $$$"""{"definition":"{{{Pass}}}","mock":{"result":"{"}}""", Validation, "mock.result is not valid JSON" },
        { "TestState", $$"""{"definition":"{{Pass}}","inspectionLevel":"DEBUG","revealSecrets":"x"}""", Serialization, "Member 'revealSecrets' must be a boolean" },
        { "TestState", $$"""{"definition":"{{Pass}}","variables":"[1]"}""", Validation, "variables must be a JSON object" },
        { "TestState", $$"""{"definition":"{{Pass}}","variables":"{"}""", Validation, "variables is not valid JSON" },
        { "TestState", $$"""{"definition":"{{Pass}}","input":7}""", Serialization, "Member 'input' must be a string" },
        { "SendTaskSuccess", """{"output":"{}"}""", Validation, NotNull("taskToken") },
        { "SendTaskSuccess", """{"taskToken":"t"}""", Validation, NotNull("output") },
        {
            "SendTaskFailure", $$"""{"taskToken":"t","error":"{{new string('e', 257)}}"}""", Validation,
            "1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256"
        },
        { "SendTaskFailure", """{"taskToken":"t","cause":false}""", Serialization, "Member 'cause' must be a string" },
        { "SendTaskHeartbeat", "{}", Validation, NotNull("taskToken") },
        { "CreateActivity", "{}", Validation, NotNull("name") },
        {
            "DescribeActivity", $$"""{"activityArn":"{{Machine}}"}""", "InvalidArn",
            $"Invalid Arn: 'Resource type not valid in this context: {Machine}'"
        },
        { "GetActivityTask", """{"activityArn":"arn:aws:states:us-east-1:123456789012:activity:a","workerName":1}""", Serialization, "Member 'workerName' must be a string" },
        { "TagResource", $$"""{"resourceArn":"{{Machine}}"}""", Validation, NotNull("tags") },
        { "TagResource", $$"""{"resourceArn":"{{Machine}}","tags":[5]}""", Serialization, "Each tag must be an object with key and value" },
        { "TagResource", $$"""{"resourceArn":"{{Machine}}","tags":[null]}""", Serialization, "Each tag must be an object with key and value" },
        { "TagResource", $$"""{"resourceArn":"{{Machine}}","tags":[{"value":"v"}]}""", Validation, NotNull("key") },
        { "TagResource", $$"""{"resourceArn":"{{Machine}}","tags":[{"key":5}]}""", Serialization, "Member 'key' must be a string" },
        { "TagResource", $$"""{"resourceArn":"{{Machine}}","tags":[{"key":"k","value":5}]}""", Serialization, "Member 'value' must be a string" },
        {
            "TagResource", $$"""{"resourceArn":"{{Machine}}","tags":[{"key":"aws:x","value":"v"}]}""", Validation,
            "1 validation error detected: Value 'aws:x' at 'tags.key' failed to satisfy constraint: Member must have length between 1 and 128 and not start with 'aws:'"
        },
        { "UntagResource", $$"""{"resourceArn":"{{Machine}}"}""", Validation, NotNull("tagKeys") },
        { "UntagResource", $$"""{"resourceArn":"{{Machine}}","tagKeys":["k",5]}""", Serialization, "Each member of 'tagKeys' must be a string" },
        { "TagResource", $$"""{"resourceArn":"{{Machine}}","tags":"k=v"}""", Serialization, "Member 'tags' must be a list" },
        { "CreateActivity", """{"name":"a","tags":{"key":"k"}}""", Serialization, "Member 'tags' must be a list" },
        { "TestState", $$$"""{"definition":"{{{Pass}}}","mock":{"result":"{}","errorOutput":"e"}}""", Serialization, "Member 'errorOutput' must be an object" },
        { "ListStateMachines", """{"maxResults":1e10}""", Serialization, "Member 'maxResults' must be an integer" },
        { "ListTagsForResource", "{}", Validation, NotNull("resourceArn") },
        {
            "ValidateStateMachineDefinition", $$"""{"definition":"{{Pass}}","severity":"INFO"}""", Validation,
            "1 validation error detected: Value 'INFO' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]"
        },
        {
            "ValidateStateMachineDefinition", $$"""{"definition":"{{Pass}}","type":"express"}""", Validation,
            "1 validation error detected: Value 'express' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]"
        },
        {
            "ValidateStateMachineDefinition", $$"""{"definition":"{{Pass}}","maxResults":101}""", Validation,
            "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"
        },
        { "DescribeStateMachineForExecution", """{"executionArn":[]}""", Serialization, "Member 'executionArn' must be a string" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_request_answers_AWSs_error_and_message(string action, string body, string error, string message)
    {
        var response = await fixture.Server.SendAsync("AWSStepFunctions." + action, body);

        Assert.Equal(error, response.AssertError());
        Assert.Equal(message, response.Body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_activity_with_a_refused_tag_is_not_created()
    {
        var refused = await fixture.Server.SendAsync("AWSStepFunctions.CreateActivity", """{"name":"tagged","tags":[{"key":"aws:reserved","value":"v"}]}""");
        Assert.Equal(Validation, refused.AssertError());

        var activities = await fixture.Server.SendAsync("AWSStepFunctions.ListActivities", "{}");
        Assert.DoesNotContain(activities.Body["activities"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "tagged");
    }

    [Theory]
    [InlineData("ListStateMachines", "")]
    [InlineData("ListStateMachines", """{"maxResults":10.0}""")]
    [InlineData("ListStateMachines", """{"maxResults":1e1,"nextToken":null}""")]
    [InlineData("ListStateMachines", """{"maxResults":0}""")]
    [InlineData("ListStateMachines", """{"unknownMember":{"deep":[1,{"x":null}]},"MaxResults":"ignored"}""")]
    [InlineData("ListActivities", """{"maxResults":null}""")]
    [InlineData("ValidateStateMachineDefinition", $$"""{"definition":"{{Pass}}","type":null,"severity":"WARNING","maxResults":0}""")]
    public async Task An_accepted_request_answers_200(string action, string body)
    {
        var response = await fixture.Server.SendAsync("AWSStepFunctions." + action, body);

        Assert.True(response.Status == 200, response.Body.ToJsonString());
    }
}
