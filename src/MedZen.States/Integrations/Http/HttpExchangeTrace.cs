namespace MedZen.States.Integrations.Http;

/// <summary>The HTTP request an HTTP Task sent, as TestState's TRACE level reports it (AWS's InspectionDataRequest).</summary>
public sealed record HttpTraceRequest(string Protocol, string Method, string Url, string Headers, string Body);

/// <summary>The HTTP response an HTTP Task received, as TestState's TRACE level reports it (AWS's InspectionDataResponse).</summary>
public sealed record HttpTraceResponse(string Protocol, string StatusCode, string StatusMessage, string Headers, string Body);

/// <summary>
/// Receives the raw exchange of an HTTP Task. Only TestState's TRACE level passes one (through
/// <see cref="TaskInvocation.HttpTrace"/>); a normal execution records nothing.
/// </summary>
public interface IHttpExchangeTrace
{
    /// <summary>Whether what the connection adds (its authorization and parameters) may be shown: TestState's <c>revealSecrets</c>.</summary>
    bool RevealSecrets { get; }

    void Request(HttpTraceRequest request);

    void Response(HttpTraceResponse response);
}
