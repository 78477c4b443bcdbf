using System.Globalization;

namespace MedZen.Backends.SigV4;

/// <summary>An access key pair, with a session token when the keys are temporary.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}

/// <summary>Signs outgoing HTTP requests with AWS Signature Version 4 (Authorization header).</summary>
public sealed class SigV4Signer(AwsCredentials credentials, string region, string service, TimeProvider time)
{
    private readonly AwsCredentials _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    public async Task SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var amzDate = _time.GetUtcNow().ToString(SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture);

        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (_credentials.SessionToken is { } token)
        {
            request.Headers.Remove("X-Amz-Security-Token");
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", token);
        }

        var headers = new List<KeyValuePair<string, string>> { new("host", uri.IsDefaultPort ? uri.Host : uri.Authority) };
        headers.AddRange(request.Headers
            .Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), string.Join(',', h.Value))));
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(new("content-type", contentType.ToString()));
        }

        var signedHeaders = headers.Select(h => h.Key).Distinct().Order(StringComparer.Ordinal).ToArray();
        var signable = new SigV4Request(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, body);
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/{SigV4Canonicalizer.Terminator}";
        var canonical = SigV4Canonicalizer.CanonicalRequest(signable, signedHeaders, SigV4Canonicalizer.PayloadHash(body), service != "s3");
        var signature = SigV4Canonicalizer.Signature(
            SigV4Canonicalizer.SigningKey(_credentials.SecretAccessKey, date, region, service),
            SigV4Canonicalizer.StringToSign(amzDate, scope, canonical));

        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{SigV4Canonicalizer.Algorithm} Credential={_credentials.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
    }
}
