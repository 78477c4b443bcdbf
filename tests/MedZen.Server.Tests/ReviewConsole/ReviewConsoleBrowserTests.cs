using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedZen.Workflow.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedZen.Server.Tests.ReviewConsole;

/// <summary>The console as a clinician and an operator use it, in a real Chromium, with axe-core on every page.</summary>
[Collection(ConsoleBrowserCollection.Name)]
public sealed class ReviewConsoleBrowserTests(ConsoleBrowserFixture fixture)
{
    // Addresses are asserted with Expect(page).ToHaveURLAsync, which polls. Page.WaitForURLAsync checks the URL and then
    // subscribes to the navigation events, so an event delivered in between is lost and the call waits out its timeout
    // (playwright-dotnet #3364; #3365: it also waits for "load" when the URL already matches, whatever WaitUntil says).
    // That was the tablet test's 30 s stall: its network record showed the note page committed and loaded at 2.4 s.
    private static Regex NotePath(string noteId) => new($"/notes/{Regex.Escape(noteId)}$");

    [Fact]
    public async Task Sign_in_open_the_queue_and_a_note_and_a_statement_highlights_exactly_its_turns()
    {
        var (context, page) = await fixture.SignInAsync(ConsoleBrowserFixture.ProviderA);
        await using var _ = context;

        var rows = page.Locator("[data-testid=note-row]");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(
            new[] { fixture.NoteA1, fixture.NoteA2 }.Order(),
            (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.noteId)")).Order());
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);

        await page.Locator($"[data-testid=note-row][data-note-id='{fixture.NoteA1}'] a").ClickAsync();
        await Expect(page).ToHaveURLAsync(NotePath(fixture.NoteA1));
        var statements = page.Locator("[data-testid=statement]");
        await Expect(statements.First).ToBeVisibleAsync();
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);

        // Every statement with evidence: a click marks exactly its turns, nothing else.
        var audit = await fixture.Server.App.Services.GetRequiredService<IClinicalStore>().ListAuditAsync("soap_note", fixture.NoteA1, default);
        Assert.Contains(audit, a => a.Action == "soap_note.view" && a.ActorId == ConsoleBrowserFixture.ProviderA);

        var withEvidence = page.Locator("[data-testid=statement]:not([data-evidence=''])");
        var count = await withEvidence.CountAsync();
        Assert.True(count > 0, "the generated note links no statement to the transcript");
        for (var i = 0; i < count; i++)
        {
            var statement = withEvidence.Nth(i);
            var evidence = (await statement.GetAttributeAsync("data-evidence"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
            await statement.Locator(".text").ClickAsync();
            var current = page.Locator("[data-testid=segment][aria-current=true]");
            await Expect(current).ToHaveCountAsync(evidence.Length);
            Assert.Equal(evidence, (await current.EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.segmentId)")).Order().ToArray());
            await Expect(current.First).ToBeInViewportAsync();
        }

        if (ConsoleBrowserFixture.ScreenshotFolder is { } folder)
        {
            await withEvidence.Nth(Math.Min(2, count - 1)).Locator(".text").ClickAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "console-note.png") });
        }
    }

    [Fact]
    public async Task The_queue_pages_by_cursor_and_filters_by_status_in_the_database()
    {
        var (context, page) = await fixture.SignInAsync(ConsoleBrowserFixture.ProviderA);
        await using var _ = context;
        var rows = page.Locator("[data-testid=note-row]");

        await page.GotoAsync("/?size=1");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=first-page]")).ToHaveCountAsync(0);
        var newest = await rows.First.GetAttributeAsync("data-note-id");

        await page.Locator("[data-testid=next-page]").ClickAsync();
        await Expect(page.Locator("[data-testid=first-page]")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(1);
        var older = await rows.First.GetAttributeAsync("data-note-id");
        await Expect(page.Locator("[data-testid=next-page]")).ToHaveCountAsync(0);
        Assert.Equal(new[] { fixture.NoteA1, fixture.NoteA2 }.Order(), new[] { newest, older }.Order());
        Assert.Contains("size=1", page.Url, StringComparison.Ordinal);
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);

        foreach (var status in new[] { "draft", "edited", "signed" })
        {
            await page.GotoAsync($"/?status={status}");
            await Expect(page.Locator("[data-testid=status-filter]")).ToHaveValueAsync(status);
            var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.status)");
            Assert.All(shown, s => Assert.Equal(status, s));
        }

        // A cursor this console did not write is said so, not a 500 page.
        await page.GotoAsync("/?after=not-a-cursor");
        await Expect(page.Locator("[data-testid=stale-cursor]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_turn_highlights_the_statements_it_supports_and_j_k_move_between_statements()
    {
        var (context, page) = await fixture.SignInAsync(ConsoleBrowserFixture.ProviderA);
        await using var _ = context;
        await page.GotoAsync($"/notes/{fixture.NoteA1}");

        var cited = (await page.Locator("[data-testid=statement]").EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.evidence)"))
            .SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries)).First();
        await page.Locator($"[data-testid=segment][data-segment-id='{cited}']").ClickAsync();
        var supported = page.Locator("[data-testid=statement].supported-by-turn");
        await Expect(supported.First).ToBeVisibleAsync();
        foreach (var evidence in await supported.EvaluateAllAsync<string[]>("s => s.map(x => x.dataset.evidence)"))
        {
            Assert.Contains(cited, evidence.Split(' '));
        }

        await page.Locator("body").ClickAsync(new() { Position = new() { X = 2, Y = 2 } });
        await page.Keyboard.PressAsync("j");
        var first = page.Locator("[data-testid=statement]").First;
        await Expect(first).ToHaveAttributeAsync("data-selected", "true");
        await page.Keyboard.PressAsync("j");
        await Expect(page.Locator("[data-testid=statement]").Nth(1)).ToHaveAttributeAsync("data-selected", "true");
        await page.Keyboard.PressAsync("k");
        await Expect(first).ToHaveAttributeAsync("data-selected", "true");
        await page.Keyboard.PressAsync("e");
        await Expect(page.Locator("[data-testid=statement-editor]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Editing_saves_version_2_with_a_diff_and_signing_makes_the_note_read_only_and_its_FHIR_final()
    {
        var (context, page) = await fixture.SignInAsync(ConsoleBrowserFixture.ProviderA);
        await using var _ = context;
        await page.GotoAsync($"/notes/{fixture.NoteA2}");
        await Expect(page.Locator("[data-testid=note-version]")).ToHaveTextAsync("Version 1");

        var statement = page.Locator("[data-testid=statement]").First;
        var id = await statement.GetAttributeAsync("data-statement-id");
        await statement.Locator("[data-testid=edit]").ClickAsync();
        var editor = page.Locator("[data-testid=statement-editor]");
        await Expect(editor).ToBeVisibleAsync();
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);
        await editor.Locator("textarea").FillAsync("Sore throat and fever for three days, per the patient.");
        await editor.Locator("[data-testid=save]").ClickAsync();

        await Expect(page.Locator("[data-testid=note-version]")).ToHaveTextAsync("Version 2");
        await Expect(page.Locator($"[data-testid=statement][data-statement-id='{id}'] .text")).ToHaveTextAsync("Sore throat and fever for three days, per the patient.");
        await Expect(page.Locator("[data-testid=diff] .diff-added")).ToContainTextAsync("per the patient");
        await Expect(page.Locator("[data-testid=version]")).ToHaveCountAsync(2);

        await page.Locator("[data-testid=sign]").ClickAsync();
        await Expect(page.Locator("[data-testid=note-status]")).ToContainTextAsync("Signed");
        await Expect(page.Locator("[data-testid=edit]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=sign]")).ToHaveCountAsync(0);
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);

        using var api = fixture.Server.Provider(ConsoleBrowserFixture.ProviderA);
        var bundle = (await api.GetFromJsonAsync<JsonObject>($"/v1/soap-notes/{fixture.NoteA2}?format=fhir"))!;
        var composition = bundle["entry"]!.AsArray().Select(e => e!["resource"]!).Single(r => r["resourceType"]!.GetValue<string>() == "Composition");
        Assert.Equal("final", composition["status"]!.GetValue<string>());
        var attester = composition["attester"]!.AsArray().Single()!;
        Assert.Equal("legal", attester["mode"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(attester["time"]?.GetValue<string>()));
        Assert.NotNull(attester["party"]);

        // The console's own export says the same.
        var markdown = await page.APIRequest.GetAsync($"/notes/{fixture.NoteA2}/export?format=markdown");
        Assert.Contains($"Signed by {ConsoleBrowserFixture.ProviderA}", await markdown.TextAsync());
    }

    [Fact]
    public async Task Provider_B_cannot_open_provider_As_note_nor_see_it_in_the_queue()
    {
        var (context, page) = await fixture.SignInAsync(ConsoleBrowserFixture.ProviderB);
        await using var _ = context;
        await Expect(page.Locator("[data-testid=note-row]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=note-row]")).ToHaveAttributeAsync("data-note-id", fixture.NoteB1);

        // Another provider's note answers as a missing one would (404), so a status never tells that a note exists.
        var response = await page.GotoAsync($"/notes/{fixture.NoteA1}");
        Assert.Equal(404, response!.Status);
        await Expect(page.Locator("[data-testid=problem]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=statement]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=segment]")).ToHaveCountAsync(0);
        var audit = await fixture.Server.App.Services.GetRequiredService<IClinicalStore>().ListAuditAsync("soap_note", fixture.NoteA1, default);
        Assert.Contains(audit, a => a.Action == "soap_note.view.denied" && a.ActorId == ConsoleBrowserFixture.ProviderB);
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);

        var export = await page.APIRequest.GetAsync($"/notes/{fixture.NoteA1}/export?format=text");
        Assert.Equal(404, export.Status);
        var admin = await page.GotoAsync("/executions");
        Assert.Equal(403, admin!.Status);
    }

    [Fact]
    public async Task An_admin_opens_an_execution_and_sees_its_state_graph_and_the_operations_pages()
    {
        var (context, page) = await fixture.SignInAsync("ops-admin", "admin");
        await using var _ = context;
        await page.GotoAsync("/executions?status=SUCCEEDED");
        await Expect(page.Locator("[data-testid=execution-row]").First).ToBeVisibleAsync();
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);

        await page.Locator($"[data-testid=execution-row][data-execution-arn='{fixture.ExecutionA1}'] a").ClickAsync();
        var nodes = page.Locator("[data-testid=state-node]");
        await Expect(nodes.First).ToBeVisibleAsync();
        var statuses = await nodes.EvaluateAllAsync<string[]>("n => n.map(x => x.dataset.status)");
        var names = await nodes.EvaluateAllAsync<string[]>("n => n.map(x => x.dataset.state)");
        Assert.All(statuses, s => Assert.Contains(s, new[] { "succeeded", "failed", "caught", "running", "not-run" }));
        Assert.Contains("succeeded", statuses);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.True(await page.Locator("[data-testid=history-event]").CountAsync() > 2);
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);
        if (ConsoleBrowserFixture.ScreenshotFolder is { } folder)
        {
            await page.SetViewportSizeAsync(1280, 1400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "console-execution-graph.png"), FullPage = false });
        }

        await page.GotoAsync("/retry-queue");
        await Expect(page.Locator("[data-testid=queue-depth]")).ToBeVisibleAsync();
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);
        await page.GotoAsync("/notifications");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Notifications outbox");
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task An_execution_with_Map_and_Parallel_draws_each_as_a_box_around_its_branches()
    {
        var states = fixture.Server.App.Services.GetRequiredService<MedZen.Workflow.Runtime.WorkflowRuntime>().States;
        var machine = await states.CreateStateMachineAsync("console-nested-" + Guid.NewGuid().ToString("N")[..8], ExecutionGraphTests.Definition);
        var started = await states.StartExecutionAsync(machine, "nested", "{}");
        await states.WaitForCompletionAsync(started.ExecutionArn, TestContext.Current.CancellationToken);

        var (context, page) = await fixture.SignInAsync("ops-admin", "admin");
        await using var _ = context;
        await page.GotoAsync("/executions/" + Uri.EscapeDataString(started.ExecutionArn));
        var map = page.Locator("[data-testid=state-node][data-state=EachItem]");
        await Expect(map).ToHaveAttributeAsync("data-container", "true");
        await Expect(page.Locator("[data-testid=state-node][data-state=Boom]")).ToHaveAttributeAsync("data-status", "failed");
        await Expect(page.Locator("[data-testid=state-node][data-state=Two]")).ToHaveAttributeAsync("data-status", "caught");

        // Drawn inside: the nested state's box lies within its container's box on the page.
        var outer = (await map.Locator("rect").BoundingBoxAsync())!;
        var inner = (await page.Locator("[data-testid=state-node][data-state=Recovered] rect").BoundingBoxAsync())!;
        Assert.True(inner.X >= outer.X && inner.Y >= outer.Y && inner.X + inner.Width <= outer.X + outer.Width && inner.Y + inner.Height <= outer.Y + outer.Height,
            $"Recovered {inner.X},{inner.Y} {inner.Width}x{inner.Height} is not inside EachItem {outer.X},{outer.Y} {outer.Width}x{outer.Height}");
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);
        if (ConsoleBrowserFixture.ScreenshotFolder is { } folder)
        {
            await page.SetViewportSizeAsync(1280, 1400);
            await page.Locator("[data-testid=state-graph]").ScreenshotAsync(new() { Path = Path.Combine(folder, "console-execution-graph-nested.png") });
        }
    }

    [Fact]
    public async Task At_tablet_width_the_note_page_fits_without_sideways_scrolling_and_the_sign_in_page_is_accessible()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Server.BaseAddress.ToString(), ViewportSize = new() { Width = 768, Height = 1024 } });
        await using var _ = context;
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        ConsoleBrowserFixture.RecordNetwork(page);
        await page.GotoAsync($"/notes/{fixture.NoteA1}");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?"));
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);
        await page.Locator("[data-testid=token-input]").FillAsync(ServerFixture.Token(ConsoleBrowserFixture.ProviderA, "provider"));
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await Expect(page).ToHaveURLAsync(NotePath(fixture.NoteA1));
        await Expect(page.Locator("[data-testid=statement]").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 768 px");
        await ConsoleBrowserFixture.AssertAccessibleAsync(page);
    }
}
