using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace MedZen.Server.Tests.StepFunctionsApi;

/// <summary>
/// The HTTP Task (<c>arn:aws:states:::http:invoke</c>) on the Step Functions endpoint, against a WireMock API, with an
/// EventBridge connection configured as settings; and TestState's TRACE level, which reports its raw exchange.
/// </summary>
public sealed class HttpTaskTests : IAsyncLifetime
{
    private const string Connection = "arn:aws:events:us-east-1:123456789012:connection/orders-api/6a1c0f4e-1d2b-4c55-9f3e-2b8d7e0a9c11";
    private const string ApiKey = "k-7f3a9c";
    private readonly WireMockServer _api = WireMockServer.Start();
    private StepFunctionsTestServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _api.Given(Request.Create().WithPath("/v1/orders").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithHeader("X-Request-Id", "r-42")
                .WithBody("""{"id":"o-9","status":"queued"}"""));
        _api.Given(Request.Create().WithPath("/v1/missing").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "text/plain").WithBody("no such order"));
        _api.Given(Request.Create().WithPath("/v1/form").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/plain").WithBody("ok"));
        _server = await StepFunctionsTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MedZen:Engine:HttpConnections:orders-api:AuthorizationType"] = "ApiKey",
            ["MedZen:Engine:HttpConnections:orders-api:ApiKeyName"] = "x-api-key",
            ["MedZen:Engine:HttpConnections:orders-api:ApiKeyValue"] = ApiKey,
            ["MedZen:Engine:HttpConnections:orders-api:QueryParameters:tenant"] = "clinic-3",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _api.Stop();
    }

    private string OrdersTask(string path = "/v1/orders", string method = "POST") => $$$"""
        {"Type":"Task","Resource":"arn:aws:states:::http:invoke",
         "Parameters":{"ApiEndpoint":"{{{_api.Url}}}{{{path}}}","Method":"{{{method}}}",
           "Authentication":{"ConnectionArn":"{{{Connection}}}"},
           "Headers":{"X-Correlation-Id.$":"$.correlation"},
           "QueryParameters":{"priority":"high","tags":["a","b"]},
           "RequestBody":{"patient.$":"$.patient","items":[1,2]}},
         "End":true}
        """;

    private async Task<ExecutionRecord> RunAsync(string name, string state, string input)
    {
        var ct = TestContext.Current.CancellationToken;
        var machine = await _server.States.CreateStateMachineAsync(name, $$$"""{"StartAt":"Call","States":{"Call":{{{state}}}}}""", ct: ct);
        var started = await _server.States.StartExecutionAsync(machine, "run", input, ct);
        return await _server.States.WaitForCompletionAsync(started.ExecutionArn, ct).WaitAsync(HangGuard.Limit, ct);
    }

    [Fact]
    public async Task The_task_sends_its_request_with_the_connections_key_and_returns_AWS_result_shape()
    {
        var final = await RunAsync("orders", OrdersTask(), """{"correlation":"c-1","patient":"p-77"}""");

        Assert.True(final.Status == ExecutionStatus.Succeeded, $"{final.Error}: {final.Cause}");
        var output = JsonNode.Parse(final.Output!)!.AsObject();
        Assert.Equal(201, output["StatusCode"]!.GetValue<int>());
        Assert.Equal("Created", output["StatusText"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"o-9","status":"queued"}"""), output["ResponseBody"]));
        // Header names as the server sent them (their case is the server's).
        string Header(string name) => output["Headers"]!.AsObject().Single(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value!.AsArray().Single()!.GetValue<string>();
        Assert.Equal("r-42", Header("X-Request-Id"));
        Assert.Equal("application/json", Header("Content-Type"));

        var call = Assert.Single(_api.LogEntries).RequestMessage;
        Assert.Equal(ApiKey, call.Headers!["x-api-key"].Single());
        Assert.Equal("c-1", call.Headers!["X-Correlation-Id"].Single());
        Assert.StartsWith("Amazon|StepFunctions|HttpInvoke|us-east-1", call.Headers!["User-Agent"].Single(), StringComparison.Ordinal);
        Assert.StartsWith("application/json", call.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.Equal(["high"], call.Query!["priority"]);
        Assert.Equal(["a", "b"], call.Query!["tags"]);
        Assert.Equal(["clinic-3"], call.Query!["tenant"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"patient":"p-77","items":[1,2]}"""), JsonNode.Parse(call.Body!)));
    }

    [Fact]
    public async Task A_status_outside_2xx_fails_with_its_States_Http_StatusCode_error_which_Catch_matches()
    {
        var state = $$$"""
            {"Type":"Task","Resource":"arn:aws:states:::http:invoke",
             "Parameters":{"ApiEndpoint":"{{{_api.Url}}}/v1/missing","Method":"GET","Authentication":{"ConnectionArn":"{{{Connection}}}"}},
             "Catch":[{"ErrorEquals":["States.Http.StatusCode.404"],"ResultPath":"$.failure","Next":"NotFound"}],"End":true},
             "NotFound":{"Type":"Pass","End":true}
            """;
        var caught = await RunAsync("missing", state, "{}");

        Assert.Equal(ExecutionStatus.Succeeded, caught.Status);
        var failure = JsonNode.Parse(caught.Output!)!["failure"]!;
        Assert.Equal("States.Http.StatusCode.404", failure["Error"]!.GetValue<string>());
        Assert.Equal("no such order", failure["Cause"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_endpoint_nobody_listens_on_fails_with_States_Http_Socket()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var final = await RunAsync("socket", $$$"""
            {"Type":"Task","Resource":"arn:aws:states:::http:invoke",
             "Parameters":{"ApiEndpoint":"http://127.0.0.1:{{{port}}}/x","Method":"GET","Authentication":{"ConnectionArn":"{{{Connection}}}"}},"End":true}
            """, "{}");

        Assert.Equal(ExecutionStatus.Failed, final.Status);
        Assert.Equal("States.Http.Socket", final.Error);
    }

    [Fact]
    public async Task A_url_encoded_body_follows_its_array_format()
    {
        var final = await RunAsync("form", $$$"""
            {"Type":"Task","Resource":"arn:aws:states:::http:invoke",
             "Parameters":{"ApiEndpoint":"{{{_api.Url}}}/v1/form","Method":"POST","Authentication":{"ConnectionArn":"{{{Connection}}}"},
               "RequestBody":{"name":"a b","tags":["x","y"],"dose":{"mg":25}},
               "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"BRACKETS"}} }, "End":true}
            """, "{}");

        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        Assert.Equal("ok", JsonNode.Parse(final.Output!)!["ResponseBody"]!.GetValue<string>());
        var call = Assert.Single(_api.LogEntries).RequestMessage;
        Assert.Equal("name=a%20b&tags%5B%5D=x&tags%5B%5D=y&dose%5Bmg%5D=25", call.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", call.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ApiEndpoint":"URL/v1/orders","Method":"POST"}""", "ConnectionArn")]
    [InlineData("""{"ApiEndpoint":"URL/v1/orders","Method":"POST","Authentication":{"ConnectionArn":"CONN"},"Headers":{"Authorization":"Bearer x"}}""", "'Authorization'")]
    [InlineData("""{"ApiEndpoint":"URL/v1/orders","Method":"FETCH","Authentication":{"ConnectionArn":"CONN"}}""", "Method")]
    [InlineData("""{"ApiEndpoint":"ftp://example.org/x","Method":"GET","Authentication":{"ConnectionArn":"CONN"}}""", "ApiEndpoint")]
    public async Task Parameters_AWS_refuses_fail_with_States_Runtime_before_anything_is_sent(string parameters, string named)
    {
        var state = $$$"""{"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{{{parameters.Replace("URL", _api.Url, StringComparison.Ordinal).Replace("CONN", Connection, StringComparison.Ordinal)}}},"End":true}""";
        var final = await RunAsync("refused", state, "{}");

        Assert.Equal(ExecutionStatus.Failed, final.Status);
        Assert.Equal("States.Runtime", final.Error);
        Assert.Contains(named, final.Cause, StringComparison.Ordinal);
        Assert.Empty(_api.LogEntries);
    }

    [Fact]
    public async Task TestState_at_TRACE_reports_the_raw_request_and_response_and_shows_the_connections_key_only_when_revealed()
    {
        var request = new JsonObject
        {
            ["definition"] = OrdersTask(),
            ["input"] = """{"correlation":"c-2","patient":"p-1"}""",
            ["inspectionLevel"] = "TRACE",
        };
        var trace = await _server.OkAsync("TestState", request);

        Assert.True(trace["status"]!.GetValue<string>() == "SUCCEEDED", trace.ToJsonString());
        var sent = trace["inspectionData"]!["request"]!;
        Assert.Equal("http", sent["protocol"]!.GetValue<string>());
        Assert.Equal("POST", sent["method"]!.GetValue<string>());
        Assert.Equal($"{_api.Url}/v1/orders?priority=high&tags=a&tags=b", sent["url"]!.GetValue<string>());
        Assert.Contains("X-Correlation-Id: c-2", sent["headers"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, sent["headers"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"patient":"p-1","items":[1,2]}"""), JsonNode.Parse(sent["body"]!.GetValue<string>())));
        var received = trace["inspectionData"]!["response"]!;
        Assert.Equal("201", received["statusCode"]!.GetValue<string>());
        Assert.Equal("Created", received["statusMessage"]!.GetValue<string>());
        Assert.StartsWith("HTTP/1.1", received["protocol"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("X-Request-Id: r-42", received["headers"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("""{"id":"o-9","status":"queued"}""", received["body"]!.GetValue<string>());

        request["revealSecrets"] = true;
        var revealed = await _server.OkAsync("TestState", request);
        Assert.Contains($"x-api-key: {ApiKey}", revealed["inspectionData"]!["request"]!["headers"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("tenant=clinic-3", revealed["inspectionData"]!["request"]!["url"]!.GetValue<string>(), StringComparison.Ordinal);

        request["inspectionLevel"] = "DEBUG";
        var debug = await _server.OkAsync("TestState", request);
        Assert.Null(debug["inspectionData"]!["request"]);
        Assert.Null(debug["inspectionData"]!["response"]);
        Assert.NotNull(debug["inspectionData"]!["afterParameters"]);
    }
}
