using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedZen.States.Errors;

namespace MedZen.States.Integrations.Http;

/// <summary>
/// The HTTP Task, <c>arn:aws:states:::http:invoke</c>: calls <c>ApiEndpoint</c> with <c>Method</c>, <c>Headers</c>,
/// <c>QueryParameters</c> and <c>RequestBody</c> (JSON, or form-encoded by <c>Transform</c>), adds what the
/// connection named by <c>Authentication.ConnectionArn</c> carries, and returns AWS's result shape:
/// <c>{"Headers": {name: [values]}, "ResponseBody": …, "StatusCode": 200, "StatusText": "OK"}</c>. A status outside
/// 2xx fails the task with <c>States.Http.StatusCode.NNN</c> (its cause the response body); an endpoint that cannot
/// be reached or does not answer in time fails with <c>States.Http.Socket</c>.
/// </summary>
/// <remarks>
/// A connection ARN with no configured <see cref="HttpConnection"/> adds nothing, so a definition written for AWS runs
/// unchanged against a local endpoint that needs no credentials. AWS accepts only HTTPS endpoints; http is accepted
/// here for local servers.
/// </remarks>
public sealed class HttpInvokeTask : ITaskHandler
{
    public const string Resource = "arn:aws:states:::http:invoke";
    public const string SocketError = "States.Http.Socket";
    public const string StatusCodeErrorPrefix = "States.Http.StatusCode.";

    /// <summary>AWS ends an HTTP Task's call after 60 seconds: the timeout for the <see cref="HttpClient"/> given.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A response body over this is refused before it is read further (AWS's payload quota).</summary>
    public const int MaxResponseBytes = 262_144;

    private static readonly string[] s_methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

    // Headers the task may not set: the client and the connection own them (AWS's HTTP Task, Headers).
    private static readonly HashSet<string> s_forbiddenHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "A-IM", "Accept-Charset", "Accept-Datetime", "Accept-Encoding", "Authorization", "Cache-Control", "Connection",
        "Content-Encoding", "Content-Length", "Content-MD5", "Date", "Expect", "Forwarded", "From", "Host",
        "HTTP2-Settings", "If-Match", "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since",
        "Max-Forwards", "Origin", "Pragma", "Proxy-Authorization", "Referer", "Server", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "User-Agent", "Via", "Warning",
    };

    private readonly HttpClient _http;
    private readonly IReadOnlyDictionary<string, HttpConnection> _connections;

    /// <param name="http">Sends the requests; its Timeout bounds each call (AWS: 60 seconds).</param>
    /// <param name="connections">Connections by the name in their ARN.</param>
    public HttpInvokeTask(HttpClient http, IReadOnlyDictionary<string, HttpConnection>? connections = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _connections = connections ?? new Dictionary<string, HttpConnection>();
    }

    /// <summary>Registers the task on <paramref name="registry"/>.</summary>
    public void Install(TaskHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(Resource, this);
    }

    public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var call = HttpCall.Parse(invocation.Parameters);
        var connection = HttpConnection.NameOf(call.ConnectionArn) is { } name ? _connections.GetValueOrDefault(name) : null;
        var region = invocation.ExecutionArn.Split(':') is { Length: > 3 } parts ? parts[3] : "";

        var sent = call.Merge(connection);
        using var request = sent.ToRequest(region);
        if (invocation.HttpTrace is { } trace)
        {
            var shown = trace.RevealSecrets ? sent : call.Merge(null);
            using var shownRequest = shown.ToRequest(region);
            trace.Request(new HttpTraceRequest(request.RequestUri!.Scheme, shown.Method, shownRequest.RequestUri!.ToString(),
                HeaderText(shownRequest.Headers, shownRequest.Content?.Headers), shown.BodyText() ?? ""));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new TaskFailedException(SocketError, $"Unable to reach {request.RequestUri!.Host}: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TaskFailedException(SocketError, $"{request.RequestUri!.Host} did not answer within {_http.Timeout.TotalSeconds:0} seconds");
        }

        using (response)
        {
            string body;
            try
            {
                body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new TaskFailedException(SocketError, $"The connection to {request.RequestUri!.Host} broke while reading the response");
            }

            invocation.HttpTrace?.Response(new HttpTraceResponse(
                "HTTP/" + response.Version.ToString(2), ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                response.ReasonPhrase ?? "", HeaderText(response.Headers, response.Content.Headers), body));
            if (!response.IsSuccessStatusCode)
            {
                throw new TaskFailedException(StatusCodeErrorPrefix + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body);
            }

            return JsonSerializer.SerializeToNode(
                new HttpInvokeOutput(HeadersOf(response), ResponseBody(body, response.Content.Headers.ContentType?.MediaType), (int)response.StatusCode, response.ReasonPhrase ?? ""),
                TaskResultsJson.Engine.HttpInvokeOutput);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw TooLarge();
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        // One byte over the limit tells a body at the limit from one beyond it.
        var buffer = ArrayPool<byte>.Shared.Rent(MaxResponseBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxResponseBytes && (read = await stream.ReadAsync(buffer.AsMemory(length, MaxResponseBytes + 1 - length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return length > MaxResponseBytes ? throw TooLarge() : Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static TaskFailedException TooLarge() =>
        new(StatesErrorNames.DataLimitExceeded, $"The HTTP response body exceeds the maximum of {MaxResponseBytes} bytes");

    private static Dictionary<string, IReadOnlyList<string>> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = [.. values];
        }

        return headers;
    }

    /// <summary>A JSON response is the parsed value; any other is its text.</summary>
    private static JsonNode? ResponseBody(string body, string? mediaType)
    {
        var json = mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (json && body.Length > 0)
        {
            try
            {
                return JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                // A body labelled JSON that is not: returned as the text it is.
            }
        }

        return JsonValue.Create(body);
    }

    private static string HeaderText(HttpHeaders headers, HttpContentHeaders? content) =>
        "[" + string.Join(", ", headers.Concat(content ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")) + "]";

    /// <summary>One HTTP Task's parameters, checked; <see cref="Merge"/> adds a connection's.</summary>
    private sealed record HttpCall(
        Uri Endpoint,
        string Method,
        string ConnectionArn,
        Dictionary<string, string> Headers,
        List<KeyValuePair<string, string>> Query,
        JsonNode? Body,
        bool FormEncoded,
        string ArrayFormat)
    {
        public static HttpCall Parse(JsonNode? parameters)
        {
            if (parameters is not JsonObject p)
            {
                throw Invalid("The HTTP Task's Parameters must be an object with ApiEndpoint, Method and Authentication");
            }

            var endpointText = String(p, "ApiEndpoint") ?? throw Invalid("The HTTP Task's ApiEndpoint is required and must be a string");
            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
            {
                throw Invalid($"The HTTP Task's ApiEndpoint is not an http(s) URL: '{endpointText}'");
            }

            var method = String(p, "Method")?.ToUpperInvariant();
            if (method is null || !s_methods.Contains(method))
            {
                throw Invalid($"The HTTP Task's Method must be one of {string.Join(", ", s_methods)}");
            }

            var connectionArn = (p["Authentication"] as JsonObject is { } auth ? String(auth, "ConnectionArn") : null)
                ?? (p["InvocationConfig"] as JsonObject is { } config ? String(config, "ConnectionArn") : null)
                ?? throw Invalid("The HTTP Task's Authentication.ConnectionArn is required");
            if (HttpConnection.NameOf(connectionArn) is null)
            {
                throw Invalid($"Authentication.ConnectionArn is not an EventBridge connection ARN: '{connectionArn}'");
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (p["Headers"] is { } h)
            {
                foreach (var (name, value) in h as JsonObject ?? throw Invalid("The HTTP Task's Headers must be an object"))
                {
                    if (s_forbiddenHeaders.Contains(name) || name.StartsWith("X-Amz", StringComparison.OrdinalIgnoreCase)
                        || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
                    {
                        throw Invalid($"The header '{name}' cannot be set by an HTTP Task");
                    }

                    headers[name] = value is JsonArray list ? string.Join(",", list.Select(Scalar)) : Scalar(value);
                }
            }

            var query = new List<KeyValuePair<string, string>>();
            if (p["QueryParameters"] is { } q)
            {
                foreach (var (name, value) in q as JsonObject ?? throw Invalid("The HTTP Task's QueryParameters must be an object"))
                {
                    // A one-element array would take the value from its parent, so a single value is not wrapped in one.
                    var items = value is JsonArray list ? list.AsEnumerable() : Enumerable.Repeat(value, 1);
                    foreach (var item in items)
                    {
                        query.Add(new(name, Scalar(item)));
                    }
                }
            }

            var formEncoded = false;
            var arrayFormat = "INDICES";
            if (p["Transform"] is JsonObject transform)
            {
                formEncoded = String(transform, "RequestBodyEncoding") switch
                {
                    null or "NONE" => false,
                    "URL_ENCODED" => true,
                    var other => throw Invalid($"Transform.RequestBodyEncoding must be NONE or URL_ENCODED, not '{other}'"),
                };
                if (transform["RequestEncodingOptions"] is JsonObject options && String(options, "ArrayFormat") is { } format)
                {
                    arrayFormat = format is "INDICES" or "REPEAT" or "COMMAS" or "BRACKETS" ? format
                        : throw Invalid($"RequestEncodingOptions.ArrayFormat must be INDICES, REPEAT, COMMAS or BRACKETS, not '{format}'");
                }
            }

            return new HttpCall(endpoint, method, connectionArn, headers, query, p["RequestBody"]?.DeepClone(), formEncoded, arrayFormat);
        }

        /// <summary>The call as sent: the connection's headers, query and body parameters win over the task's.</summary>
        public HttpCall Merge(HttpConnection? connection)
        {
            var headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
            var query = new List<KeyValuePair<string, string>>(Query);
            var body = Body?.DeepClone();
            if (connection is not null)
            {
                foreach (var (name, value) in connection.Headers)
                {
                    headers[name] = value;
                }

                query.RemoveAll(kv => connection.QueryParameters.ContainsKey(kv.Key));
                query.AddRange(connection.QueryParameters);
                if (connection.BodyParameters.Count > 0)
                {
                    if (body is not null and not JsonObject)
                    {
                        throw Invalid("The connection has body parameters, so the HTTP Task's RequestBody must be an object");
                    }

                    var merged = body as JsonObject ?? [];
                    foreach (var (name, value) in connection.BodyParameters)
                    {
                        merged[name] = value;
                    }

                    body = merged;
                }

                switch (connection.AuthorizationType)
                {
                    case HttpAuthorizationType.ApiKey when !string.IsNullOrEmpty(connection.ApiKeyName):
                        headers[connection.ApiKeyName] = connection.ApiKeyValue ?? "";
                        break;
                    case HttpAuthorizationType.Basic:
                        headers["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.Username}:{connection.Password}"));
                        break;
                }
            }

            return this with { Headers = headers, Query = query, Body = body };
        }

        /// <summary>The body as sent: form-encoded, a string as it is, anything else as JSON; null without one.</summary>
        public string? BodyText() => Body switch
        {
            null => null,
            JsonObject o when FormEncoded => FormEncode(o, ArrayFormat),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => Body.ToJsonString(),
        };

        public HttpRequestMessage ToRequest(string region)
        {
            var uri = new UriBuilder(Endpoint);
            if (Query.Count > 0)
            {
                var extra = string.Join("&", Query.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
                uri.Query = string.IsNullOrEmpty(uri.Query) ? extra : uri.Query.TrimStart('?') + "&" + extra;
            }

            var request = new HttpRequestMessage(new HttpMethod(Method), uri.Uri);
            if (BodyText() is { } body)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(
                    FormEncoded ? "application/x-www-form-urlencoded" : "application/json; charset=UTF-8");
            }

            foreach (var (name, value) in Headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    if (request.Content is not null)
                    {
                        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                    }
                }
                else if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    throw Invalid($"The header '{name}' cannot be sent");
                }
            }

            request.Headers.TryAddWithoutValidation("User-Agent", "Amazon|StepFunctions|HttpInvoke|" + region);
            return request;
        }

        private static string FormEncode(JsonObject body, string arrayFormat)
        {
            var pairs = new List<string>();
            void Add(string key, JsonNode? value)
            {
                switch (value)
                {
                    case JsonObject o:
                        foreach (var (name, inner) in o)
                        {
                            Add($"{key}[{name}]", inner);
                        }

                        break;
                    case JsonArray a when arrayFormat == "COMMAS":
                        pairs.Add(Pair(key, string.Join(",", a.Select(Scalar))));
                        break;
                    case JsonArray a:
                        for (var i = 0; i < a.Count; i++)
                        {
                            Add(arrayFormat switch { "INDICES" => $"{key}[{i}]", "BRACKETS" => key + "[]", _ => key }, a[i]);
                        }

                        break;
                    default:
                        pairs.Add(Pair(key, Scalar(value)));
                        break;
                }
            }

            foreach (var (name, value) in body)
            {
                Add(name, value);
            }

            return string.Join("&", pairs);
        }

        private static string Pair(string key, string value) => Uri.EscapeDataString(key) + "=" + Uri.EscapeDataString(value);

        private static string Scalar(JsonNode? node) => node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };

        private static string? String(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static TaskFailedException Invalid(string cause) => new(StatesErrorNames.Runtime, cause);
    }
}
