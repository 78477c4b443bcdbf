using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedZen.Scribe.Notes;
using MedZen.Server.Commands;
using MedZen.Server.Notes;
using MedZen.Workflow.Ports;

namespace MedZen.Server.Tests.ReviewConsole;

/// <summary>The console's sign-in, headers and token command over HTTP, and the edit rules it shares with the API.</summary>
public sealed class ConsoleHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_send_security_headers_and_ask_to_sign_in()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Anonymous(followRedirects: false);

        var queue = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/sign-in", queue.Headers.Location!.PathAndQuery);

        var signIn = await client.GetAsync("/sign-in", Ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var csp = string.Join(";", signIn.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", signIn.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(signIn.Headers.CacheControl!.NoStore);
        var html = await signIn.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"token-input\"", html);
        Assert.Contains("__RequestVerificationToken", html);
        Assert.DoesNotContain("<script>", html);

        // The edit's reason is required in the OpenAPI document, as the API enforces it.
        using var service = server.Service();
        var openApi = (await service.GetFromJsonAsync<JsonObject>("/openapi/v1.json", Ct))!;
        var editBody = openApi["components"]!["schemas"]!["EditBody"]!.AsObject();
        Assert.Contains("reason", editBody["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.DoesNotContain("/sign-in", openApi["paths"]!.AsObject().Select(p => p.Key));

        var script = await client.GetAsync("/console-assets/console.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_queue_page_at_slash_leaves_POST_slash_to_the_Step_Functions_API()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Service();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("soap-note", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Sign_in_refuses_a_post_without_antiforgery_token_and_a_token_signed_with_another_key()
    {
        await using var server = await ServerFixture.StartAsync();
        var cookies = new CookieContainer();
        using var client = server.Anonymous(followRedirects: false, cookies);
        var good = ServerFixture.Token("prov-x", "provider");

        var forged = await client.PostAsync("/sign-in/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["Token"] = good }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(cookies.GetCookies(server.BaseAddress), c => c.Name == "medzen_console");

        var wrongKey = await PostSignInAsync(client, ServerFixture.Token("prov-x", "provider", secret: "another-secret-that-is-32-bytes-long!!"));
        Assert.Contains("error=invalid", wrongKey.Headers.Location!.OriginalString);
        Assert.DoesNotContain(cookies.GetCookies(server.BaseAddress), c => c.Name == "medzen_console");

        var signedIn = await PostSignInAsync(client, good);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("medzen_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        // The console cookie is not an API credential.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/soap-notes", Ct)).StatusCode);
    }

    [Fact]
    public async Task Auth_token_prints_a_token_the_API_accepts_on_embedded_defaults()
    {
        await using var server = await ServerFixture.StartAsync(null, ("MedZen:Auth:JwtSecret", null));
        var (exit, output) = await RunAsync("auth", "token", "--data", server.DataFolder, "--provider", "prov-local");
        Assert.Equal(0, exit);
        var token = output.Trim().Split('\n')[^1].Trim();
        Assert.True(File.Exists(Path.Combine(server.DataFolder, "console-jwt-secret")));

        using var client = server.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/soap-notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/executions", Ct)).StatusCode);

        var (_, adminOutput) = await RunAsync("auth", "token", "--data", server.DataFolder, "--provider", "ops", "--role", "admin");
        client.DefaultRequestHeaders.Authorization = new("Bearer", adminOutput.Trim().Split('\n')[^1].Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/executions", Ct)).StatusCode);

        var (refused, _) = await RunAsync("auth", "token", "--data", server.DataFolder, "--provider", "x", "--role", "service_role");
        Assert.NotEqual(0, refused);
    }

    [Theory]
    [InlineData("""{"version":1,"note":{},"reason":"x"}""", "note.subjective")]
    [InlineData("""{"version":1,"note":{"subjective":{"chiefComplaint":[{"text":"Sore throat.","evidence":["s2"]}]}},"reason":"x"}""", "note.problems")]
    [InlineData("""{"version":1,"note":{"subjective":{"chiefComplaint":[{"text":"Sore throat.","evidence":["s2"]}]},"problems":[{"name":"Pharyngitis","assessment":[{"text":"Likely strep.","evidence":[]}],"plan":[]}]}}""", "reason")]
    [InlineData("""{"version":1,"note":{"subjective":{"feelings":[]},"problems":[]},"reason":"x"}""", "note.subjective.feelings")]
    [InlineData("""{"version":1,"note":{"subjective":{"chiefComplaint":[{"text":"  ","evidence":[]}]},"problems":[{"name":"P","assessment":[{"text":"A.","evidence":[]}],"plan":[]}]},"reason":"x"}""", "note.subjective.chiefComplaint.0")]
    [InlineData("""{"version":1,"reason":"x"}""", "note")]
    public async Task A_refused_edit_is_a_400_problem_naming_the_field_and_stores_nothing(string body, string field)
    {
        await using var server = await ServerFixture.StartAsync();
        var visit = await server.CreateVisitAsync(providerId: "prov-edit");
        using var service = server.Service();
        await server.FinalizeAndWaitAsync(service, visit);
        using var provider = server.Provider("prov-edit");
        var noteId = (await provider.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={visit["sessionId"]}", Ct))![0]!["id"]!.GetValue<string>();

        var response = await provider.PutAsync($"/v1/soap-notes/{noteId}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal(field, problem["field"]!.GetValue<string>());

        var note = (await provider.GetFromJsonAsync<JsonObject>($"/v1/soap-notes/{noteId}", Ct))!;
        Assert.Equal(1, note["version"]!.GetValue<int>());
        foreach (var format in new[] { "markdown", "text", "fhir" })
        {
            Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/v1/soap-notes/{noteId}?format={format}", Ct)).StatusCode);
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"problems":[{"name":"","assessment":[],"plan":[]}]}""")]
    [InlineData("not json at all")]
    [InlineData("null")]
    public void No_stored_note_makes_an_export_fail(string storedJson)
    {
        foreach (var status in new[] { SoapNoteStatus.Draft, SoapNoteStatus.Signed })
        {
            var record = new SoapNoteRecord
            {
                Id = "note-1",
                SessionId = "s",
                AppointmentId = "a",
                ProviderId = "p",
                PatientId = "pt",
                Status = status,
                Version = 3,
                NoteJson = storedJson,
                SignedAt = status == SoapNoteStatus.Signed ? DateTime.UtcNow : null,
                SignedBy = status == SoapNoteStatus.Signed ? "p" : null,
            };
            foreach (var format in new[] { "markdown", "text", "fhir" })
            {
                var export = SoapNoteService.Export(record, format);
                Assert.False(string.IsNullOrWhiteSpace(export.Content));
                Assert.Equal(status == SoapNoteStatus.Signed, export.Content.Contains("final", StringComparison.Ordinal) || export.Content.Contains("Signed by p", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Statement_paths_edit_the_statement_they_name_and_refuse_unknown_ones()
    {
        var note = new SoapNote
        {
            Subjective = new() { ChiefComplaint = [new("Sore throat.", ["s2"])] },
            Problems = [new("Pharyngitis", null, [new("Likely strep.", ["s6"])], [new("Amoxicillin 500 mg.", ["s8"])])],
        };
        var replaced = NoteStatementPaths.Replace(note, "problems.0.plan.0", "Amoxicillin 500 mg twice daily.");
        Assert.Equal("Amoxicillin 500 mg twice daily.", replaced.Problems[0].Plan[0].Text);
        Assert.Equal(["s8"], replaced.Problems[0].Plan[0].Evidence);
        var added = NoteStatementPaths.Add(note, "subjective.allergies", "No known drug allergies.");
        Assert.False(added.Subjective.Allergies.Single().Supported);
        Assert.Empty(NoteStatementPaths.Remove(note, "subjective.chiefComplaint.0").Subjective.ChiefComplaint);
        foreach (var bad in new[] { "subjective.feelings.0", "problems.3.plan.0", "problems.0.plan.5", "objective.vitals.-1", "x" })
        {
            var e = Assert.Throws<MedZen.Server.Hosting.ApiProblemException>(() => NoteStatementPaths.Remove(note, bad));
            Assert.Equal(400, e.StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string token)
    {
        var page = await client.GetStringAsync("/sign-in", Ct);
        var marker = "name=\"__RequestVerificationToken\" value=\"";
        var start = page.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var antiforgery = page[start..page.IndexOf('"', start)];
        return await client.PostAsync("/sign-in/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Token"] = token,
            ["__RequestVerificationToken"] = antiforgery,
            ["ReturnUrl"] = "/",
        }), Ct);
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { AuthCommands.Create() };
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, Ct);
        return (exit, output.ToString());
    }
}
