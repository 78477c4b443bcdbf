using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MedZen.Server.Hosting;

namespace MedZen.Server.Commands;

/// <summary>A CLI command's failure, printed as one line (<c>error: …</c>).</summary>
/// <summary>
/// The CLI's HTTP client for the <c>medzen serve</c> that owns a data folder: its address from <c>{data}/server.json</c>,
/// the service key (<c>x-api-key</c>) from configuration (<c>MEDZEN_SERVICE_API_KEY</c>) or <c>{data}/service-api-key</c>.
/// </summary>
internal sealed class ServerClient : IDisposable
{
    private readonly HttpClient _http;

    private ServerClient(HttpClient http) => this._http = http;

    public Uri BaseAddress => _http.BaseAddress!;

    public static ServerClient Connect(string dataFolder, ServerAddressFile server, string? configuredKey)
    {
        var key = configuredKey is { Length: > 0 } ? configuredKey.Trim() : ReadKeyFile(dataFolder);
        var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("x-api-key", key);
        return new ServerClient(http);
    }

    public async Task<JsonNode?> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery), ct);
        return await ReadAsync(response, ct);
    }

    public async Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> type, CancellationToken ct) =>
        Deserialize(await GetAsync(pathAndQuery, ct), type);

    public async Task<T> PostAsync<T>(string path, string? jsonBody, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(jsonBody ?? "{}", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        using var response = await SendAsync(request, ct);
        return Deserialize(await ReadAsync(response, ct), type);
    }

    /// <summary>
    /// Every item of a list endpoint, following <c>nextToken</c> when the server pages. A list answers either a JSON
    /// array or an object holding one array and an optional <c>nextToken</c>.
    /// </summary>
    public async Task<List<T>> ListAsync<T>(string path, string query, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var items = new List<T>();
        string? token = null;
        do
        {
            var separator = query.Length > 0 ? "&" : "";
            var page = await GetAsync($"{path}?{query}{(token is null ? "" : separator + "nextToken=" + Uri.EscapeDataString(token))}", ct);
            var array = page as JsonArray;
            token = null;
            if (page is JsonObject paged)
            {
                array = paged.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault();
                token = paged["nextToken"]?.GetValue<string>();
            }

            foreach (var item in array ?? [])
            {
                items.Add(Deserialize(item, type));
            }
        }
        while (token is not null);
        return items;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            var response = await _http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await FailureAsync(response, ct);
                }
            }

            return response;
        }
        catch (HttpRequestException e)
        {
            throw new CliException("ServerUnavailable", $"the server that owns the data folder does not answer at {_http.BaseAddress} ({e.HttpRequestError}).");
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>The server's problem detail as the CLI's error: its error name and detail, exit 2 for a 4xx (the request can be fixed).</summary>
    private static async Task<CliException> FailureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var exitCode = (int)response.StatusCode is >= 400 and < 500 ? CliExitCodes.Usage : CliExitCodes.Failure;
        try
        {
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) is JsonObject problem
                && problem["error"]?.GetValue<string>() is { Length: > 0 } name)
            {
                var detail = problem["detail"]?.GetValue<string>() ?? problem["title"]?.GetValue<string>();
                return new CliException(name, detail is { Length: > 0 } ? detail : $"the server answered {(int)response.StatusCode}.", exitCode);
            }
        }
        catch (JsonException)
        {
            // Not a problem detail: the status says enough.
        }
        catch (InvalidOperationException)
        {
            // A problem field of another JSON type.
        }

        return response.StatusCode == System.Net.HttpStatusCode.Unauthorized
            ? new CliException("Unauthorized", "the server refused the service key (set MEDZEN_SERVICE_API_KEY to the server's key).", exitCode)
            : new CliException("ServerError", $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}.", exitCode);
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));

    private static T Deserialize<T>(JsonNode? node, JsonTypeInfo<T> type) =>
        node.Deserialize(type) ?? throw new CliException("InvalidServerAnswer", "the server answered an empty body.");

    private static string ReadKeyFile(string dataFolder)
    {
        var path = Path.Combine(dataFolder, "service-api-key");
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException("ServiceKeyUnavailable", $"cannot read the service key in {path}; set MEDZEN_SERVICE_API_KEY to the server's key.");
        }
    }

    public void Dispose() => _http.Dispose();
}
