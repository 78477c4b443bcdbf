using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedZen.States.Integrations.Lambda;

/// <summary>
/// Routes a user's own Lambda functions to HTTP endpoints that speak the Lambda Invoke API
/// (<c>POST /2015-03-31/functions/{name}/invocations</c>), as Step Functions Local's <c>--lambda-endpoint</c> does:
/// SAM CLI's <c>sam local start-lambda</c>, LocalStack, or any server with that shape.
/// </summary>
/// <remarks>
/// Keys are function names or function ARNs; the key <c>*</c> is the endpoint for every function no other key names.
/// Both <c>arn:aws:states:::lambda:invoke</c> (FunctionName in the parameters) and a function ARN used directly as a
/// Task Resource are routed. Functions with no endpoint go to whatever handler was registered before.
/// </remarks>
public sealed class LambdaEndpoints
{
    public const string LambdaInvoke = "arn:aws:states:::lambda:invoke";
    private readonly Dictionary<string, Uri> _endpoints;
    private readonly HttpClient _http;

    public LambdaEndpoints(IReadOnlyDictionary<string, string> endpoints, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var (function, url) in endpoints)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"The Lambda endpoint for '{function}' is not an http(s) URL: '{url}'", nameof(endpoints));
            }

            _endpoints[function] = uri;
        }
        _http = http;
    }

    /// <summary>Parses <c>NAME=URL</c> pairs (a bare URL is the endpoint for every function).</summary>
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                map["*"] = pair;
            }
            else
            {
                map[pair[..eq]] = pair[(eq + 1)..];
            }
        }
        return map;
    }

    /// <summary>The endpoint for a function name, name:qualifier or function ARN; null when none is configured.</summary>
    public Uri? EndpointFor(string function)
    {
        if (_endpoints.TryGetValue(function, out var exact))
        {
            return exact;
        }

        var name = FunctionName(function);
        if (_endpoints.TryGetValue(name, out var byName))
        {
            return byName;
        }

        foreach (var (key, uri) in _endpoints)
        {
            if (key.StartsWith("arn:", StringComparison.Ordinal) && FunctionName(key) == name)
            {
                return uri;
            }
        }

        return _endpoints.GetValueOrDefault("*");
    }

    /// <summary>arn:aws:lambda:region:account:function:name[:qualifier] or name[:qualifier] → name.</summary>
    private static string FunctionName(string function)
    {
        var parts = function.Split(':');
        return parts.Length >= 7 && parts[0] == "arn" ? parts[6] : parts[0];
    }

    private static bool IsFunctionArn(string resource) =>
        resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal) && resource.Contains(":function:", StringComparison.Ordinal);

    /// <summary>Installs the routing on <paramref name="registry"/>, in front of whatever handles Lambda there now.</summary>
    public void Install(TaskHandlerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Decorate((resource, found) =>
        {
            if (resource == LambdaInvoke)
            {
                return new Handler(this, found, direct: false);
            }

            if (IsFunctionArn(resource) && EndpointFor(resource) is not null)
            {
                return new Handler(this, found, direct: true);
            }

            return found;
        });
    }

    private sealed class Handler(LambdaEndpoints endpoints, ITaskHandler? fallback, bool direct) : ITaskHandler
    {
        public async ValueTask<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
        {
            string function;
            JsonNode? payload;
            string? qualifier = null;
            if (direct)
            {
                function = invocation.Resource;
                payload = invocation.Parameters;
            }
            else
            {
                function = invocation.Parameters?["FunctionName"] is JsonValue v && v.TryGetValue<string>(out var f) ? f
                    : throw new TaskFailedException("Lambda.InvalidParameterValueException", "The parameter 'FunctionName' is required and must be a string.");
                payload = invocation.Parameters?["Payload"];
                qualifier = invocation.Parameters?["Qualifier"] is JsonValue q && q.TryGetValue<string>(out var qs) ? qs : null;
            }
            var endpoint = endpoints.EndpointFor(function);
            if (endpoint is null)
            {
                if (fallback is not null)
                {
                    return await fallback.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
                }

                throw new TaskFailedException("Lambda.ResourceNotFoundException", $"Function not found: {function}");
            }
            var output = await endpoints.CallAsync(endpoint, function, qualifier, payload, invocation.IdempotencyKey, cancellationToken).ConfigureAwait(false);
            return direct ? output.Payload : output.ToResult();
        }
    }

    private async Task<LambdaInvokeOutput> CallAsync(Uri endpoint, string function, string? qualifier, JsonNode? payload, string idempotencyKey,
        CancellationToken ct)
    {
        // The path names the function by name: local endpoints (SAM CLI) do not take ARNs there.
        var path = $"2015-03-31/functions/{Uri.EscapeDataString(FunctionName(function))}/invocations" + (qualifier is null ? "" : "?Qualifier=" + Uri.EscapeDataString(qualifier));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(endpoint.ToString().TrimEnd('/') + "/"), path))
        {
            Content = new StringContent(payload is null ? "{}" : payload.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Amz-Invocation-Type", "RequestResponse");
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // Only the failure's kind: the endpoint's answer is not echoed (it may carry data).
            throw new TaskFailedException("Lambda.SdkClientException", $"Unable to reach the Lambda endpoint for '{function}': {e.HttpRequestError}");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var type = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.First().Split(':')[0] : null;
                type ??= response.StatusCode == HttpStatusCode.NotFound ? "ResourceNotFoundException" : "ServiceException";
                throw new TaskFailedException($"Lambda.{type}", $"The Lambda endpoint answered {(int)response.StatusCode} for '{function}'");
            }
            JsonNode? result;
            try
            {
                result = body.Length == 0 ? null : JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                // Lambda returns whatever the function returned; a non-JSON payload arrives as a string.
                result = JsonValue.Create(body);
            }
            if (response.Headers.TryGetValues("X-Amz-Function-Error", out _))
            {
                // A function error: Step Functions reports the function's errorType as the error and its payload as the cause.
                var errorType = result?["errorType"] is JsonValue et && et.TryGetValue<string>(out var t) ? t : "Exception";
                throw new TaskFailedException(errorType, body);
            }
            var version = response.Headers.TryGetValues("X-Amz-Executed-Version", out var versions) ? versions.First() : "$LATEST";
            // The endpoint's own request id when it gives one (Lambda does); else one that a replayed attempt repeats.
            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.First() : AwsResponseMetadata.RequestId(idempotencyKey);
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
            var status = (int)response.StatusCode;
            return new LambdaInvokeOutput(version, result, status, AwsResponseMetadata.Http(requestId, contentType, status), AwsResponseMetadata.Response(requestId));
        }
    }

    /// <summary>For logs: the configured functions (never the payloads).</summary>
    public override string ToString() => string.Join(", ", _endpoints.Keys);
}
