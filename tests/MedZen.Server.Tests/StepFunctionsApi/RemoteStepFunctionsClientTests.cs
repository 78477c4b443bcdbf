using System.Text.Json.Nodes;
using MedZen.Server.StepFunctionsApi;
using MedZen.Testing;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Configuration;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>Remote-engine mode against our own server acting as AWS Step Functions (SigV4 keys configured).</summary>
public sealed class RemoteStepFunctionsClientTests : IAsyncLifetime
{
    private StepFunctionsTestServer _server = null!;
    private string _machine = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await StepFunctionsTestServer.StartAsync();
        _machine = await _server.CreateMachineAsync("remote", """
            {"StartAt":"Echo","States":{"Echo":{"Type":"Pass","Parameters":{"session.$":"$.sessionId","done":true},"End":true}}}
            """);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private RemoteStepFunctionsOptions Options(string secret) => RemoteStepFunctionsOptions.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["STEP_FUNCTIONS_STATE_MACHINE_ARN"] = _machine,
            ["AWS_REGION"] = StepFunctionsTestServer.Region,
            ["AWS_ACCESS_KEY_ID"] = StepFunctionsTestServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = secret,
            ["MedZen:Engine:RemoteEndpoint"] = _server.BaseAddress.ToString(),
        }).Build())!;

    [Fact]
    public async Task Starts_and_describes_a_remote_execution()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        var client = new RemoteStepFunctionsClient(http, Options(StepFunctionsTestServer.SecretAccessKey));
        var started = await client.StartExecutionAsync("session-42", new JsonObject { ["sessionId"] = "s-42" }, ct);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:remote:session-42", started.ExecutionArn);
        Assert.True(started.StartDate > DateTimeOffset.UtcNow.AddMinutes(-5));

        await _server.States.WaitForCompletionAsync(started.ExecutionArn, ct).WaitAsync(HangGuard.Limit, ct);
        var described = await client.DescribeExecutionAsync(started.ExecutionArn, ct);
        Assert.Equal("SUCCEEDED", described.Status);
        Assert.Equal("""{"session":"s-42","done":true}""", described.Output);
        Assert.NotNull(described.StopDate);

        var missing = await Assert.ThrowsAsync<StepFunctionsApiException>(() =>
            client.DescribeExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:remote:nope", ct));
        Assert.Equal("ExecutionDoesNotExist", missing.ErrorName);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_the_AWS_error()
    {
        using var http = new HttpClient();
        var client = new RemoteStepFunctionsClient(http, Options("wrong-secret"));
        var e = await Assert.ThrowsAsync<StepFunctionsApiException>(() =>
            client.StartExecutionAsync("x", new JsonObject(), TestContext.Current.CancellationToken));
        Assert.Equal("InvalidSignatureException", e.ErrorName);
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public void Configuration_defaults_to_the_regional_AWS_endpoint()
    {
        var options = RemoteStepFunctionsOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["STEP_FUNCTIONS_STATE_MACHINE_ARN"] = "arn:aws:states:eu-west-1:123456789012:stateMachine:soap-note",
            ["AWS_REGION"] = "eu-west-1",
            ["AWS_ACCESS_KEY_ID"] = "AKIA0000",
            ["AWS_SECRET_ACCESS_KEY"] = "s",
            ["AWS_SESSION_TOKEN"] = "token",
        }).Build())!;
        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com/"), options.EffectiveEndpoint);
        Assert.Equal("token", options.Credentials.SessionToken);
        Assert.Null(RemoteStepFunctionsOptions.FromConfiguration(new ConfigurationBuilder().Build()));
        Assert.Throws<InvalidOperationException>(() => RemoteStepFunctionsOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["STEP_FUNCTIONS_STATE_MACHINE_ARN"] = "arn:x" }).Build()));
    }
}
