using System.Security.Cryptography;
using System.Text;

namespace MedZen.Backends.SigV4;

/// <summary>A request as SigV4 sees it: method, the path and query exactly as sent, headers, body.</summary>
/// <param name="Path">The request target's path, percent-encoded as it came over the wire.</param>
/// <param name="Query">The query string without '?', as it came over the wire; empty when none.</param>
public sealed record SigV4Request(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}

/// <summary>The pure parts of Signature Version 4: canonical request, string to sign, signing key, signature.</summary>
public static class SigV4Canonicalizer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string CanonicalRequest(SigV4Request request, IReadOnlyList<string> signedHeaders, string payloadHash, bool doubleEncodePath)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        var headers = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = request.HeaderValues(name).Select(TrimAll);
            headers.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalPath(request.Path, doubleEncodePath),
            CanonicalQuery(request.Query),
            headers.ToString(),
            string.Join(';', signedHeaders),
            payloadHash);
    }

    /// <summary>Each segment decoded, then RFC 3986-encoded; once more for every service but S3.</summary>
    public static string CanonicalPath(string path, bool doubleEncode)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = path.Split('/').Select(s => UriEncode(Uri.UnescapeDataString(s)));
        if (doubleEncode)
        {
            segments = segments.Select(UriEncode);
        }

        return string.Join('/', segments);
    }

    public static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Key: UriEncode(Decode(key)), Value: UriEncode(Decode(value)));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static byte[] SigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Terminator));
    }

    public static string Signature(byte[] signingKey, string stringToSign) =>
        Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string PayloadHash(byte[] body) => Hex(SHA256.HashData(body));

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Percent-encodes everything but RFC 3986's unreserved characters, in upper-case hex.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component);

    private static string TrimAll(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
