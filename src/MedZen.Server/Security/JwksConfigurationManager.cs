using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MedZen.Server.Security;

/// <summary>
/// Serves signing keys from a bare JWKS URL (Supabase, Auth0 and others publish one), which JwtBearer's
/// OpenID discovery does not read on its own. Keys are cached and refreshed at most every five minutes,
/// or at once when a token names a key we have not seen (RequestRefresh).
/// </summary>
internal sealed class JwksConfigurationManager(string jwksUrl, HttpClient http, TimeProvider time)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_current is not null && time.GetUtcNow() - _fetchedAt < RefreshInterval)
        {
            return _current;
        }

        await _gate.WaitAsync(cancel);
        try
        {
            if (_current is null || time.GetUtcNow() - _fetchedAt >= RefreshInterval)
            {
                var json = await http.GetStringAsync(jwksUrl, cancel);
                var configuration = new OpenIdConnectConfiguration();
                foreach (var key in new JsonWebKeySet(json).GetSigningKeys())
                {
                    configuration.SigningKeys.Add(key);
                }

                _current = configuration;
                _fetchedAt = time.GetUtcNow();
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void RequestRefresh() => _fetchedAt = DateTimeOffset.MinValue;
}
