namespace MedZen.Server.Security;

/// <summary>Bearer-token settings (<c>MedZen:Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>Supabase-style HS256 secret for bearer JWTs. <value>Default: none (HS256 tokens rejected).</value>
    /// Falls back to <c>SUPABASE_JWT_SECRET</c>.</summary>
    public string? JwtSecret { get; set; }

    /// <summary>JWKS document URL for RS256/ES256 bearer JWTs. <value>Default: none.</value></summary>
    public string? JwksUrl { get; set; }

    /// <summary>Expected issuer, when set. <value>Default: not checked.</value></summary>
    public string? Issuer { get; set; }

    /// <summary>Expected audience, when set. <value>Default: not checked.</value></summary>
    public string? Audience { get; set; }

    /// <summary>The one claim a bearer token's role is read from. <value>Default: <c>role</c>.</value>
    /// No other claim name (<c>roles</c>, <c>cognito:groups</c>, the Microsoft role URI…) is ever read.</summary>
    public string RoleClaim { get; set; } = Caller.DefaultRoleClaim;
}
