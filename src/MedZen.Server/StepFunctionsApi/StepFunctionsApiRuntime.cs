using MedZen.States.Integrations.Http;
using MedZen.States.Integrations.Lambda;
using MedZen.States.Mocking;
using MedZen.States.Service;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// What the endpoint keeps for the process: the loaded mock configuration and its test-case registry, the user's Lambda
/// endpoints and the HTTP Task with its connections, installed once on each engine the endpoint serves.
/// </summary>
internal sealed class StepFunctionsApiRuntime
{
    private readonly Lock _gate = new();
    private readonly HashSet<StatesService> _installed = [];
    private readonly LambdaEndpoints? _lambdas;
    private readonly HttpInvokeTask _http;

    public StepFunctionsApiRuntime(StepFunctionsApiOptions options)
    {
        if (!string.IsNullOrEmpty(options.MockConfigFile))
        {
            Mocks = new MockedTaskHandlers(MockConfig.Load(options.MockConfigFile), new MockTestCaseRegistry());
        }

        if (options.LambdaEndpoints.Count > 0)
        {
            // Lambda's own limit: 15 minutes per call.
            _lambdas = new LambdaEndpoints(options.LambdaEndpoints, new HttpClient { Timeout = TimeSpan.FromMinutes(15) });
        }

        _http = new HttpInvokeTask(new HttpClient { Timeout = HttpInvokeTask.CallTimeout }, options.HttpConnections);
    }

    public MockedTaskHandlers? Mocks { get; }

    /// <summary>
    /// Installs the HTTP Task, and the mocks and Lambda endpoints when configured, on <paramref name="service"/>'s task
    /// registry, once. Mocks go first, so that the Lambda endpoints' layer sits in front of them, as before.
    /// </summary>
    public void InstallOnce(StatesService service)
    {
        lock (_gate)
        {
            if (!_installed.Add(service))
            {
                return;
            }

            Mocks?.Install(service.Tasks);
            _lambdas?.Install(service.Tasks);
            _http.Install(service.Tasks);
        }
    }
}
