using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using MedZen.Aws.Deployment;
using MedZen.Aws.Deployment.CloudFormation;
using MedZen.Backends.SigV4;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Aws.Tests.Deployment;

/// <summary>
/// <c>medzen aws deploy|rollback|restore</c>: the dry-run plan, and the real calls against WireMock answering as S3
/// (path-style PutObject) and CloudFormation's query API (form POST, XML) do.
/// </summary>
public sealed class StackDeployerTests : IDisposable
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/medzen/1";
    private const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:medzen-soap-workflow";
    private readonly WireMockServer _aws = WireMockServer.Start();
    private readonly HttpClient _http = new();
    private readonly StringWriter _output = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), $"medzen-deploy-test-{Guid.NewGuid():N}");
    private readonly CloudFormationTemplate _template = SoapWorkflowTemplate.Build(Definitions.Load(Definitions.Fixture));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task NoDelay(TimeSpan wait, CancellationToken ct) => Task.CompletedTask;

    private StackDeployer Real()
    {
        var signer = new SigV4Signer(new AwsCredentials("AKIDEXAMPLE", "secret"), "us-east-1", "cloudformation",
            new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero)));
        var s3 = new AmazonS3Client(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AmazonS3Config
        {
            ServiceURL = _aws.Url,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        });
        return new StackDeployer(new CloudFormationClient(_http, new Uri(_aws.Url + "/"), signer), new S3ObjectUploader(s3), _output, NoDelay);
    }

    private StackDeployer DryRun() => new(null, null, _output, NoDelay);

    private string[] Lines => _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Answers <paramref name="action"/> with the given answers in turn, the last one from then on.</summary>
    private void Cfn(string action, params (string Xml, int Status)[] answers)
    {
        var calls = 0;
        _aws.Given(Request.Create().UsingPost().WithPath("/").WithBody(new WildcardMatcher($"*Action={action}&*")))
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                var (xml, status) = answers[Math.Min(Interlocked.Increment(ref calls), answers.Length) - 1];
                return new WireMock.ResponseMessage
                {
                    StatusCode = status,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("text/xml") },
                    BodyData = new WireMock.Util.BodyData { DetectedBodyType = WireMock.Types.BodyType.String, BodyAsString = xml },
                };
            }));
    }

    private void Cfn(string action, string xml, int status = 200) => Cfn(action, (xml, status));

    private static string Stack(string status, string parameters = "", string outputs = "") => $"""
        <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>
          <StackName>medzen</StackName><StackId>{StackId}</StackId><StackStatus>{status}</StackStatus>
          <Parameters>{parameters}</Parameters><Outputs>{outputs}</Outputs>
        </member></Stacks></DescribeStacksResult></DescribeStacksResponse>
        """;

    private static string Parameter(string key, string value) => $"<member><ParameterKey>{key}</ParameterKey><ParameterValue>{value}</ParameterValue></member>";

    private static string Output(string key, string value) => $"<member><OutputKey>{key}</OutputKey><OutputValue>{value}</OutputValue></member>";

    private const string NoSuchStack = """
        <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code>
        <Message>Stack with id medzen does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>
        """;

    private Dictionary<string, string> FormOf(string action)
    {
        var body = _aws.LogEntries.Select(e => e.RequestMessage.Body ?? "").Single(b => b.StartsWith($"Action={action}&", StringComparison.Ordinal));
        return body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
    }

    private async Task<LambdaPackage> FakePackage(CancellationToken ct)
    {
        Directory.CreateDirectory(_work);
        var path = Path.Combine(_work, LambdaPackager.ZipName);
        await File.WriteAllBytesAsync(path, [1, 2, 3, 4, 5], ct);
        return new LambdaPackage(path, 5, "ab12");
    }

    [Fact]
    public async Task The_dry_run_prints_every_call_in_order_and_makes_none()
    {
        var packaged = false;
        var exit = await DryRun().DeployAsync(new DeployOptions("S", "us-east-1", "B", "x64", _work),
            _ => { packaged = true; throw new InvalidOperationException("not in a dry run"); }, _template, Ct);

        Assert.Equal(0, exit);
        Assert.False(packaged);
        Assert.False(Directory.Exists(_work));
        var calls = Lines.Where(l => l.StartsWith("[dry-run] ", StringComparison.Ordinal) && !l.StartsWith("[dry-run]   ", StringComparison.Ordinal))
            .Select(l => l["[dry-run] ".Length..].Split(' ')[0] + " " + l["[dry-run] ".Length..].Split(' ')[1]).ToArray();
        Assert.Equal(
            ["package: dotnet", "S3 PutObject", "S3 PutObject", "CloudFormation DescribeStacks", "CloudFormation CreateStack", "CloudFormation UpdateStack", "CloudFormation DescribeStacks"],
            calls.Where(c => !c.StartsWith("if ", StringComparison.Ordinal) && !c.StartsWith("then ", StringComparison.Ordinal)));
        var all = _output.ToString();
        Assert.Contains("s3://B/S/medzen-lambda-<sha256>.zip", all, StringComparison.Ordinal);
        Assert.Contains("TemplateURL=https://B.s3.us-east-1.amazonaws.com/S/template-", all, StringComparison.Ordinal);
        var create = Lines.Single(l => l.Contains("CreateStack", StringComparison.Ordinal));
        Assert.Contains("Parameters=[LambdaCodeS3Bucket=B, LambdaCodeS3Key=S/medzen-lambda-<sha256>.zip, LambdaArchitecture=x86_64]", create, StringComparison.Ordinal);
        Assert.Contains("Capabilities=CAPABILITY_NAMED_IAM", create, StringComparison.Ordinal);
        var update = Lines.Single(l => l.Contains("UpdateStack", StringComparison.Ordinal));
        Assert.Contains($"{ParameterNames.SoapGenerationEnabled}=(previous)", update, StringComparison.Ordinal);
        Assert.Empty(_aws.LogEntries);
    }

    [Fact]
    public async Task The_rollback_dry_run_prints_the_switch_flip()
    {
        var exit = await DryRun().SetSoapGenerationAsync("S", enabled: false, Ct);

        Assert.Equal(0, exit);
        Assert.Contains(Lines, l => l == "[dry-run] CloudFormation DescribeStacks StackName=S");
        Assert.Contains(Lines, l => l.StartsWith("[dry-run] CloudFormation UpdateStack StackName=S UsePreviousTemplate=true Parameters=[SoapGenerationEnabled=false,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_deploy_uploads_creates_waits_and_prints_the_wiring()
    {
        _aws.Given(Request.Create().UsingPut().WithPath("/B/*"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"e\""));
        Cfn("DescribeStacks",
            (NoSuchStack, 400),
            (Stack("CREATE_IN_PROGRESS"), 200),
            (Stack("CREATE_COMPLETE", outputs: Output("StateMachineArn", StateMachineArn) + Output("SessionsTableName", "medzen-video-sessions")), 200));
        Cfn("CreateStack", $"<CreateStackResponse><CreateStackResult><StackId>{StackId}</StackId></CreateStackResult></CreateStackResponse>");

        var exit = await Real().DeployAsync(new DeployOptions("medzen", "us-east-1", "B", "arm64", _work), FakePackage, _template, Ct);

        Assert.True(exit == 0, _output.ToString());
        var puts = _aws.LogEntries.Where(e => e.RequestMessage.Method == "PUT").ToArray();
        Assert.Equal(2, puts.Length);
        Assert.Equal("/B/medzen/medzen-lambda-ab12.zip", puts[0].RequestMessage.Path);
        Assert.Equal([1, 2, 3, 4, 5], puts[0].RequestMessage.BodyAsBytes);
        Assert.StartsWith("/B/medzen/template-", puts[1].RequestMessage.Path, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(SoapWorkflowTemplate.Serialize(_template)), JsonNode.Parse(puts[1].RequestMessage.Body!)));

        var create = FormOf("CreateStack");
        Assert.Equal("medzen", create["StackName"]);
        Assert.Equal($"https://B.s3.us-east-1.amazonaws.com{puts[1].RequestMessage.Path[2..]}", create["TemplateURL"]);
        Assert.Equal("CAPABILITY_NAMED_IAM", create["Capabilities.member.1"]);
        var parameters = Enumerable.Range(1, 3).ToDictionary(i => create[$"Parameters.member.{i}.ParameterKey"], i => create[$"Parameters.member.{i}.ParameterValue"]);
        Assert.Equal(new Dictionary<string, string>
        {
            [ParameterNames.CodeS3Bucket] = "B",
            [ParameterNames.CodeS3Key] = "medzen/medzen-lambda-ab12.zip",
            [ParameterNames.Architecture] = "arm64",
        }, parameters);
        var signed = _aws.LogEntries.First(e => e.RequestMessage.Body?.StartsWith("Action=CreateStack", StringComparison.Ordinal) == true).RequestMessage.Headers!["Authorization"].Single();
        Assert.Contains("/us-east-1/cloudformation/aws4_request", signed, StringComparison.Ordinal);

        Assert.Contains($"STEP_FUNCTIONS_STATE_MACHINE_ARN={StateMachineArn}", Lines);
        Assert.Contains($"State machine: {StateMachineArn}", Lines);
        Assert.Equal(3, _aws.LogEntries.Count(e => e.RequestMessage.Body?.StartsWith("Action=DescribeStacks", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task An_update_keeps_the_stacks_other_parameters_such_as_a_rollback()
    {
        _aws.Given(Request.Create().UsingPut().WithPath("/B/*")).RespondWith(Response.Create().WithStatusCode(200));
        Cfn("DescribeStacks", Stack("UPDATE_COMPLETE",
            Parameter(ParameterNames.NamePrefix, "medzen") + Parameter(ParameterNames.SoapGenerationEnabled, "false")
            + Parameter(ParameterNames.CodeS3Key, "old.zip") + Parameter("RemovedFromTheTemplate", "x"),
            Output("StateMachineArn", StateMachineArn)));
        Cfn("UpdateStack", """
            <ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>No updates are to be performed.</Message></Error></ErrorResponse>
            """, 400);

        var exit = await Real().DeployAsync(new DeployOptions("medzen", "us-east-1", "B", "x64", _work), FakePackage, _template, Ct);

        Assert.True(exit == 0, _output.ToString());
        var update = FormOf("UpdateStack");
        Assert.False(update.ContainsKey("UsePreviousTemplate"));
        var byKey = update.Where(kv => kv.Key.EndsWith(".ParameterKey", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Value, kv => update.TryGetValue(kv.Key.Replace("ParameterKey", "ParameterValue", StringComparison.Ordinal), out var v) ? v
                : update[kv.Key.Replace("ParameterKey", "UsePreviousValue", StringComparison.Ordinal)] == "true" ? "(previous)" : "?");
        Assert.Equal("(previous)", byKey[ParameterNames.SoapGenerationEnabled]);
        Assert.Equal("(previous)", byKey[ParameterNames.NamePrefix]);
        Assert.Equal("medzen/medzen-lambda-ab12.zip", byKey[ParameterNames.CodeS3Key]);
        Assert.False(byKey.ContainsKey("RemovedFromTheTemplate"));
        Assert.Contains(Lines, l => l.StartsWith("No changes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "false")]
    [InlineData(true, "true")]
    public async Task Rollback_and_restore_flip_only_the_switch_on_the_stacks_own_template(bool enabled, string value)
    {
        Cfn("DescribeStacks", Stack("UPDATE_COMPLETE",
            Parameter(ParameterNames.NamePrefix, "medzen") + Parameter(ParameterNames.SoapGenerationEnabled, enabled ? "false" : "true") + Parameter(ParameterNames.CodeS3Key, "k.zip")));
        Cfn("UpdateStack", $"<UpdateStackResponse><UpdateStackResult><StackId>{StackId}</StackId></UpdateStackResult></UpdateStackResponse>");

        var exit = await Real().SetSoapGenerationAsync("medzen", enabled, Ct);

        Assert.True(exit == 0, _output.ToString());
        var update = FormOf("UpdateStack");
        Assert.Equal("true", update["UsePreviousTemplate"]);
        Assert.False(update.ContainsKey("TemplateURL"));
        var keys = update.Where(kv => kv.Key.EndsWith(".ParameterKey", StringComparison.Ordinal)).ToDictionary(kv => kv.Value, kv => kv.Key[..^"ParameterKey".Length]);
        Assert.Equal([ParameterNames.CodeS3Key, ParameterNames.NamePrefix, ParameterNames.SoapGenerationEnabled], keys.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(value, update[keys[ParameterNames.SoapGenerationEnabled] + "ParameterValue"]);
        Assert.Equal("true", update[keys[ParameterNames.NamePrefix] + "UsePreviousValue"]);
        Assert.Equal("true", update[keys[ParameterNames.CodeS3Key] + "UsePreviousValue"]);
        Assert.Equal("CAPABILITY_NAMED_IAM", update["Capabilities.member.1"]);
    }

    [Fact]
    public async Task A_stack_that_rolled_back_is_a_failure_with_its_reason()
    {
        Cfn("DescribeStacks", Stack("UPDATE_ROLLBACK_COMPLETE", Parameter(ParameterNames.SoapGenerationEnabled, "true")).Replace(
            "<StackStatus>", "<StackStatusReason>Resource creation cancelled</StackStatusReason><StackStatus>", StringComparison.Ordinal));
        Cfn("UpdateStack", $"<UpdateStackResponse><UpdateStackResult><StackId>{StackId}</StackId></UpdateStackResult></UpdateStackResponse>");

        var exit = await Real().SetSoapGenerationAsync("medzen", enabled: false, Ct);

        Assert.Equal(1, exit);
        Assert.Contains(Lines, l => l.Contains("UPDATE_ROLLBACK_COMPLETE (Resource creation cancelled)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rollback_of_a_missing_stack_says_so()
    {
        Cfn("DescribeStacks", NoSuchStack, 400);

        Assert.Equal(1, await Real().SetSoapGenerationAsync("medzen", enabled: false, Ct));
        Assert.Contains(Lines, l => l.StartsWith("error StackNotFound", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _aws.Stop();
        _aws.Dispose();
        _http.Dispose();
        _output.Dispose();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
