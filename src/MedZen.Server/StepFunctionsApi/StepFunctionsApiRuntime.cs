using MedZen.States.Mocking;
using MedZen.States.Service;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>What the endpoint keeps for the process: the loaded mock configuration and its test-case registry.</summary>
internal sealed class StepFunctionsApiRuntime
{
    private readonly Lock _gate = new();
    private readonly HashSet<StatesService> _installed = [];

    public StepFunctionsApiRuntime(StepFunctionsApiOptions options)
    {
        if (!string.IsNullOrEmpty(options.MockConfigFile))
            Mocks = new MockedTaskHandlers(MockConfig.Load(options.MockConfigFile), new MockTestCaseRegistry());
    }

    public MockedTaskHandlers? Mocks { get; }

    public void InstallOnce(StatesService service, MockedTaskHandlers mocks)
    {
        lock (_gate)
        {
            if (_installed.Add(service)) mocks.Install(service.Tasks);
        }
    }
}
