using Amazon.Runtime.Internal.Auth;
using MedZen.Backends.SigV4;
using Microsoft.Extensions.Time.Testing;

namespace MedZen.Aws.Tests.SigV4;

public sealed class SigV4VerifierTests
{
    // AWS's documented example credentials.
    private const string SuiteKeyId = "AKIDEXAMPLE";
    private const string SuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static SigV4Verifier Verifier(string service, DateTimeOffset now, string keyId, string secret, string? region = "us-east-1") =>
        new(new SigV4VerifierOptions { Service = service, Region = region, Credentials = new Dictionary<string, string> { [keyId] = secret } }, new FakeTimeProvider(now));

    private static SigV4Request GetVanilla(string signature) => new("GET", "/", "",
    [
        new("Host", "example.amazonaws.com"),
        new("X-Amz-Date", "20150830T123600Z"),
        new("Authorization", $"AWS4-HMAC-SHA256 Credential={SuiteKeyId}/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}"),
    ], []);

    [Fact]
    public void Accepts_the_signature_v4_test_suite_get_vanilla_request()
    {
        var verifier = Verifier("service", new DateTimeOffset(2015, 8, 30, 12, 40, 0, TimeSpan.Zero), SuiteKeyId, SuiteSecret);
        var result = verifier.Verify(GetVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Accepts_the_s3_documentation_get_object_example()
    {
        // Amazon S3 API reference, "Signature calculations for the Authorization header", example GET Object.
        var verifier = Verifier("s3", new DateTimeOffset(2013, 5, 24, 0, 5, 0, TimeSpan.Zero), "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        var request = new SigV4Request("GET", "/test.txt", "",
        [
            new("Host", "examplebucket.s3.amazonaws.com"),
            new("Range", "bytes=0-9"),
            new("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            new("x-amz-date", "20130524T000000Z"),
            new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        ], []);

        var result = verifier.Verify(request);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void The_signature_equals_what_AWSSDK_Core_computes_for_the_same_canonical_request()
    {
        var request = GetVanilla(new string('0', 64));
        var canonical = SigV4Canonicalizer.CanonicalRequest(request, ["host", "x-amz-date"], SigV4Canonicalizer.PayloadHash([]), doubleEncodePath: true);
        var ours = SigV4Canonicalizer.Signature(
            SigV4Canonicalizer.SigningKey(SuiteSecret, "20150830", "us-east-1", "service"),
            SigV4Canonicalizer.StringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical));

        var sdk = AWS4Signer.ComputeSignature(SuiteKeyId, SuiteSecret, "us-east-1", new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc), "service", "host;x-amz-date", canonical);

        Assert.Equal(sdk.Signature, ours);
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", ours);
    }

    [Fact]
    public void Rejects_a_changed_signature_as_invalid()
    {
        var verifier = Verifier("service", new DateTimeOffset(2015, 8, 30, 12, 40, 0, TimeSpan.Zero), SuiteKeyId, SuiteSecret);
        var result = verifier.Verify(GetVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30"));
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, result.ErrorCode);
        Assert.Contains("does not match", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-16, "Signature expired")]
    [InlineData(16, "Signature not yet current")]
    public void Rejects_a_request_signed_more_than_15_minutes_away(int minutes, string reason)
    {
        var verifier = Verifier("service", new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero).AddMinutes(-minutes), SuiteKeyId, SuiteSecret);
        var result = verifier.Verify(GetVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, result.ErrorCode);
        Assert.StartsWith(reason, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_request_14_minutes_old()
    {
        var verifier = Verifier("service", new DateTimeOffset(2015, 8, 30, 12, 50, 0, TimeSpan.Zero), SuiteKeyId, SuiteSecret);
        Assert.True(verifier.Verify(GetVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")).IsValid);
    }

    [Fact]
    public void Rejects_an_unknown_access_key_as_unrecognized()
    {
        var verifier = Verifier("service", new DateTimeOffset(2015, 8, 30, 12, 40, 0, TimeSpan.Zero), "AKIDOTHER", SuiteSecret);
        var result = verifier.Verify(GetVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
        Assert.Equal((SigV4ErrorCodes.UnrecognizedClient, SuiteKeyId), (result.ErrorCode, result.AccessKeyId));
    }

    [Fact]
    public void Rejects_a_credential_scoped_to_another_service_or_region()
    {
        var now = new DateTimeOffset(2015, 8, 30, 12, 40, 0, TimeSpan.Zero);
        var request = GetVanilla("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        Assert.Equal("Credential should be scoped to correct service: 'states'.", Verifier("states", now, SuiteKeyId, SuiteSecret).Verify(request).Message);
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, Verifier("service", now, SuiteKeyId, SuiteSecret, region: "eu-central-1").Verify(request).ErrorCode);
    }

    [Theory]
    [InlineData(null, SigV4ErrorCodes.MissingAuthenticationToken)]
    [InlineData("AWS4-HMAC-SHA1 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", SigV4ErrorCodes.IncompleteSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", SigV4ErrorCodes.IncompleteSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", SigV4ErrorCodes.IncompleteSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", SigV4ErrorCodes.InvalidSignature)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150829/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", SigV4ErrorCodes.InvalidSignature)]
    public void Names_each_malformed_authorization(string? authorization, string errorCode)
    {
        var verifier = Verifier("service", new DateTimeOffset(2015, 8, 30, 12, 40, 0, TimeSpan.Zero), SuiteKeyId, SuiteSecret);
        var headers = GetVanilla("").Headers.Where(h => h.Key != "Authorization").ToList();
        if (authorization is not null)
        {
            headers.Add(new("Authorization", authorization));
        }

        var result = verifier.Verify(new SigV4Request("GET", "/", "", headers, []));
        Assert.Equal(errorCode, result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public async Task What_the_signer_signs_verifies_and_a_changed_body_or_target_does_not()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var signer = new SigV4Signer(new AwsCredentials("AKIAMEDZENTEST", "medzen-test-secret"), "us-east-1", "states", new FakeTimeProvider(now));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://states.us-east-1.amazonaws.com/")
        {
            Content = new ByteArrayContent("""{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:medzen-soap-workflow"}"""u8.ToArray()),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.StartExecution");
        await signer.SignAsync(request, TestContext.Current.CancellationToken);

        var body = await request.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(',', h.Value)))
            .Append(new("Host", "states.us-east-1.amazonaws.com"))
            .Append(new("Content-Type", "application/x-amz-json-1.0"))
            .ToArray();
        var verifier = Verifier("states", now.AddMinutes(3), "AKIAMEDZENTEST", "medzen-test-secret");

        Assert.True(verifier.Verify(new SigV4Request("POST", "/", "", headers, body)).IsValid);
        var changedBody = (byte[])body.Clone();
        changedBody[^3] ^= 1;
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, verifier.Verify(new SigV4Request("POST", "/", "", headers, changedBody)).ErrorCode);
        var changedTarget = headers.Select(h => h.Key == "X-Amz-Target" ? new KeyValuePair<string, string>(h.Key, "AWSStepFunctions.StopExecution") : h).ToArray();
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, verifier.Verify(new SigV4Request("POST", "/", "", changedTarget, body)).ErrorCode);
        var otherSecret = Verifier("states", now, "AKIAMEDZENTEST", "another-secret");
        Assert.Equal(SigV4ErrorCodes.InvalidSignature, otherSecret.Verify(new SigV4Request("POST", "/", "", headers, body)).ErrorCode);
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        Assert.DoesNotContain("s3cr3t", new AwsCredentials("AKIA", "s3cr3t").ToString(), StringComparison.Ordinal);
    }
}
