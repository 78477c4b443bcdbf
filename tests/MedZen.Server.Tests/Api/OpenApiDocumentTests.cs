using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MedZen.Server.Tests.Api;

/// <summary>
/// <c>/openapi/v1.json</c>, read from a running server, describes the API completely: a schema for every body, a problem
/// detail for every refusal, both ways to authenticate on every protected operation; and its reference page is local.
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_has_typed_answers_problem_details_and_both_security_schemes()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Service();
        var document = (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json", Ct))!;

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        var apiKey = Assert.Single(schemes, s => (string?)s.Value!["type"] == "apiKey");
        Assert.Equal("x-api-key", (string?)apiKey.Value!["name"]);
        Assert.Equal("header", (string?)apiKey.Value!["in"]);
        var bearer = Assert.Single(schemes, s => (string?)s.Value!["type"] == "http");
        Assert.Equal("bearer", (string?)bearer.Value!["scheme"]);

        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var name in new[] { "SoapNote", "NoteStatement", "SoapNoteView", "ExecutionDetail", "ExecutionSummary", "ExecutionHistoryPage", "AwsHistoryEvent", "ProblemDetails" })
        {
            Assert.True(schemas.ContainsKey(name), $"components.schemas has no {name}");
        }

        Assert.Equal("string", (string?)schemas["ProblemDetails"]!["properties"]!["error"]!["type"]);
        Assert.Equal("string", (string?)schemas["NoteStatement"]!["properties"]!["text"]!["type"]);
        // The last history page has no nextToken at all, so the schema must not require one.
        Assert.DoesNotContain(schemas["ExecutionHistoryPage"]!["required"]!.AsArray(), r => (string?)r == "nextToken");
        Assert.Equal("string", (string?)schemas["AwsHistoryEvent"]!["properties"]!["timestamp"]!["type"]);

        var operations = Operations(document).ToList();
        Assert.Contains(operations, o => o.Id == "FinalizeVideoCall");
        Assert.Contains(operations, o => o.Id == "EditSoapNote");
        Assert.Contains(operations, o => o.Id == "DescribeExecution");
        Assert.DoesNotContain(operations, o => o.Path == "/" || o.Path.StartsWith("/notes", StringComparison.Ordinal));
        foreach (var (path, method, id, operation) in operations)
        {
            var where = $"{method.ToUpperInvariant()} {path} ({id})";
            var responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('4'));
            foreach (var (status, response) in responses)
            {
                var content = response!["content"]?.AsObject();
                if (status.StartsWith('2'))
                {
                    Assert.True(content is { Count: > 0 }, $"{where}: {status} has no body schema");
                    foreach (var (type, media) in content!)
                    {
                        Assert.True(IsDescribed(media!["schema"]), $"{where}: {status} {type} has an empty schema");
                    }
                }
                else if (status[0] is '4' or '5')
                {
                    var problem = content?["application/problem+json"]?["schema"]?["$ref"];
                    Assert.True(problem is not null && ((string)problem!).EndsWith("/ProblemDetails", StringComparison.Ordinal),
                        $"{where}: {status} is not a problem detail");
                }
            }

            // Every operation here is behind a policy: either scheme admits a caller.
            var security = operation["security"]?.AsArray().Select(r => string.Join(",", r!.AsObject().Select(s => s.Key))).ToList() ?? [];
            Assert.True(security.Contains(apiKey.Key) && security.Contains(bearer.Key), $"{where}: security is [{string.Join("; ", security)}]");
            Assert.Contains(responses, r => r.Key == "401");

            if (method is "put" or "post" && operation["requestBody"] is { } body)
            {
                Assert.All(body["content"]!.AsObject(), m => Assert.True(IsDescribed(m.Value!["schema"]), $"{where}: request {m.Key} has an empty schema"));
            }
        }

        // The bodies the handlers read are described, not only the ones the framework binds.
        foreach (var id in new[] { "FinalizeVideoCall", "CreateVisit", "AttachTranscript", "EditSoapNote", "SignSoapNote" })
        {
            Assert.NotNull(operations.Single(o => o.Id == id).Operation["requestBody"]);
        }

        // A stored note is described by the note's schema, not as any object.
        var view = schemas["SoapNoteView"]!["properties"]!["note"]!.ToJsonString();
        Assert.Contains("#/components/schemas/SoapNote\"", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_carries_the_error_name_the_document_promises()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Service();

        var response = await client.GetAsync("/v1/soap-notes/no-such-note", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("NoteNotFound", (string?)problem["error"]);
        Assert.Equal(404, (int?)problem["status"]);
    }

    [Fact]
    public async Task The_API_reference_page_and_its_assets_come_from_the_server()
    {
        await using var server = await ServerFixture.StartAsync();
        using var anonymous = server.Anonymous();

        var page = await anonymous.GetAsync("/api-docs/", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var references = Reference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(references);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(External(), html);
        var pageUri = page.RequestMessage!.RequestUri!;
        foreach (var reference in references)
        {
            var asset = await anonymous.GetAsync(new Uri(pageUri, reference), Ct);
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{reference}: {asset.StatusCode}");
            Assert.Equal(server.BaseAddress.Authority, asset.RequestMessage!.RequestUri!.Authority);
        }

        // The page's configuration names this server's document and turns the public validator off.
        var script = await anonymous.GetStringAsync(new Uri(pageUri, "index.js"), Ct);
        var configuration = JsonNode.Parse(ConfigObject().Match(script).Groups["json"].Value)!;
        Assert.Equal("/openapi/v1.json", (string?)Assert.Single(configuration["urls"]!.AsArray())!["url"]);
        // Absent or null: Swagger UI's page script then turns the public validator (validator.swagger.io) off.
        Assert.Null(configuration["validatorUrl"]);
        Assert.Contains("configObject.validatorUrl = null", script, StringComparison.Ordinal);

        // The console's content security policy holds for the page: scripts and styles from this server only.
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Path, string Method, string? Id, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from method in Methods
        let operation = path.Value![method]?.AsObject()
        where operation is not null
        select (path.Key, method, (string?)operation["operationId"], operation);

    /// <summary>A schema that says something: a reference, a type, or a composition.</summary>
    private static bool IsDescribed(JsonNode? schema) =>
        schema is JsonObject s && (s.ContainsKey("$ref") || s.ContainsKey("type") || s.ContainsKey("allOf") || s.ContainsKey("oneOf") || s.ContainsKey("anyOf"));

    [GeneratedRegex("""(?:src|href)\s*=\s*"(?<url>[^"]+)"|(?:src|href)\s*=\s*'(?<url>[^']+)'""")]
    private static partial Regex Reference();

    [GeneratedRegex(@"var configObject = (?<json>\{.*?\});\s*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex ConfigObject();

    [GeneratedRegex("""(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}""", RegexOptions.IgnoreCase)]
    private static partial Regex External();
}
