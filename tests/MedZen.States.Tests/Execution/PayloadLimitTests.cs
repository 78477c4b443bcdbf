using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Service;

namespace MedZen.States.Tests.Execution;

/// <summary>
/// AWS's 262,144-byte quota on execution input, state output and task results, counted in UTF-8 bytes of the JSON text,
/// with AWS's error name and causes (as recorded from AWS: a too-large task result is a catchable States.DataLimitExceeded,
/// a too-large state output fails the execution with no Exited event).
/// </summary>
public sealed class PayloadLimitTests
{
    private const int Limit = 262_144;
    private const string LambdaInvoke = "arn:aws:states:::lambda:invoke";

    /// <summary>A Pass state whose output is {"s":"..."}: the 8-byte wrapper around <paramref name="count"/> copies of <paramref name="unit"/>.</summary>
    private static string PassWithOutput(int count, string unit) => new JsonObject
    {
        ["StartAt"] = "Big",
        ["States"] = new JsonObject
        {
            ["Big"] = new JsonObject { ["Type"] = "Pass", ["Result"] = new JsonObject { ["s"] = string.Concat(Enumerable.Repeat(unit, count)) }, ["End"] = true },
        },
    }.ToJsonString();

    [Theory]
    [InlineData("a")]
    [InlineData("é")] // 2 bytes in 1 char: a character count would let it through
    [InlineData("€")] // 3 bytes
    public async Task State_output_over_the_limit_in_utf8_bytes_fails_the_execution_without_an_exited_event(string unit)
    {
        var unitBytes = System.Text.Encoding.UTF8.GetByteCount(unit);
        var count = (Limit - 8) / unitBytes + 1; // the fewest copies that pass the limit
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(PassWithOutput(count, unit));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.DataLimitExceeded", result.Error);
        Assert.Equal("The state/task 'Big' returned a result with a size exceeding the maximum number of bytes service limit.", result.Cause);
        var history = await engine.Store.GetHistoryAsync(result.Arn, TestEngine.Timeout());
        Assert.DoesNotContain(history, e => e.Type == "PassStateExited");
    }

    [Fact]
    public async Task State_output_of_exactly_the_limit_succeeds()
    {
        await using var engine = new TestEngine();
        var result = await engine.RunAsync(PassWithOutput((Limit - 8) / 2, "é"));
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        Assert.Equal(Limit, System.Text.Encoding.UTF8.GetByteCount(result.Output!));
    }

    [Fact]
    public async Task A_catch_does_not_handle_a_state_output_over_the_limit()
    {
        // The task's own result is small; the ResultPath merge makes the state output too large.
        var tasks = new TaskHandlerRegistry().Register(LambdaInvoke, (_, _) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["s"] = new string('x', 140_000) }));
        await using var engine = new TestEngine(tasks: tasks);
        var definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"@0@","ResultPath":"$.r",
                   "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
              "Caught":{"Type":"Succeed"}}}
            """.Replace("@0@", LambdaInvoke, StringComparison.Ordinal);
        var result = await engine.RunAsync(definition, """{"input":"@0@"}""".Replace("@0@", new string('y', 140_000), StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.DataLimitExceeded", result.Error);
        Assert.Contains("'T'", result.Cause);
    }

    [Theory]
    [InlineData("States.DataLimitExceeded")]
    [InlineData("States.ALL")]
    public async Task Task_result_over_the_limit_is_a_task_failure_that_a_catch_handles(string caught)
    {
        var tasks = new TaskHandlerRegistry().Register(LambdaInvoke, (_, _) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["Payload"] = new string('x', Limit) }));
        await using var engine = new TestEngine(tasks: tasks);
        var definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"@0@","Parameters":{"FunctionName":"f"},
                   "Catch":[{"ErrorEquals":["@1@"],"Next":"Handled"}],"End":true},
              "Handled":{"Type":"Pass","End":true}}}
            """.Replace("@0@", LambdaInvoke, StringComparison.Ordinal).Replace("@1@", caught, StringComparison.Ordinal);
        var result = await engine.RunAsync(definition);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        var cause = "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.";
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["Error"] = "States.DataLimitExceeded", ["Cause"] = cause }, TestEngine.Output(result)));
        var history = await engine.Store.GetHistoryAsync(result.Arn, TestEngine.Timeout());
        Assert.Contains(history, e => e.Type == HistoryEventTypes.TaskFailed);
        Assert.DoesNotContain(history, e => e.Type == HistoryEventTypes.TaskSucceeded);
    }

    [Fact]
    public async Task Task_parameters_over_the_limit_fail_before_the_task_is_scheduled()
    {
        var calls = 0;
        var tasks = new TaskHandlerRegistry().Register(LambdaInvoke, (_, _) => { calls++; return ValueTask.FromResult<JsonNode?>(null); });
        await using var engine = new TestEngine(tasks: tasks);
        var definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"@0@",
              "Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}}}
            """.Replace("@0@", LambdaInvoke, StringComparison.Ordinal);
        var result = await engine.RunAsync(definition, """{"s":"@0@"}""".Replace("@0@", new string('z', 140_000), StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("States.DataLimitExceeded", result.Error);
        Assert.Equal(0, calls);
        var history = await engine.Store.GetHistoryAsync(result.Arn, TestEngine.Timeout());
        Assert.DoesNotContain(history, e => e.Type == HistoryEventTypes.TaskScheduled);
    }

    [Fact]
    public async Task Execution_input_over_the_limit_is_refused_at_start()
    {
        await using var engine = new TestEngine();
        var arn = await engine.Service.CreateStateMachineAsync("sm", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");
        var input = """{"s":"@0@"}""".Replace("@0@", new string('ü', Limit / 2), StringComparison.Ordinal); // about 131 K chars, 262 K bytes
        var refused = await Assert.ThrowsAsync<StatesApiException>(() => engine.Service.StartExecutionAsync(arn, "big", input));
        Assert.Equal(StatesApiErrors.ValidationException, refused.ErrorName);
        Assert.Contains("262144", refused.Message);
        Assert.Empty(await engine.Service.ListExecutionsAsync(arn));
    }
}
