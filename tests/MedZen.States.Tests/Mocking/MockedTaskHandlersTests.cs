using System.Text.Json.Nodes;
using MedZen.States.History;
using MedZen.States.Integrations;
using MedZen.States.Mocking;

namespace MedZen.States.Tests.Mocking;

public sealed class MockedTaskHandlersTests
{
    private const string Definition = """
        {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":1,"MaxAttempts":3}],"End":true}}}
        """;

    private const string Config = """
        {"StateMachines":{"sm":{"TestCases":{"Throttled":{"Call":"Throttle"}}}},
         "MockedResponses":{"Throttle":{"0-1":{"Throw":{"Error":"Lambda.TooManyRequestsException","Cause":"busy"}},
                                        "2":{"Return":{"Payload":"third time"}}}}}
        """;

    [Fact]
    public async Task Decorated_registry_answers_registered_executions_from_the_mock_and_others_from_the_real_handler()
    {
        var realCalls = 0;
        var tasks = new TaskHandlerRegistry().Register("arn:aws:states:::lambda:invoke", (_, _) =>
        {
            realCalls++;
            return ValueTask.FromResult<JsonNode?>(new JsonObject { ["Payload"] = "real" });
        });
        var mocks = new MockedTaskHandlers(MockConfig.Parse(Config), new MockTestCaseRegistry());
        mocks.Install(tasks);
        await using var engine = new TestEngine(tasks: tasks, timeScale: 0);
        var machine = await engine.Service.CreateStateMachineAsync("sm", Definition, ct: TestContext.Current.CancellationToken);

        mocks.TestCases.Register(machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":mocked", "sm", "Throttled");
        var mocked = await engine.Service.StartExecutionAsync(machine, "mocked", "{}", TestContext.Current.CancellationToken);
        var done = await engine.Service.WaitForCompletionAsync(mocked.ExecutionArn, TestContext.Current.CancellationToken);
        Assert.Equal(ExecutionStatus.Succeeded, done.Status);
        Assert.Equal("""{"Payload":"third time"}""", done.Output);
        var history = await engine.Store.GetHistoryAsync(mocked.ExecutionArn, TestContext.Current.CancellationToken);
        Assert.Equal(2, history.Count(e => e.Type == HistoryEventTypes.TaskFailed));
        Assert.Equal(0, realCalls);

        var plain = await engine.Service.StartExecutionAsync(machine, "plain", "{}", TestContext.Current.CancellationToken);
        var real = await engine.Service.WaitForCompletionAsync(plain.ExecutionArn, TestContext.Current.CancellationToken);
        Assert.Equal("""{"Payload":"real"}""", real.Output);
        Assert.Equal(1, realCalls);
    }

    [Fact]
    public async Task An_attempt_the_mock_does_not_cover_fails_with_States_Runtime()
    {
        var tasks = new TaskHandlerRegistry();
        var mocks = new MockedTaskHandlers(MockConfig.Parse("""
            {"StateMachines":{"sm":{"TestCases":{"Once":{"Call":"OnlyFirst"}}}},
             "MockedResponses":{"OnlyFirst":{"0":{"Throw":{"Error":"Lambda.TooManyRequestsException"}}}}}
            """), new MockTestCaseRegistry());
        mocks.Install(tasks);
        Assert.False(new TaskHandlerRegistry().IsKnown("arn:aws:states:::lambda:invoke"));
        Assert.True(tasks.IsKnown("arn:aws:states:::lambda:invoke"));
        await using var engine = new TestEngine(tasks: tasks, timeScale: 0);
        var machine = await engine.Service.CreateStateMachineAsync("sm", Definition, ct: TestContext.Current.CancellationToken);
        mocks.TestCases.Register(machine.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":x", "sm", "Once");
        var started = await engine.Service.StartExecutionAsync(machine, "x", "{}", TestContext.Current.CancellationToken);
        var done = await engine.Service.WaitForCompletionAsync(started.ExecutionArn, TestContext.Current.CancellationToken);
        Assert.Equal(ExecutionStatus.Failed, done.Status);
        Assert.Equal("States.Runtime", done.Error);
        Assert.Contains("attempt 1", done.Cause, StringComparison.Ordinal);
    }
}
