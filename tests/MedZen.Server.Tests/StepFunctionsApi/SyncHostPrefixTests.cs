using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedZen.Backends.SigV4;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>
/// TestState's <c>sync-</c> host prefix: clients send it to <c>sync-&lt;endpoint host&gt;</c>. The server answers whatever
/// Host arrives (SigV4 is checked against it); what fails on 127.0.0.1 is the client's DNS, which the CLI's
/// <c>AWS_DISABLE_HOST_PREFIX_INJECTION</c> avoids.
/// </summary>
public sealed class SyncHostPrefixTests : IAsyncLifetime
{
    private const string Definition = """{"Type":"Pass","Parameters":{"seen.$":"$.n"},"End":true}""";
    private StepFunctionsTestServer _server = null!;
    private readonly string _home = Directory.CreateTempSubdirectory("medzen-awscli-sync-").FullName;

    public async ValueTask InitializeAsync() => _server = await StepFunctionsTestServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task A_TestState_signed_for_the_sync_prefixed_host_is_answered()
    {
        var prefixed = $"sync-{_server.BaseAddress.Authority}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{prefixed}/"))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(new JsonObject { ["definition"] = Definition, ["input"] = """{"n":7}""" }.ToJsonString())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.TestState");
        await new SigV4Signer(new AwsCredentials(StepFunctionsTestServer.AccessKeyId, StepFunctionsTestServer.SecretAccessKey), StepFunctionsTestServer.Region,
            "states", TimeProvider.System).SignAsync(request, TestContext.Current.CancellationToken);
        // Sent to the server's address with the prefixed Host, as the CLI sends it once the name resolves.
        request.RequestUri = _server.BaseAddress;
        request.Headers.Host = prefixed;

        using var response = await _server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;

        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        Assert.Equal("SUCCEEDED", body["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"seen":7}"""), JsonNode.Parse(body["output"]!.GetValue<string>())));
    }

    [Fact]
    public async Task The_cli_runs_test_state_with_host_prefix_injection_off()
    {
        if (RealClientTests.FindOnPath("aws") is not { } aws)
        {
            Assert.Skip("aws (the AWS CLI) is not on PATH: install Debian's awscli package to run this test");
            return;
        }

        var (exit, stdout, stderr) = await RealClientTests.RunAsync(aws,
            ["stepfunctions", "test-state", "--definition", Definition, "--input", """{"n":3}""", "--role-arn", "arn:aws:iam::123456789012:role/x",
             "--endpoint-url", _server.BaseAddress.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json"],
            new Dictionary<string, string>
            {
                ["AWS_CONFIG_FILE"] = Path.Combine(_home, "config"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home, "credentials"),
                ["AWS_ACCESS_KEY_ID"] = StepFunctionsTestServer.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = StepFunctionsTestServer.SecretAccessKey,
                ["AWS_PAGER"] = "",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["AWS_DISABLE_HOST_PREFIX_INJECTION"] = "true",
            });

        Assert.True(exit == 0, $"aws stepfunctions test-state exited {exit}: {stderr}");
        var answer = JsonNode.Parse(stdout)!;
        Assert.Equal("SUCCEEDED", answer["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"seen":3}"""), JsonNode.Parse(answer["output"]!.GetValue<string>())));
    }
}
