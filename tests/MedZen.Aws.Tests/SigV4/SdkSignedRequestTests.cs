using System.Diagnostics;
using System.Text.Json.Nodes;
using MedZen.Backends.SigV4;
using MedZen.Backends.StepFunctions;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Aws.Tests.SigV4;

/// <summary>Requests signed by real clients — the AWS JS SDK's StepFunctionsClient and our StartExecution client — verified over HTTP.</summary>
public sealed class SdkSignedRequestTests
{
    private const string KeyId = "AKIAMEDZENLOCALTEST";
    private const string Secret = "bWVkemVuLWxvY2FsLXRlc3Qtc2VjcmV0LWtleQ";
    private const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:medzen-soap-workflow";

    private static SigV4Verifier Verifier(TimeProvider time) =>
        new(new SigV4VerifierOptions { Service = "states", Region = "us-east-1", Credentials = new Dictionary<string, string> { [KeyId] = Secret } }, time);

    private static (int, string) Started(SigV4Request _) =>
        (200, """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:medzen-soap-workflow:soap-s-1","startDate":1764072000.5}""");

    [Fact]
    public async Task The_AWS_JS_SDK_StartExecution_request_verifies_and_a_tampered_copy_does_not()
    {
        var client = RepositoryPaths.NodeTool("@aws-sdk/client-sfn/package.json");
        Assert.SkipWhen(client is null, "node_modules/@aws-sdk/client-sfn is not installed (npm install).");
        await using var server = new SigV4CaptureServer(Started);

        var output = await RunNodeAsync(server.Endpoint);
        var request = await server.NextRequestAsync();
        var verifier = Verifier(TimeProvider.System);

        Assert.Contains("soap-s-1", output, StringComparison.Ordinal);
        Assert.Equal("AWSStepFunctions.StartExecution", request.HeaderValues("X-Amz-Target").Single());
        var result = verifier.Verify(request);
        Assert.True(result.IsValid, result.Message);

        var tampered = request with { Body = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(request.Body).Replace("s-1", "s-2", StringComparison.Ordinal)) };
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, verifier.Verify(tampered).ErrorCode);
        var stale = Verifier(new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(20)));
        Assert.StartsWith("Signature expired", stale.Verify(request).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Our_StartExecution_client_sends_a_request_the_verifier_accepts()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var verifier = Verifier(time);
        SigV4VerificationResult? verdict = null;
        await using var server = new SigV4CaptureServer(request =>
        {
            verdict = verifier.Verify(request);
            return verdict.IsValid ? Started(request) : (400, $$"""{"__type":"{{verdict.ErrorCode}}","message":"{{verdict.Message}}"}""");
        });
        using var http = new HttpClient();
        var client = new StepFunctionsClient(http, server.Endpoint, new SigV4Signer(new AwsCredentials(KeyId, Secret), "us-east-1", "states", time));

        var started = await client.StartExecutionAsync(StateMachineArn, "soap-s-1", new JsonObject { ["sessionId"] = "s-1" }, TestContext.Current.CancellationToken);
        var request = await server.NextRequestAsync();

        Assert.True(verdict!.IsValid, verdict.Message);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:medzen-soap-workflow:soap-s-1", started.ExecutionArn);
        Assert.Equal(new DateTimeOffset(2025, 11, 25, 12, 0, 0, 500, TimeSpan.Zero), started.StartDate);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("""{"sessionId":"s-1"}""", body["input"]!.GetValue<string>());
        Assert.Equal("application/x-amz-json-1.0", request.HeaderValues("Content-Type").Single());
    }

    [Fact]
    public async Task A_rejected_signature_surfaces_as_the_AWS_error_type()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var verifier = Verifier(time);
        await using var server = new SigV4CaptureServer(request =>
        {
            var verdict = verifier.Verify(request);
            return verdict.IsValid ? Started(request) : (400, $$"""{"__type":"{{verdict.ErrorCode}}","message":"rejected"}""");
        });
        using var http = new HttpClient();
        var client = new StepFunctionsClient(http, server.Endpoint, new SigV4Signer(new AwsCredentials(KeyId, "wrong-secret"), "us-east-1", "states", time));

        var error = await Assert.ThrowsAsync<StepFunctionsApiException>(() =>
            client.StartExecutionAsync(StateMachineArn, "soap-s-1", new JsonObject(), TestContext.Current.CancellationToken));
        Assert.Equal((SigV4ErrorCodes.InvalidSignature, 400), (error.ErrorName, error.StatusCode));
    }

    [Fact]
    public async Task An_AWSSDK_Core_signed_request_verifies()
    {
        // AWSSDK.StepFunctions is not served; the DynamoDB client signs with the same AWSSDK.Core AWS4Signer.
        await using var server = new SigV4CaptureServer(_ => (200, """{"TableNames":[]}"""));
        var config = new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = server.Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        using var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials(KeyId, Secret), config);

        await client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest { Limit = 5 }, TestContext.Current.CancellationToken);
        var request = await server.NextRequestAsync();
        var verifier = new SigV4Verifier(
            new SigV4VerifierOptions { Service = "dynamodb", Region = "us-east-1", Credentials = new Dictionary<string, string> { [KeyId] = Secret } },
            TimeProvider.System);

        var result = verifier.Verify(request);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, verifier.Verify(request with { Body = "{\"Limit\":6}"u8.ToArray() }).ErrorCode);
    }

    private static async Task<string> RunNodeAsync(Uri endpoint)
    {
        var script = Path.Combine(Path.GetTempPath(), $"medzen-sfn-{Guid.NewGuid():N}.cjs");
        await File.WriteAllTextAsync(script, $$"""
            const { SFNClient, StartExecutionCommand } = require({{JsonValue.Create(Path.Combine(RepositoryPaths.NodeModules, "@aws-sdk/client-sfn")).ToJsonString()}});
            const client = new SFNClient({
              region: "us-east-1",
              endpoint: process.argv[2],
              credentials: { accessKeyId: "{{KeyId}}", secretAccessKey: "{{Secret}}" },
              maxAttempts: 1,
            });
            client.send(new StartExecutionCommand({
              stateMachineArn: "{{StateMachineArn}}",
              name: "soap-s-1",
              input: JSON.stringify({ sessionId: "s-1", appointmentId: "a-1" }),
            })).then(r => console.log(r.executionArn), e => { console.error(e); process.exit(1); });
            """, TestContext.Current.CancellationToken);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", [script, endpoint.ToString()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, await stderr);
            return await stdout;
        }
        finally
        {
            File.Delete(script);
        }
    }
}
