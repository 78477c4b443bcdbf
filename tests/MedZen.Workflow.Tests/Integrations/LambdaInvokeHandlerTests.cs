using System.Text.Json.Nodes;
using MedZen.States.Integrations;
using MedZen.Workflow.Integrations;
using static MedZen.Workflow.Tests.Integrations.IntegrationTestKit;

namespace MedZen.Workflow.Tests.Integrations;

public sealed class LambdaInvokeHandlerTests
{
    private sealed class EchoStep : IWorkflowStep
    {
        public string FunctionName => "medzen-echo";

        public StepContext? LastContext { get; private set; }

        public ValueTask<JsonNode?> RunAsync(JsonNode? input, StepContext context, CancellationToken cancellationToken)
        {
            LastContext = context;
            return input?["fail"]?.GetValue<string>() switch
            {
                "named" => throw new WorkflowStepException("TranscriptNotFound", "No transcript for the session."),
                "unnamed" => throw new InvalidOperationException("Patient Jane Doe has no transcript"),
                _ => ValueTask.FromResult<JsonNode?>(new JsonObject { ["echo"] = input?.DeepClone() }),
            };
        }
    }

    private readonly EchoStep _step = new();

    private LambdaInvokeHandler Handler => new([_step]);

    [Fact]
    public async Task Returns_the_payload_in_lambda_invoke_shape()
    {
        var result = await Handler.InvokeAsync(Invocation(ResourceArns.LambdaInvoke,
            """{"FunctionName":"medzen-echo","Payload":{"sessionId":"s1"}}""", "FetchTranscript", 2), TestContext.Current.CancellationToken);

        Assert.Equal(200, result!["StatusCode"]!.GetValue<int>());
        Assert.Equal("$LATEST", result["ExecutedVersion"]!.GetValue<string>());
        Assert.Equal("s1", result["Payload"]!["echo"]!["sessionId"]!.GetValue<string>());
        Assert.Equal(200, result["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>());
        Assert.Equal(result["SdkResponseMetadata"]!["RequestId"]!.GetValue<string>(), _step.LastContext!.RequestId);
        Assert.Equal(("FetchTranscript", 2), (_step.LastContext.StateName, _step.LastContext.Attempt));
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:medzen-echo")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:medzen-echo:live")]
    [InlineData("medzen-echo:live")]
    public async Task Resolves_function_arns_and_qualifiers_to_the_step(string functionName)
    {
        var result = await Handler.InvokeAsync(Invocation(ResourceArns.LambdaInvoke,
            $$$"""{"FunctionName":"{{{functionName}}}","Payload":{}}"""), TestContext.Current.CancellationToken);
        Assert.NotNull(result!["Payload"]!["echo"]);
        Assert.Equal(functionName, _step.LastContext!.FunctionName);
    }

    [Fact]
    public async Task A_named_step_error_fails_the_task_with_that_name_and_a_lambda_error_cause()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await Handler.InvokeAsync(Invocation(ResourceArns.LambdaInvoke,
            """{"FunctionName":"medzen-echo","Payload":{"fail":"named"}}"""), TestContext.Current.CancellationToken));
        Assert.Equal("TranscriptNotFound", error.ErrorName);
        var cause = JsonNode.Parse(error.Cause!)!;
        Assert.Equal("TranscriptNotFound", cause["errorType"]!.GetValue<string>());
        Assert.Equal("No transcript for the session.", cause["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unhandled_exception_surfaces_as_its_type_without_its_message()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await Handler.InvokeAsync(Invocation(ResourceArns.LambdaInvoke,
            """{"FunctionName":"medzen-echo","Payload":{"fail":"unnamed"}}"""), TestContext.Current.CancellationToken));
        Assert.Equal("InvalidOperationException", error.ErrorName);
        Assert.DoesNotContain("Jane", error.Cause!, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_function_is_Lambda_ResourceNotFoundException()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await Handler.InvokeAsync(Invocation(ResourceArns.LambdaInvoke,
            """{"FunctionName":"nope","Payload":{}}"""), TestContext.Current.CancellationToken));
        Assert.Equal("Lambda.ResourceNotFoundException", error.ErrorName);
    }

    [Fact]
    public async Task Missing_FunctionName_is_a_named_validation_error()
    {
        var error = await Assert.ThrowsAsync<TaskFailedException>(async () => await Handler.InvokeAsync(Invocation(ResourceArns.LambdaInvoke,
            """{"Payload":{}}"""), TestContext.Current.CancellationToken));
        Assert.Equal("Lambda.InvalidParameterValueException", error.ErrorName);
    }

    [Fact]
    public void Two_steps_with_one_name_are_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => new LambdaInvokeHandler([new EchoStep(), new EchoStep()]));
    }
}
