using System.Net.Http;

namespace MedZen.Scribe.Models;

/// <summary>
/// Reads Bedrock's own error shape: a failed InvokeModel names its error in the <c>x-amzn-ErrorType</c> header
/// (e.g. <c>ModelNotReadyException</c>, which shares 429 with throttling), and the Anthropic SDK's exceptions keep
/// no response headers. So this handler, placed outside the SDK's Bedrock adaptation handler, turns such a response
/// into the named <see cref="ModelInvocationException"/> itself; the SDK passes that exception through untouched.
/// </summary>
internal sealed class BedrockErrorTypeHandler : DelegatingHandler
{
    public const string Provider = "Bedrock";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode
            || !response.Headers.TryGetValues("x-amzn-ErrorType", out var errorTypes))
        {
            return response;
        }

        using (response)
        {
            var errorType = ModelErrorMapping.AwsErrorTypeOf(errorTypes.FirstOrDefault());
            var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            throw ModelErrorMapping.FromStatus(Provider, (int)response.StatusCode, errorType, requestId);
        }
    }
}
