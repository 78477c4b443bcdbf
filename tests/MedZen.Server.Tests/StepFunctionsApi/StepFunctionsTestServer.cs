using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedZen.Backends.SigV4;
using MedZen.Server.StepFunctionsApi;
using MedZen.States.Execution;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;
using MedZen.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>A real Kestrel app on 127.0.0.1 with an in-memory StatesService and the Step Functions endpoint.</summary>
internal sealed class StepFunctionsTestServer : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAMEDZENTEST000001";
    public const string SecretAccessKey = "medzen/test/secret/access/key/0000000001";
    public const string ApiKey = "mz_test_service_key";
    public const string Region = "us-east-1";

    private readonly WebApplication _app;

    private StepFunctionsTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = HangGuard.Limit };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public StatesService States => _app.Services.GetRequiredService<StatesService>();

    public IServiceProvider Services => _app.Services;

    public static async Task<StepFunctionsTestServer> StartAsync(Action<TaskHandlerRegistry>? tasks = null, string? mockConfigFile = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var extra = settings;
        var configuration = new Dictionary<string, string?>
        {
            ["MedZen:AwsApi:AccessKeyId"] = AccessKeyId,
            ["MedZen:AwsApi:SecretAccessKey"] = SecretAccessKey,
            ["MedZen:Auth:ServiceApiKey"] = ApiKey,
            ["MedZen:Engine:MockConfigFile"] = mockConfigFile,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var registry = new TaskHandlerRegistry();
        tasks?.Invoke(registry);
        builder.Services.AddSingleton(_ => new StatesService(new InMemoryStatesStore(), registry, new StatesEngineOptions { TimeScale = 0 }));
        builder.Services.AddStepFunctionsApi(builder.Configuration);
        // As in the real host: everything else requires an authenticated user; the endpoint must still answer in AWS's shapes.
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapStepFunctionsApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StepFunctionsTestServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public enum Auth
    {
        SigV4,
        ApiKey,
        None,
    }

    /// <summary>Sends one action; the body is raw text so tests can send malformed JSON too.</summary>
    public async Task<AwsResponse> SendAsync(string target, string body, Auth auth = Auth.SigV4, Action<HttpRequestMessage>? tamper = null,
        AwsCredentials? credentials = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaseAddress)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (auth == Auth.SigV4)
        {
            await new SigV4Signer(credentials ?? new AwsCredentials(AccessKeyId, SecretAccessKey), Region, "states", TimeProvider.System)
                .SignAsync(request, CancellationToken.None);
        }

        if (auth == Auth.ApiKey)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", ApiKey);
        }

        tamper?.Invoke(request);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return new AwsResponse((int)response.StatusCode, JsonNode.Parse(text)!.AsObject(), errorType, response.Content.Headers.ContentType?.MediaType);
    }

    public Task<AwsResponse> CallAsync(string action, JsonObject body, Auth auth = Auth.SigV4) =>
        SendAsync("AWSStepFunctions." + action, body.ToJsonString(), auth);

    /// <summary>Calls an action that must succeed and returns its body.</summary>
    public async Task<JsonObject> OkAsync(string action, JsonObject body)
    {
        var response = await CallAsync(action, body);
        Assert.True(response.Status == 200, $"{action} failed: {response.Status} {response.Body.ToJsonString()}");
        return response.Body;
    }

    /// <summary>Calls an action that must fail and returns the AWS error name after checking the error shape.</summary>
    public async Task<string> ErrorAsync(string action, JsonObject body, int status = 400)
    {
        var response = await CallAsync(action, body);
        return response.AssertError(status);
    }

    public async Task<string> CreateMachineAsync(string name, string definition, string type = "STANDARD") =>
        (await OkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = name,
            ["definition"] = definition,
            ["roleArn"] = "arn:aws:iam::123456789012:role/test",
            ["type"] = type,
        }))["stateMachineArn"]!.GetValue<string>();

    public async Task<JsonObject> RunToEndAsync(string machineArn, string? input = null, string? name = null)
    {
        var body = new JsonObject { ["stateMachineArn"] = machineArn };
        if (input is not null)
        {
            body["input"] = input;
        }

        if (name is not null)
        {
            body["name"] = name;
        }

        var arn = (await OkAsync("StartExecution", body))["executionArn"]!.GetValue<string>();
        await States.WaitForCompletionAsync(arn).WaitAsync(HangGuard.Limit);
        return await OkAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record AwsResponse(int Status, JsonObject Body, string? ErrorTypeHeader, string? ContentType)
{
    public string AssertError(int status = 400)
    {
        Assert.Equal(status, Status);
        var type = Body["__type"]!.GetValue<string>();
        Assert.Equal(type, ErrorTypeHeader);
        Assert.False(string.IsNullOrEmpty(Body["message"]!.GetValue<string>()));
        Assert.Equal("application/x-amz-json-1.0", ContentType);
        return type;
    }
}
