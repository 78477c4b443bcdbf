using System.Text.Json.Nodes;
using MedZen.States.Integrations.Http;
using MedZen.States.Text;

namespace MedZen.States.Execution;

/// <summary>
/// What TestState's <c>inspectionLevel</c> DEBUG reports: the state's data at each step of its processing, as AWS's
/// InspectionData names them; at TRACE (<see cref="TraceHttp"/>) also an HTTP Task's raw request and response.
/// Recorded only for the state under test (its <see cref="Frame"/> carries it); a normal execution has none and pays
/// nothing. Each value is serialized when it is recorded, because a later step may change the same node in place
/// (ResultPath writes into the input).
/// </summary>
public sealed class StateInspection : IHttpExchangeTrace
{
    /// <summary>TRACE: an HTTP Task reports its request and response here.</summary>
    public bool TraceHttp { get; init; }

    public bool RevealSecrets { get; init; }

    public HttpTraceRequest? HttpRequest { get; private set; }

    public HttpTraceResponse? HttpResponse { get; private set; }

    void IHttpExchangeTrace.Request(HttpTraceRequest request) => HttpRequest = request;

    void IHttpExchangeTrace.Response(HttpTraceResponse response) => HttpResponse = response;

    public string? Input { get; internal set; }
    public string? AfterInputPath { get; internal set; }
    public string? AfterParameters { get; internal set; }
    public string? AfterArguments { get; internal set; }
    public string? Result { get; internal set; }
    public string? AfterResultSelector { get; internal set; }
    public string? AfterResultPath { get; internal set; }

    /// <summary>The variables after the state ran (its Assign applied), as a JSON object.</summary>
    public string? Variables { get; internal set; }

    internal static string Text(JsonNode? node) => Json.Serialize(node);
}
