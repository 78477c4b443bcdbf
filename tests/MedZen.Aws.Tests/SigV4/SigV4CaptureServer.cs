using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using MedZen.Backends.SigV4;
using MedZen.Testing;

namespace MedZen.Aws.Tests.SigV4;

/// <summary>A local HTTP endpoint that records each request as SigV4 sees it and answers with a canned AWS JSON reply.</summary>
internal sealed class SigV4CaptureServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private volatile bool _stopping;
    private readonly Channel<SigV4Request> _requests = Channel.CreateUnbounded<SigV4Request>();
    private readonly Func<SigV4Request, (int Status, string Body)> _reply;
    private readonly Task _serving;

    public SigV4CaptureServer(Func<SigV4Request, (int Status, string Body)> reply)
    {
        _reply = reply;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    public async Task<SigV4Request> NextRequestAsync()
    {
        using var timeout = new CancellationTokenSource(HangGuard.Limit);
        return await _requests.Reader.ReadAsync(timeout.Token);
    }

    private async Task ServeAsync()
    {
        while (!_stopping)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping || !_listener.IsListening)
            {
                // Stop() fails the pending GetContext (ObjectDisposedException) before IsListening turns false, so the
                // flag set first, not IsListening, tells that this is the server being stopped.
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var raw = context.Request.RawUrl ?? "/";
            var question = raw.IndexOf('?', StringComparison.Ordinal);
            // Get, not GetValues: GetValues splits values at commas, and an Authorization header is full of them.
            var headers = context.Request.Headers.AllKeys
                .Select(key => new KeyValuePair<string, string>(key!, context.Request.Headers.Get(key)!))
                .ToArray();
            var request = new SigV4Request(
                context.Request.HttpMethod,
                question < 0 ? raw : raw[..question],
                question < 0 ? "" : raw[(question + 1)..],
                headers,
                body.ToArray());
            _requests.Writer.TryWrite(request);

            var (status, replyBody) = _reply(request);
            var bytes = Encoding.UTF8.GetBytes(replyBody);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
