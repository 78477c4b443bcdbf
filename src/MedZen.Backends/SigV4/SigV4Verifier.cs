using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedZen.Backends.SigV4;

/// <summary>The AWS error codes (the <c>__type</c> of an AWS JSON error) a rejected signature maps to.</summary>
public static class SigV4ErrorCodes
{
    /// <summary>No Authorization header at all.</summary>
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";

    /// <summary>The Authorization header lacks a part, or names an unsupported algorithm.</summary>
    public const string IncompleteSignature = "IncompleteSignatureException";

    /// <summary>The signature does not match, is outside the allowed clock skew, or is scoped to another region/service.</summary>
    public const string InvalidSignature = "InvalidSignatureException";

    /// <summary>The access key id is not one this server knows.</summary>
    public const string UnrecognizedClient = "UnrecognizedClientException";
}

/// <summary>The outcome of checking one request; <see cref="Message"/> says why, without echoing secrets or the body.</summary>
public sealed record SigV4VerificationResult(bool IsValid, string? AccessKeyId, string? ErrorCode, string? Message)
{
    public static SigV4VerificationResult Valid(string accessKeyId) => new(true, accessKeyId, null, null);

    public static SigV4VerificationResult Invalid(string errorCode, string message, string? accessKeyId = null) => new(false, accessKeyId, errorCode, message);
}

public sealed class SigV4VerifierOptions
{
    /// <summary>The service name the credential scope must carry.</summary>
    /// <value><c>states</c> (AWS Step Functions).</value>
    public string Service { get; init; } = "states";

    /// <summary>When set, the credential scope's region must equal it.</summary>
    /// <value>Null: any region.</value>
    public string? Region { get; init; }

    /// <summary>Access key id → secret access key.</summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string>();

    /// <summary>How far the request's X-Amz-Date may be from now, either way.</summary>
    /// <value>15 minutes, as AWS allows.</value>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>S3 encodes the path once; every other service twice.</summary>
    /// <value>True unless <see cref="Service"/> is <c>s3</c>.</value>
    public bool? DoubleEncodePath { get; init; }
}

/// <summary>
/// Verifies requests signed with AWS Signature Version 4 in the Authorization header, as AWS services do, so
/// AWS SDK clients (e.g. the seed's StepFunctionsClient) can call this server with access keys it issued.
/// </summary>
public sealed class SigV4Verifier(SigV4VerifierOptions options, TimeProvider time)
{
    private readonly SigV4VerifierOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    public SigV4VerificationResult Verify(SigV4Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.HeaderValues("Authorization").ToArray();
        if (authorization.Length == 0)
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.MissingAuthenticationToken, "Missing Authentication Token");
        }

        if (!SigV4Authorization.TryParse(authorization[0], out var auth, out var parseError))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.IncompleteSignature, parseError);
        }

        var amzDate = request.HeaderValues("X-Amz-Date").FirstOrDefault();
        if (amzDate is null)
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.IncompleteSignature, "Authorization header requires existence of the 'X-Amz-Date' header.");
        }

        if (!DateTimeOffset.TryParseExact(amzDate, SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.IncompleteSignature, $"X-Amz-Date '{amzDate}' is not in the form yyyyMMddTHHmmssZ.");
        }

        if (!string.Equals(auth.Date, amzDate[..8], StringComparison.Ordinal))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature, $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}'.");
        }

        if (!string.Equals(auth.Service, _options.Service, StringComparison.Ordinal))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature, $"Credential should be scoped to correct service: '{_options.Service}'.");
        }

        if (_options.Region is { } region && !string.Equals(auth.Region, region, StringComparison.Ordinal))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature, $"Credential should be scoped to a valid region: '{region}'.");
        }

        var now = _time.GetUtcNow();
        if (signedAt < now - _options.AllowedClockSkew)
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature,
                $"Signature expired: {amzDate} is now earlier than {(now - _options.AllowedClockSkew).ToString(SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture)}.");
        }

        if (signedAt > now + _options.AllowedClockSkew)
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature,
                $"Signature not yet current: {amzDate} is still later than {(now + _options.AllowedClockSkew).ToString(SigV4Canonicalizer.DateFormat, CultureInfo.InvariantCulture)}.");
        }

        if (!auth.SignedHeaders.Contains("host"))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var unsent = auth.SignedHeaders.FirstOrDefault(h => !request.HeaderValues(h).Any());
        if (unsent is not null)
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature, $"Signed header '{unsent}' is not in the request.");
        }

        if (!_options.Credentials.TryGetValue(auth.AccessKeyId, out var secret))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.UnrecognizedClient, "The security token included in the request is invalid.", auth.AccessKeyId);
        }

        // The body is hashed here, never taken from X-Amz-Content-Sha256, so a changed body cannot keep a valid signature.
        var payloadHash = SigV4Canonicalizer.PayloadHash(request.Body);
        var declared = request.HeaderValues("X-Amz-Content-Sha256").FirstOrDefault();
        if (declared == "UNSIGNED-PAYLOAD" && _options.Service != "s3")
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature, "Unsigned payloads are accepted only by S3.", auth.AccessKeyId);
        }

        if (declared is not null && declared != "UNSIGNED-PAYLOAD" && !string.Equals(declared, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature, "The provided 'x-amz-content-sha256' header does not match what was computed.", auth.AccessKeyId);
        }

        var canonical = SigV4Canonicalizer.CanonicalRequest(request, auth.SignedHeaders, declared ?? payloadHash, _options.DoubleEncodePath ?? _options.Service != "s3");
        var stringToSign = SigV4Canonicalizer.StringToSign(amzDate, auth.Scope, canonical);
        var expected = SigV4Canonicalizer.Signature(SigV4Canonicalizer.SigningKey(secret, auth.Date, auth.Region, auth.Service), stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature.ToLowerInvariant())))
        {
            return SigV4VerificationResult.Invalid(SigV4ErrorCodes.InvalidSignature,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.", auth.AccessKeyId);
        }

        return SigV4VerificationResult.Valid(auth.AccessKeyId);
    }
}

/// <summary>The parts of <c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>.</summary>
internal sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public string Scope => $"{Date}/{Region}/{Service}/{SigV4Canonicalizer.Terminator}";

    public static bool TryParse(string header, out SigV4Authorization authorization, out string error)
    {
        authorization = null!;
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || header[..space] != SigV4Canonicalizer.Algorithm)
        {
            error = $"Authorization header must use the {SigV4Canonicalizer.Algorithm} algorithm.";
            return false;
        }

        var parts = header[(space + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(k => !parts.ContainsKey(k) || parts[k].Length == 0).ToArray();
        if (missing.Length > 0)
        {
            error = $"Authorization header requires {string.Join(", ", missing.Select(m => $"'{m}'"))} parameter(s).";
            return false;
        }

        var credential = parts["Credential"].Split('/');
        if (credential.Length != 5 || credential[4] != SigV4Canonicalizer.Terminator || credential.Any(c => c.Length == 0))
        {
            error = "Credential must have the form <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request.";
            return false;
        }

        var signedHeaders = parts["SignedHeaders"].Split(';');
        if (!signedHeaders.SequenceEqual(signedHeaders.Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal)))
        {
            error = "SignedHeaders must be lower-case and sorted.";
            return false;
        }

        if (parts["Signature"].Length != 64 || !parts["Signature"].All(char.IsAsciiHexDigit))
        {
            error = "Signature must be 64 hexadecimal digits.";
            return false;
        }

        authorization = new SigV4Authorization(credential[0], credential[1], credential[2], credential[3], signedHeaders, parts["Signature"]);
        error = "";
        return true;
    }
}
