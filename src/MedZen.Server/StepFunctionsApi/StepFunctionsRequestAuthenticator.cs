using System.Security.Cryptography;
using System.Text;
using MedZen.Backends.SigV4;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MedZen.Server.StepFunctionsApi;

/// <summary>
/// Admits a request signed with SigV4 (service <c>states</c>) by the configured key pair, or carrying the service
/// API key in <c>x-api-key</c>; anything else fails with AWS's authentication error names.
/// </summary>
internal sealed class StepFunctionsRequestAuthenticator(IOptions<StepFunctionsApiOptions> options, TimeProvider time, IServiceProvider services)
{
    private const string ApiKeyHeader = "x-api-key";
    private readonly StepFunctionsApiOptions _options = options.Value;
    private readonly SigV4Verifier? _verifier = options.Value.HasSigV4Keys
        ? new SigV4Verifier(new SigV4VerifierOptions
        {
            Service = "states",
            Region = string.IsNullOrEmpty(options.Value.Region) ? null : options.Value.Region,
            Credentials = new Dictionary<string, string>(StringComparer.Ordinal) { [options.Value.AccessKeyId!] = options.Value.SecretAccessKey! },
        }, time)
        : null;

    /// <summary>
    /// Checks what the headers alone decide, before any body byte is read: a valid API key admits the request; a SigV4
    /// Authorization must name the configured access key. Throws <see cref="AwsJsonError"/> when the request is refused.
    /// </summary>
    /// <returns>True when the signature still has to be checked against the body (<see cref="VerifySignature"/>).</returns>
    public bool AuthenticateHeaders(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.TryGetValue(ApiKeyHeader, out var presented))
        {
            if (ApiKeyMatches(presented.ToString()))
            {
                return false;
            }

            if (!request.Headers.ContainsKey("Authorization"))
            {
                throw new AwsJsonError(AwsJsonErrorNames.UnrecognizedClient, "The API key included in the request is invalid.");
            }
        }
        if (!request.Headers.ContainsKey("Authorization"))
        {
            throw new AwsJsonError(SigV4ErrorCodes.MissingAuthenticationToken, "Missing Authentication Token");
        }

        if (_verifier is null || !NamesConfiguredKey(request.Headers.Authorization.ToString()))
        {
            throw new AwsJsonError(SigV4ErrorCodes.UnrecognizedClient, "The security token included in the request is invalid.");
        }

        return true;
    }

    /// <summary>The SigV4 signature covers the body's hash, so it is checked once the (size-limited) body is read.</summary>
    public void VerifySignature(HttpContext context, byte[] body)
    {
        var result = _verifier!.Verify(ToSigV4Request(context, body));
        if (!result.IsValid)
        {
            throw new AwsJsonError(result.ErrorCode!, result.Message!);
        }
    }

    // "AWS4-HMAC-SHA256 Credential=AKID/20250101/region/states/aws4_request, …": the key id is all a header check can
    // trust; the verifier parses the rest, with its own error messages, once the body is there.
    private bool NamesConfiguredKey(string authorization)
    {
        const string marker = "Credential=";
        var start = authorization.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return true;
        }

        start += marker.Length;
        var end = authorization.IndexOf('/', start);
        if (end < 0)
        {
            return true;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(_options.AccessKeyId!), Encoding.UTF8.GetBytes(authorization[start..end]));
    }

    private bool ApiKeyMatches(string presented)
    {
        if (_options.ApiKeyCheck is { } check)
        {
            return check(presented);
        }

        if (!string.IsNullOrEmpty(_options.ServiceApiKey))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_options.ServiceApiKey), Encoding.UTF8.GetBytes(presented));
        }

        return services.GetService(typeof(Security.ServiceApiKey)) is Security.ServiceApiKey hostKey && hostKey.Matches(presented);
    }

    private static SigV4Request ToSigV4Request(HttpContext context, byte[] body)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var query = question < 0 ? "" : raw[(question + 1)..];
        var headers = context.Request.Headers
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? "")))
            .ToList();
        return new SigV4Request(context.Request.Method, path, query, headers, body);
    }
}
