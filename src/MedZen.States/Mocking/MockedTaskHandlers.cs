using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MedZen.States.Errors;
using MedZen.States.Integrations;

namespace MedZen.States.Mocking;

/// <summary>The test case an execution was started with (<c>stateMachineArn#TestCase</c>), keyed by execution ARN.</summary>
public sealed class MockTestCaseRegistry
{
    private readonly ConcurrentDictionary<string, (string StateMachineName, string TestCase)> _byExecution = new(StringComparer.Ordinal);

    public void Register(string executionArn, string stateMachineName, string testCase) => _byExecution[executionArn] = (stateMachineName, testCase);

    public void Unregister(string executionArn) => _byExecution.TryRemove(executionArn, out _);

    public bool TryGet(string executionArn, out (string StateMachineName, string TestCase) testCase) => _byExecution.TryGetValue(executionArn, out testCase);
}

/// <summary>
/// Step Functions Local's mocked service integrations as a task-handler layer: for an execution started with a test case,
/// the Task states that the test case names are answered from the mock, per attempt; every other call goes to the real handler.
/// </summary>
public sealed class MockedTaskHandlers(MockConfig config, MockTestCaseRegistry testCases)
{
    public MockConfig Config { get; } = config;

    public MockTestCaseRegistry TestCases { get; } = testCases;

    /// <summary>
    /// Wraps every resource of <paramref name="registry"/>. Resources with no registered handler resolve too (as on
    /// Step Functions Local, a mocked state needs no real integration); calling one unmocked fails with States.Runtime.
    /// </summary>
    public void Install(TaskHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Decorate((resource, inner) => new Handler(this, resource, inner));
    }

    private sealed class Handler(MockedTaskHandlers mocks, string resource, ITaskHandler? inner) : ITaskHandler
    {
        public ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            if (mocks.TestCases.TryGet(invocation.ExecutionArn, out var testCase)
                && mocks.Config.ResponseFor(testCase.StateMachineName, testCase.TestCase, invocation.StateName) is { } response)
            {
                var outcome = response.For(invocation.Attempt)
                    ?? throw new TaskFailedException(StatesErrorNames.Runtime,
                        $"Mocked response '{response.Name}' defines no outcome for attempt {invocation.Attempt} of state '{invocation.StateName}'");
                if (outcome.Throws)
                {
                    throw new TaskFailedException(outcome.Error!, outcome.Cause);
                }

                return ValueTask.FromResult(outcome.Return?.DeepClone());
            }
            if (inner is null)
            {
                throw new TaskFailedException(StatesErrorNames.Runtime, $"No task handler is registered for resource '{resource}'");
            }

            return inner.InvokeAsync(invocation, cancellationToken);
        }
    }
}
