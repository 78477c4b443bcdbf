using MedZen.States.Integrations.Http;
using MedZen.States.Integrations.Lambda;
using MedZen.States.Mocking;
using MedZen.States.Service;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// What the endpoint keeps for the process: the loaded mock configuration and its test-case registry, the user's Lambda
/// endpoints and the HTTP Task with its connections.
/// </summary>
internal sealed class StepFunctionsApiRuntime
{
    private readonly Lock _gate = new();
    private readonly HashSet<StatesService> _installed = [];
    private readonly HashSet<StatesService> _lambdasInstalled = [];
    private readonly HashSet<StatesService> _httpInstalled = [];

    public StepFunctionsApiRuntime(StepFunctionsApiOptions options)
    {
        if (!string.IsNullOrEmpty(options.MockConfigFile))
        {
            Mocks = new MockedTaskHandlers(MockConfig.Load(options.MockConfigFile), new MockTestCaseRegistry());
        }

        if (options.LambdaEndpoints.Count > 0)
        {
            Lambdas = new LambdaEndpoints(options.LambdaEndpoints, new HttpClient { Timeout = TimeSpan.FromMinutes(15) });
        }

        Http = new HttpInvokeTask(new HttpClient { Timeout = HttpInvokeTask.CallTimeout }, options.HttpConnections);
    }

    public HttpInvokeTask Http { get; }

    public void InstallOnce(StatesService service, HttpInvokeTask http)
    {
        lock (_gate)
        {
            if (_httpInstalled.Add(service))
            {
                http.Install(service.Tasks);
            }
        }
    }

    /// <summary>The user's Lambda endpoints, when configured (Lambda's own limit: 15 minutes per call).</summary>
    public LambdaEndpoints? Lambdas { get; }

    public void InstallOnce(StatesService service, LambdaEndpoints lambdas)
    {
        lock (_gate)
        {
            if (_lambdasInstalled.Add(service))
            {
                lambdas.Install(service.Tasks);
            }
        }
    }

    public MockedTaskHandlers? Mocks { get; }

    public void InstallOnce(StatesService service, MockedTaskHandlers mocks)
    {
        lock (_gate)
        {
            if (_installed.Add(service))
            {
                mocks.Install(service.Tasks);
            }
        }
    }
}
