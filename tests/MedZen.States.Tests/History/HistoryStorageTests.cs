using System.Text.Json.Nodes;
using MedZen.States.History;
using Microsoft.Data.Sqlite;

namespace MedZen.States.Tests.History;

/// <summary>What both stores keep of a history: the AWS view reads the same after a round trip, old rows still read, and the in-memory store forgets old closed executions.</summary>
public sealed class HistoryStorageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("medzen-history-test-").FullName;

    public void Dispose()
    {
        try
        {
            MedZen.Testing.TempFolder.Delete(_dir);
        }
        catch (IOException)
        {
            // best effort cleanup
        }
    }

    private const string Definition = """
        {"StartAt":"Set","States":{
          "Set":{"Type":"Pass","Assign":{"count":3,"label":"a \"quoted\" <b> é","nothing":null},"Result":{"text":"line1\nline2 \"q\"","n":1.50},"Next":"Choose"},
          "Choose":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Done"}],"Default":"Done"},
          "Done":{"Type":"Pass","Parameters":{"count.$":"$count","label.$":"$label"},"End":true}}}
        """;

    public static TheoryData<string> Stores => ["memory", "sqlite"];

    private async Task<IStatesStore> OpenAsync(string kind) =>
        kind == "memory" ? new InMemoryStatesStore() : await SqliteStatesStore.OpenAsync(Path.Combine(_dir, "states.db"), TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task State_events_read_back_with_their_input_output_and_assigned_variables_as_AWS_strings(string kind)
    {
        await using var store = await OpenAsync(kind);
        await using var engine = new TestEngine(store);
        var final = await engine.RunAsync(Definition);
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);

        var page = await engine.Service.GetExecutionHistoryAsync(final.Arn, ct: TestContext.Current.CancellationToken);
        var setExited = page.Events.Single(e => e.Type == "PassStateExited" && e.Details!["stateExitedEventDetails"]!["name"]!.GetValue<string>() == "Set").ToAwsJson();
        var details = setExited["stateExitedEventDetails"]!;
        Assert.Equal("""{"text":"line1\nline2 \"q\"","n":1.50}""", details["output"]!.GetValue<string>());
        Assert.False(details["outputDetails"]!["truncated"]!.GetValue<bool>());
        var assigned = details["assignedVariables"]!.AsObject();
        Assert.Equal("3", assigned["count"]!.GetValue<string>());
        Assert.Equal("\"a \\\"quoted\\\" <b> é\"", assigned["label"]!.GetValue<string>());
        Assert.Equal("null", assigned["nothing"]!.GetValue<string>());

        var chooseEntered = page.Events.Single(e => e.Type == "ChoiceStateEntered").ToAwsJson()["stateEnteredEventDetails"]!;
        Assert.Equal(details["output"]!.GetValue<string>(), chooseEntered["input"]!.GetValue<string>());
        Assert.False(chooseEntered.AsObject().ContainsKey("assignedVariables"));
        Assert.Equal("""{"count":3,"label":"a \"quoted\" <b> é"}""", final.Output);
    }

    [Fact]
    public async Task Both_stores_give_the_same_AWS_history_for_maps_parallels_variables_and_failures()
    {
        const string definition = """
            {"StartAt":"Each","States":{
              "Each":{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},
                "ItemProcessor":{"StartAt":"Check","States":{
                  "Check":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericEquals":2,"Next":"Bad"}],"Default":"Ok"},
                  "Bad":{"Type":"Fail","Error":"Two","Cause":"no \"twos\""},
                  "Ok":{"Type":"Pass","Assign":{"seen.$":"$.v"},"End":true}}},
                "ToleratedFailureCount":1,"ResultPath":"$.mapped","Next":"Both"},
              "Both":{"Type":"Parallel","Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"a","End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($.items)"},"End":true}}}],
                "ResultPath":"$.both","End":true}}}
            """;
        var input = """{"items":[1,2,3]}""";

        async Task<List<string>> HistoryAsync(IStatesStore store)
        {
            await using var engine = new TestEngine(store);
            var final = await engine.RunAsync(definition, input);
            Assert.Equal(ExecutionStatus.Succeeded, final.Status);
            var page = await engine.Service.GetExecutionHistoryAsync(final.Arn, maxResults: 1000, ct: TestContext.Current.CancellationToken);
            // Parallel branches interleave differently from run to run: compare the events, not their order or ids.
            return [.. page.Events.Select(e =>
            {
                var json = e.ToAwsJson();
                json.Remove("id");
                json.Remove("previousEventId");
                return json.ToJsonString();
            }).Order(StringComparer.Ordinal)];
        }

        await using var sqlite = await OpenAsync("sqlite");
        var fromSqlite = await HistoryAsync(sqlite);
        var fromMemory = await HistoryAsync(new InMemoryStatesStore());

        Assert.Equal(fromMemory, fromSqlite);
        Assert.Contains(fromSqlite, e => e.Contains("\"mapIterationFailedEventDetails\":{\"name\":\"Each\",\"index\":1}", StringComparison.Ordinal));
        Assert.Contains(fromSqlite, e => e.Contains("executionSucceededEventDetails", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_history_packed_by_the_in_memory_store_reads_back_event_for_event()
    {
        // Every kind of event: tasks with a retry (engine-internal event) and a catch, Map iterations, Parallel, a Wait,
        // assigned variables, and payload events; SQLite keeps them as they were written, the packed copy must match.
        const string definition = """
            {"StartAt":"Flaky","States":{
              "Flaky":{"Type":"Task","Resource":"arn:aws:states:::test:flaky","Retry":[{"ErrorEquals":["App.Flaky"],"IntervalSeconds":1,"MaxAttempts":2}],
                "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.caught","Next":"Each"}],"ResultPath":"$.flaky","Next":"Each"},
              "Each":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"Twice","States":{
                "Twice":{"Type":"Pass","Parameters":{"v.$":"States.MathAdd($, $)"},"Assign":{"last.$":"$"},"End":true}}},"ResultPath":"$.mapped","Next":"Both"},
              "Both":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":0,"End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","Result":{"same":"text"},"End":true}}}],"ResultPath":"$.both","End":true}}}
            """;
        var calls = 0;
        var tasks = new MedZen.States.Integrations.TaskHandlerRegistry().Register("arn:aws:states:::test:flaky", (_, _) =>
            Interlocked.Increment(ref calls) == 1
                ? throw new MedZen.States.Integrations.TaskFailedException("App.Flaky", "first \"try\"")
                : ValueTask.FromResult<JsonNode?>(new JsonObject { ["ok"] = true }));
        await using var sqlite = await OpenAsync("sqlite");
        await using var engine = new TestEngine(sqlite, tasks: tasks);
        var arn = await engine.Service.CreateStateMachineAsync("packed", definition, ct: TestContext.Current.CancellationToken);
        var started = await engine.Service.StartExecutionAsync(arn, "e", """{"items":[1,2,3]}""", TestContext.Current.CancellationToken);
        await engine.WaitForEventAsync(started.ExecutionArn, HistoryEventTypes.EngineRetryScheduled);
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        var final = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout());
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        var written = await sqlite.GetHistoryAsync(final.Arn, TestContext.Current.CancellationToken);
        Assert.Contains(written, e => e.Type == HistoryEventTypes.EngineRetryScheduled);
        Assert.Contains(written, e => e.Type == HistoryEventTypes.TaskFailed);
        Assert.Contains(written, e => e.Type == HistoryEventTypes.MapIterationSucceeded);

        var read = PackedHistory.Pack(written).Unpack();

        Assert.Equal(written.Select(Stored), read.Select(Stored));
        Assert.Equal(written.Select(e => e.ToAwsJson().ToJsonString()), read.Select(e => e.ToAwsJson().ToJsonString()));
        Assert.Equal(written.Select(e => e.Engine?.ToJsonString()), read.Select(e => e.Engine?.ToJsonString()));
    }

    [Fact]
    public async Task Histories_packed_into_reused_space_read_back_after_older_ones_are_forgotten()
    {
        // Chunks of 16 events and 200 characters fill and empty many times over 60 executions; a slice reused too early
        // would show another execution's data in a retained history.
        var store = new InMemoryStatesStore(maxClosedExecutions: 5, new PackedHistory.Storage(eventsPerChunk: 16, charsPerChunk: 200));
        await using var engine = new TestEngine(store);
        var arn = await engine.Service.CreateStateMachineAsync("reuse", """
            {"StartAt":"Name","States":{
              "Name":{"Type":"Pass","Parameters":{"name.$":"$$.Execution.Name","n.$":"$.n"},"Next":"Grow"},
              "Grow":{"Type":"Pass","Parameters":{"name.$":"$.name","again.$":"$.name","n.$":"$.n"},"End":true}}}
            """, ct: TestContext.Current.CancellationToken);
        var finals = new List<ExecutionRecord>();
        for (var i = 0; i < 60; i++)
        {
            // Every tenth input is larger than a whole chunk: it gets space of its own.
            var input = i % 10 == 0 ? $$"""{"n":{{i}},"pad":"{{new string('x', 300)}}"}""" : $$"""{"n":{{i}}}""";
            var started = await engine.Service.StartExecutionAsync(arn, $"run-{i}", input, TestContext.Current.CancellationToken);
            finals.Add(await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestEngine.Timeout()));
        }

        foreach (var final in finals[^5..])
        {
            var page = await engine.Service.GetExecutionHistoryAsync(final.Arn, maxResults: 1000, ct: TestContext.Current.CancellationToken);
            var outputs = page.Events.Where(e => e.Type == "PassStateExited")
                .Select(e => e.ToAwsJson()["stateExitedEventDetails"]!["output"]!.GetValue<string>()).ToList();
            Assert.Equal(2, outputs.Count);
            Assert.All(outputs, o => Assert.Contains($"\"{final.Name}\"", o, StringComparison.Ordinal));
            Assert.Equal(final.Output, page.Events.Single(e => e.Type == "ExecutionSucceeded").ToAwsJson()["executionSucceededEventDetails"]!["output"]!.GetValue<string>());
        }
        Assert.Empty(await store.GetHistoryAsync(finals[0].Arn, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_arena_chunk_is_reused_only_once_every_slice_in_it_is_released()
    {
        var arena = new PackedHistory.Arena<char>(chunkLength: 8);
        var first = arena.Reserve(5);
        "aaaaa".CopyTo(first.Span);
        var second = arena.Reserve(3);
        "bbb".CopyTo(second.Span);
        var third = arena.Reserve(6); // does not fit: a new chunk
        "cccccc".CopyTo(third.Span);

        first.Release();
        var fourth = arena.Reserve(8); // a chunk of its own: the first chunk still holds "bbb", so it is not reused
        "dddddddd".CopyTo(fourth.Span);
        Assert.Equal("bbb", new string(second.Span));

        second.Release();
        var fifth = arena.Reserve(5); // a new chunk, or the first one now that it is empty
        "eeeee".CopyTo(fifth.Span);
        Assert.Equal("cccccc", new string(third.Span));
        Assert.Equal("dddddddd", new string(fourth.Span));
        Assert.Equal("eeeee", new string(fifth.Span));
        Assert.Equal(10, PackedHistory.Arena<char>.Own(10).Length);
    }

    [Fact]
    public async Task Every_kind_of_event_reads_back_from_a_stored_row_as_it_was_written()
    {
        // Events from a run (state events with assigned variables, a Wait's own bookkeeping, Map iterations in scopes,
        // Parallel, payload events) and hand-made ones for what runs rarely produce: another time zone, a previous id
        // that is not the one before, no details at all, text outside ASCII.
        const string definition = """
            {"StartAt":"Each","States":{
              "Each":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"Twice","States":{
                "Twice":{"Type":"Pass","Parameters":{"v.$":"States.MathAdd($, $)"},"Assign":{"last.$":"$"},"End":true}}},"ResultPath":"$.mapped","Next":"Both"},
              "Both":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":0,"End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","Result":{"text":"é ✓ 𝄞 \"q\""},"End":true}}}],"ResultPath":"$.both","End":true}}}
            """;
        await using var engine = new TestEngine(new InMemoryStatesStore());
        var final = await engine.RunAsync(definition, """{"items":[1,2,3]}""");
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        var events = (await engine.Store.GetHistoryAsync(final.Arn, TestContext.Current.CancellationToken)).ToList();
        Assert.Contains(events, e => e.Scope.Length > 0);
        Assert.Contains(events, e => e.Type == "WaitStateEntered" && e.Engine is not null);
        var last = events[^1];
        events.Add(new HistoryEvent(last.Id + 1, last.Id - 3, new DateTimeOffset(2026, 11, 26, 3, 4, 5, 678, TimeSpan.FromHours(-5)), "TaskFailed",
            new JsonObject { ["taskFailedEventDetails"] = new JsonObject { ["error"] = "Ünïcode", ["cause"] = "line\n𝄞" } }, "/Each#9[0]",
            new JsonObject { ["attempt"] = 2 }));
        events.Add(new HistoryEvent(last.Id + 2, last.Id + 1, DateTimeOffset.UnixEpoch, "ExecutionAborted", null));

        var read = new List<HistoryEvent>();
        EventRows.Read(EventRows.Write(events), read);

        static string View(HistoryEvent e) =>
            $"{e.ToAwsJson().ToJsonString()} scope={e.Scope} engine={e.Engine?.ToJsonString()} at={e.Timestamp:O}";
        Assert.Equal(events.Select(View), read.Select(View));
        Assert.Equal(events.Select(e => e.CompactForm is null), read.Select(e => e.CompactForm is null));
    }

    [Fact]
    public void A_damaged_row_is_refused_with_a_clear_error_rather_than_read_as_other_events()
    {
        var row = EventRows.Write([new HistoryEvent(1, 0, DateTimeOffset.UnixEpoch, "ExecutionStarted",
            new JsonObject { ["executionStartedEventDetails"] = new JsonObject { ["input"] = "{}" } })]);
        for (var cut = 2; cut < row.Length; cut++)
        {
            var shortened = row[..cut];
            var e = Assert.Throws<InvalidDataException>(() => EventRows.Read(shortened, []));
            Assert.Contains("stored event", e.Message, StringComparison.Ordinal);
        }
    }

    private static string Stored(HistoryEvent e) => Convert.ToBase64String(EventRows.Write([e]));

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Each_events_text_is_a_snapshot_although_later_states_write_into_the_same_data(string kind)
    {
        await using var store = await OpenAsync(kind);
        await using var engine = new TestEngine(store);
        var final = await engine.RunAsync("""
            {"StartAt":"Hand","States":{
              "Hand":{"Type":"Pass","Next":"Add"},
              "Add":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.added","Next":"Deep"},
              "Deep":{"Type":"Pass","Result":2,"ResultPath":"$.added.y","Next":"Keep"},
              "Keep":{"Type":"Pass","ResultPath":null,"End":true}}}
            """, """{"a":1}""");

        var page = await engine.Service.GetExecutionHistoryAsync(final.Arn, ct: TestContext.Current.CancellationToken);
        string Text(string type, string state) => page.Events
            .Single(e => e.Type == type && e.Details!.First().Value!["name"]!.GetValue<string>() == state)
            .Details!.First().Value![type.EndsWith("Entered", StringComparison.Ordinal) ? "input" : "output"]!.GetValue<string>();

        Assert.Equal("""{"a":1}""", Text("PassStateExited", "Hand"));
        Assert.Equal("""{"a":1}""", Text("PassStateEntered", "Add"));
        Assert.Equal("""{"a":1,"added":{"x":1}}""", Text("PassStateExited", "Add"));
        Assert.Equal("""{"a":1,"added":{"x":1,"y":2}}""", Text("PassStateExited", "Deep"));
        Assert.Equal("""{"a":1,"added":{"x":1,"y":2}}""", Text("PassStateExited", "Keep"));
        Assert.Equal("""{"a":1,"added":{"x":1,"y":2}}""", final.Output);
    }

    [Fact]
    public async Task A_Pass_states_Result_is_recorded_as_the_text_System_Text_Json_gives_wherever_it_lands()
    {
        // The Exited event writes a Result's copy from the Result's text without reading the copy: whole output, a member,
        // what OutputPath picks of it, and (after) a copy changed in place must all read as serializing the data would.
        await using var engine = new TestEngine(new InMemoryStatesStore());
        var final = await engine.RunAsync("""
            {"StartAt":"Whole","States":{
              "Whole":{"Type":"Pass","Result":{"t":"é <b> \"q\" 𝄞","n":1.50,"e":1E+2},"Next":"Member"},
              "Member":{"Type":"Pass","Result":{"t":"x"},"ResultPath":"$.r","Next":"Picked"},
              "Picked":{"Type":"Pass","Result":{"deep":{"v":[1,2]}},"ResultPath":"$.p","OutputPath":"$.p.deep","Next":"Changed"},
              "Changed":{"Type":"Pass","Result":"added","ResultPath":"$.w","End":true}}}
            """, "{}");
        Assert.Equal(ExecutionStatus.Succeeded, final.Status);
        var page = await engine.Service.GetExecutionHistoryAsync(final.Arn, ct: TestContext.Current.CancellationToken);
        var outputs = page.Events.Where(e => e.Type == "PassStateExited")
            .Select(e => e.Details!["stateExitedEventDetails"]!["output"]!.GetValue<string>()).ToList();
        string Expected(string json) => MedZen.States.Text.Json.SerializeWithSystemTextJson(JsonNode.Parse(json));
        Assert.Equal([
            Expected("""{"t":"é <b> \"q\" 𝄞","n":1.50,"e":1E+2}"""),
            Expected("""{"t":"é <b> \"q\" 𝄞","n":1.50,"e":1E+2,"r":{"t":"x"}}"""),
            """{"v":[1,2]}""",
            """{"v":[1,2],"w":"added"}""",
        ], outputs);
        Assert.Equal(outputs[^1], final.Output);
    }

    [Fact]
    public async Task Rows_written_in_the_earlier_details_form_still_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_dir, "old.db");
        await using (var store = await SqliteStatesStore.OpenAsync(path, ct))
        {
            var record = new ExecutionRecord("arn:aws:states:us-east-1:1:execution:sm:old", "arn:aws:states:us-east-1:1:stateMachine:sm", "old",
                ExecutionStatus.Succeeded, "{}", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", StateMachineType.Standard, "role",
                DateTimeOffset.UnixEpoch);
            Assert.True(await store.TryCreateExecutionAsync(record, new HistoryEvent(1, 0, DateTimeOffset.UnixEpoch, "ExecutionStarted", null), ct));
        }
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(ct);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events(execution_arn, id, body) VALUES ('arn:aws:states:us-east-1:1:execution:sm:old', 2, $b)";
            insert.Parameters.AddWithValue("$b", """
                [{"Id":2,"PreviousEventId":1,"Timestamp":"1970-01-01T00:00:01+00:00","Type":"PassStateEntered","Details":{"stateEnteredEventDetails":{"name":"P","input":"{\"a\":1}","inputDetails":{"truncated":false}}},"Scope":"","Engine":null},
                 {"Id":3,"PreviousEventId":2,"Timestamp":"1970-01-01T00:00:02+00:00","Type":"PassStateExited","Details":{"stateExitedEventDetails":{"name":"P","output":"{\"a\":1}","outputDetails":{"truncated":false}}},"Scope":"","Engine":{"next":null}}]
                """);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var store = await SqliteStatesStore.OpenAsync(path, ct))
        {
            var history = await store.GetHistoryAsync("arn:aws:states:us-east-1:1:execution:sm:old", ct);
            Assert.Equal([1L, 2L, 3L], history.Select(e => e.Id));
            Assert.Equal("{\"a\":1}", history[1].Details!["stateEnteredEventDetails"]!["input"]!.GetValue<string>());
            Assert.True(history[2].Engine!.ContainsKey("next"));
            Assert.Null(history[2].Engine!["next"]);
        }
    }

    [Fact]
    public async Task A_row_writes_each_payload_and_name_once_and_rows_in_earlier_JSON_forms_still_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_dir, "same.db");
        const string payload = "{\"marker\":\"only-once\"}";
        await using (var store = await SqliteStatesStore.OpenAsync(path, ct))
        {
            await using var engine = new TestEngine(store);
            var final = await engine.RunAsync("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}
                """, payload);
            Assert.Equal(ExecutionStatus.Succeeded, final.Status);
            var history = await store.GetHistoryAsync(final.Arn, ct);
            var inputs = history.Where(e => e.Type == "PassStateEntered").Select(e => e.Details!["stateEnteredEventDetails"]!["input"]!.GetValue<string>());
            var outputs = history.Where(e => e.Type == "PassStateExited").Select(e => e.Details!["stateExitedEventDetails"]!["output"]!.GetValue<string>());
            Assert.All(inputs.Concat(outputs), text => Assert.Equal(payload, text));
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Id));
            Assert.Equal(history.Select(e => e.Id - 1), history.Select(e => e.PreviousEventId));
        }
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(ct);
            await using var query = connection.CreateCommand();
            query.CommandText = "SELECT body FROM events";
            var rows = new List<string>();
            await using (var reader = await query.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(System.Text.Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(0)));
                }
            }
            // Six state events and the execution's end carry the same data: each row writes it once and refers to it after,
            // as it writes each state and type name once.
            Assert.All(rows, row => Assert.InRange(System.Text.RegularExpressions.Regex.Count(row, "only-once"), 0, 1));
            Assert.All(rows, row => Assert.InRange(System.Text.RegularExpressions.Regex.Count(row, "PassStateEntered"), 0, 1));
            Assert.Equal(2, rows.Count);
            Assert.InRange(rows[1].Length, 1, 200);

            // Rows in the JSON forms earlier versions wrote: every payload written out, then payloads referring back.
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO events(execution_arn, id, body) SELECT execution_arn, $i, $b FROM events LIMIT 1";
            insert.Parameters.AddWithValue("$i", 100);
            insert.Parameters.AddWithValue("$b", """
                [{"Id":100,"PreviousEventId":99,"Timestamp":"1970-01-01T00:00:01+00:00","Type":"PassStateEntered","Scope":"","State":{"Name":"X","Exited":false,"Payload":{"a":1}}},
                 {"Id":101,"PreviousEventId":100,"Timestamp":"1970-01-01T00:00:02+00:00","Type":"PassStateExited","Scope":"","State":{"Name":"X","Exited":true,"Payload":{"a":1},"Next":null}}]
                """);
            await insert.ExecuteNonQueryAsync(ct);
            insert.Parameters["$i"].Value = 102;
            insert.Parameters["$b"].Value = """
                [{"Id":102,"Timestamp":639312554923783496,"Type":"PassStateEntered","State":{"Name":"Y","Exited":false,"Payload":{"b":2}}},
                 {"Id":103,"Timestamp":639312554923948928,"Type":"PassStateExited","State":{"Name":"Y","Exited":true,"SamePayload":true,"Next":"Z"}}]
                """;
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using (var store = await SqliteStatesStore.OpenAsync(path, ct))
        {
            var arn = (await store.ListRunningExecutionsAsync(ct)).Count == 0
                ? (await store.ListStateMachinesAsync(ct)).Select(m => m.Arn).First()
                : throw new InvalidOperationException("no execution should be running");
            var execution = (await store.ListExecutionsAsync(arn, null, ct)).Single();
            var history = await store.GetHistoryAsync(execution.Arn, ct);
            var old = history.Where(e => e.Id >= 100).ToList();
            Assert.Equal([99L, 100L, 101L, 102L], old.Select(e => e.PreviousEventId));
            Assert.Equal("{\"a\":1}", old[0].Details!["stateEnteredEventDetails"]!["input"]!.GetValue<string>());
            Assert.Equal("{\"a\":1}", old[1].Details!["stateExitedEventDetails"]!["output"]!.GetValue<string>());
            Assert.Equal("{\"b\":2}", old[3].Details!["stateExitedEventDetails"]!["output"]!.GetValue<string>());
            Assert.Equal("Z", old[3].Engine!["next"]!.GetValue<string>());
            Assert.Equal(new DateTimeOffset(639312554923948928, TimeSpan.Zero), old[3].Timestamp);
        }
    }

    [Fact]
    public async Task Executions_stored_with_their_definition_inline_by_earlier_versions_keep_it_when_read_and_updated()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_dir, "inline.db");
        const string definition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
        var record = new ExecutionRecord("arn:aws:states:us-east-1:1:execution:sm:e", "arn:aws:states:us-east-1:1:stateMachine:sm", "e",
            ExecutionStatus.Running, "{}", definition, StateMachineType.Standard, "role", DateTimeOffset.UnixEpoch);
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(ct);
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE executions (arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, status TEXT NOT NULL, start_date TEXT NOT NULL, body TEXT NOT NULL);
                INSERT INTO executions VALUES ($a, $m, 'Running', '1970-01-01T00:00:00.0000000+00:00', $b);
                """;
            create.Parameters.AddWithValue("$a", record.Arn);
            create.Parameters.AddWithValue("$m", record.StateMachineArn);
            create.Parameters.AddWithValue("$b", System.Text.Json.JsonSerializer.Serialize(record,
                new System.Text.Json.JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }));
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var store = await SqliteStatesStore.OpenAsync(path, ct);
        Assert.Equal(definition, (await store.GetExecutionAsync(record.Arn, ct))!.Definition);
        Assert.Equal(definition, (await store.ListRunningExecutionsAsync(ct)).Single().Definition);
        await store.AppendAsync(record.Arn, [], record with { Status = ExecutionStatus.Succeeded, Output = "{}" }, ct);
        var updated = await store.GetExecutionAsync(record.Arn, ct);
        Assert.Equal(ExecutionStatus.Succeeded, updated!.Status);
        Assert.Equal(definition, updated.Definition);
    }

    [Fact]
    public async Task The_in_memory_store_forgets_the_oldest_closed_executions_beyond_its_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var engine = new TestEngine(new InMemoryStatesStore(maxClosedExecutions: 2));
        var arn = await engine.Service.CreateStateMachineAsync("sm", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", ct: ct);
        var executions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var started = await engine.Service.StartExecutionAsync(arn, $"e{i}", "{}", ct);
            await engine.Service.WaitForCompletionAsync(started.ExecutionArn, ct);
            executions.Add(started.ExecutionArn);
        }

        Assert.Null(await engine.Store.GetExecutionAsync(executions[0], ct));
        Assert.Empty(await engine.Store.GetHistoryAsync(executions[0], ct));
        Assert.NotNull(await engine.Store.GetExecutionAsync(executions[1], ct));
        Assert.Equal(4, (await engine.Store.GetHistoryAsync(executions[2], ct)).Count);
        Assert.Equal(2, (await engine.Service.ListExecutionsAsync(arn, ct: ct)).Count);
    }
}
