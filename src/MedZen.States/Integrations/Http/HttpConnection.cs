namespace MedZen.States.Integrations.Http;

/// <summary>How an EventBridge connection authorizes the calls made through it.</summary>
public enum HttpAuthorizationType
{
    /// <summary>No authorization parameters (a local endpoint that needs none).</summary>
    None,

    /// <summary>A header named <see cref="HttpConnection.ApiKeyName"/> carrying <see cref="HttpConnection.ApiKeyValue"/>.</summary>
    ApiKey,

    /// <summary>HTTP Basic with <see cref="HttpConnection.Username"/> and <see cref="HttpConnection.Password"/>.</summary>
    Basic,
}

/// <summary>
/// What an EventBridge connection adds to every HTTP Task call made through it: its authorization and its invocation
/// HTTP parameters (headers, query string and body parameters). On AWS these live in EventBridge and Secrets Manager;
/// here they are settings, <c>MedZen:Engine:HttpConnections:NAME:…</c>, where NAME is the connection's name in its ARN
/// (<c>arn:aws:events:REGION:ACCOUNT:connection/NAME/ID</c>).
/// </summary>
public sealed class HttpConnection
{
    public HttpAuthorizationType AuthorizationType { get; set; }

    public string? ApiKeyName { get; set; }

    public string? ApiKeyValue { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> QueryParameters { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> BodyParameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The connection's name in <c>arn:aws:events:REGION:ACCOUNT:connection/NAME/ID</c>; null when it is no connection ARN.</summary>
    public static string? NameOf(string connectionArn)
    {
        var parts = connectionArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "events" || !parts[5].StartsWith("connection/", StringComparison.Ordinal))
        {
            return null;
        }

        var name = parts[5]["connection/".Length..].Split('/')[0];
        return name.Length == 0 ? null : name;
    }
}
