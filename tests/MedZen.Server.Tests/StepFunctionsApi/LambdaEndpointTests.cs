using System.Text.Json.Nodes;
using MedZen.States.History;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using MedZen.Testing;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>A user's own Lambda functions behind endpoints that speak the Lambda Invoke API (WireMock plays the endpoint).</summary>
public sealed class LambdaEndpointTests : IAsyncLifetime
{
    private readonly WireMockServer _lambda = WireMockServer.Start();
    private readonly WireMockServer _fallback = WireMockServer.Start();
    private StepFunctionsTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _lambda.Given(Request.Create().WithPath("/2015-03-31/functions/triage/invocations").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("X-Amz-Executed-Version", "3").WithHeader("x-amzn-RequestId", "req-1")
                .WithHeader("Content-Type", "application/json").WithBody("""{"band":"high"}"""));
        _fallback.Given(Request.Create().WithPath("/2015-03-31/functions/broken/invocations").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("X-Amz-Function-Error", "Unhandled")
                .WithBody("""{"errorType":"ValueError","errorMessage":"score out of range"}"""));
        _server = await StepFunctionsTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MedZen:Engine:LambdaEndpoints:triage"] = _lambda.Url,
            ["MedZen:Engine:LambdaEndpoint"] = _fallback.Url,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _lambda.Stop();
        _fallback.Stop();
    }

    private async Task<ExecutionRecord> RunAsync(string name, string definition, string input)
    {
        var ct = TestContext.Current.CancellationToken;
        var machine = await _server.States.CreateStateMachineAsync(name, definition, ct: ct);
        var started = await _server.States.StartExecutionAsync(machine, "run", input, ct);
        return await _server.States.WaitForCompletionAsync(started.ExecutionArn, ct).WaitAsync(HangGuard.Limit, ct);
    }

    [Fact]
    public async Task Lambda_invoke_calls_the_configured_endpoint_with_the_payload_and_returns_Lambda_shape()
    {
        var final = await RunAsync("invoke", """
            {"StartAt":"Triage","States":{"Triage":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:triage","Payload":{"score.$":"$.score"}},"End":true}}}
            """, """{"score":7}""");

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        // As AWS answers: the function's payload with Lambda's version and status, and the SDK's metadata.
        Assert.Equal("""
            {"ExecutedVersion":"3","Payload":{"band":"high"},"StatusCode":200,"SdkHttpMetadata":{"AllHttpHeaders":{"Content-Type":["application/json"],"x-amzn-RequestId":["req-1"]},"HttpHeaders":{"Content-Type":"application/json","x-amzn-RequestId":"req-1"},"HttpStatusCode":200},"SdkResponseMetadata":{"RequestId":"req-1"}}
            """, final.Output);
        var call = Assert.Single(_lambda.LogEntries);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"score":7}"""), JsonNode.Parse(call.RequestMessage.Body!)));
        Assert.Equal("RequestResponse", call.RequestMessage.Headers!["X-Amz-Invocation-Type"].Single());
    }

    [Fact]
    public async Task A_function_ARN_as_the_resource_returns_the_function_result_itself()
    {
        var final = await RunAsync("direct", """
            {"StartAt":"Triage","States":{"Triage":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:triage","End":true}}}
            """, """{"score":3}""");
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("""{"band":"high"}""", final.Output);
    }

    [Fact]
    public async Task A_function_error_fails_the_task_with_its_errorType_for_Catch()
    {
        var final = await RunAsync("broken", """
            {"StartAt":"Triage","States":{
              "Triage":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"broken","Payload":{}},
                "Catch":[{"ErrorEquals":["ValueError"],"Next":"Handled"}],"End":true},
              "Handled":{"Type":"Pass","End":true}}}
            """, "{}");
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        var output = JsonNode.Parse(final.Output!)!;
        Assert.Equal("ValueError", output["Error"]!.GetValue<string>());
        Assert.Equal("score out of range", JsonNode.Parse(output["Cause"]!.GetValue<string>())!["errorMessage"]!.GetValue<string>());
        Assert.Empty(_lambda.LogEntries); // the named endpoint serves only the function it names
    }
}
