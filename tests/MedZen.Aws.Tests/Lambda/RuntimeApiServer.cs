using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using MedZen.Testing;

namespace MedZen.Aws.Tests.Lambda;

/// <summary>
/// A local server speaking the documented Lambda Runtime API 2018-06-01 (next, response, error, init error),
/// so the runtime loop is tested over real HTTP.
/// </summary>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly Channel<RuntimeApiCall> _calls = Channel.CreateUnbounded<RuntimeApiCall>();
    private readonly ConcurrentDictionary<string, bool> _handedOut = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public RuntimeApiServer(int maxResponseBytes = 6 * 1024 * 1024)
    {
        MaxResponseBytes = maxResponseBytes;
        (_listener, Port) = Listen();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int MaxResponseBytes { get; }

    /// <summary>The value Lambda puts in AWS_LAMBDA_RUNTIME_API.</summary>
    public string RuntimeApi => $"127.0.0.1:{Port}";

    public void Enqueue(string requestId, DateTimeOffset deadline, string body, string? traceId = null) =>
        _events.Writer.TryWrite(new QueuedEvent(requestId, deadline, body, traceId));

    /// <summary>The next call the runtime made to response, error or init/error.</summary>
    public async Task<RuntimeApiCall> NextCallAsync()
    {
        using var timeout = new CancellationTokenSource(HangGuard.Limit);
        return await _calls.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>
    /// HttpListener cannot bind port 0, so a free port is probed first; another server started in parallel (WireMock
    /// binds ephemeral ports too) may take it between the probe and the bind, so a taken port means probing again.
    /// </summary>
    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        try
        {
            if (request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                var next = await _events.Reader.ReadAsync(_stop.Token);
                _handedOut[next.RequestId] = true;
                response.StatusCode = 200;
                response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
                response.Headers["Lambda-Runtime-Deadline-Ms"] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:medzen-test";
                if (next.TraceId is not null)
                {
                    response.Headers["Lambda-Runtime-Trace-Id"] = next.TraceId;
                }

                await WriteAsync(response, next.Body);
                return;
            }

            var body = await new StreamReader(request.InputStream, Encoding.UTF8).ReadToEndAsync();
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (request.HttpMethod == "POST" && path == "/2018-06-01/runtime/init/error")
            {
                Record(new RuntimeApiCall("init-error", null, body, request.Headers["Lambda-Runtime-Function-Error-Type"]));
                response.StatusCode = 202;
                await WriteAsync(response, """{"status":"OK"}""");
                return;
            }

            if (request.HttpMethod == "POST" && segments is ["2018-06-01", "runtime", "invocation", var id, ("response" or "error") and var kind])
            {
                if (!_handedOut.ContainsKey(id))
                {
                    response.StatusCode = 400;
                    await WriteAsync(response, """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");
                    return;
                }

                if (kind == "response" && Encoding.UTF8.GetByteCount(body) > MaxResponseBytes)
                {
                    response.StatusCode = 413;
                    await WriteAsync(response, """{"errorMessage":"Exceeded maximum allowed payload size","errorType":"RequestEntityTooLarge"}""");
                    return;
                }

                Record(new RuntimeApiCall(kind, id, body, request.Headers["Lambda-Runtime-Function-Error-Type"]));
                response.StatusCode = 202;
                await WriteAsync(response, """{"status":"OK"}""");
                return;
            }

            response.StatusCode = 404;
            await WriteAsync(response, """{"errorMessage":"Not found","errorType":"NotFound"}""");
        }
        catch (OperationCanceledException)
        {
            response.Abort();
        }
    }

    private void Record(RuntimeApiCall call) => _calls.Writer.TryWrite(call);

    private static async Task WriteAsync(HttpListenerResponse response, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _serving;
        _stop.Dispose();
    }

    private sealed record QueuedEvent(string RequestId, DateTimeOffset Deadline, string Body, string? TraceId);
}

/// <param name="Kind">response, error or init-error.</param>
internal sealed record RuntimeApiCall(string Kind, string? RequestId, string Body, string? ErrorTypeHeader);
