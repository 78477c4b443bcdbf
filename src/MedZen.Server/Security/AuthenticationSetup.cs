using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace MedZen.Server.Security;

public static class AuthenticationSetup
{
    public const string CombinedScheme = "MedZen";
    public const string AnyCaller = "AnyCaller";
    public const string ServiceOrAdmin = "ServiceOrAdmin";

    /// <summary>
    /// API keys for services (<c>x-api-key</c>) and bearer JWTs for people (HS256 secret or JWKS URL).
    /// One policy scheme picks the handler by the header present, so endpoints need not care.
    /// </summary>
    public static IServiceCollection AddMedZenAuthentication(this IServiceCollection services, AuthOptions auth, ServiceApiKey apiKey)
    {
        services.AddSingleton(apiKey);
        services.AddSingleton(auth);
        services.AddAuthentication(CombinedScheme)
            .AddPolicyScheme(CombinedScheme, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = auth.Issuer is not null,
                    ValidIssuer = auth.Issuer,
                    ValidateAudience = auth.Audience is not null,
                    ValidAudience = auth.Audience,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromMinutes(1),
                    RoleClaimType = auth.RoleClaim,
                    NameClaimType = Caller.SubjectClaim,
                    IssuerSigningKey = auth.JwtSecret is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.JwtSecret)),
                    RequireSignedTokens = true,
                };
                if (auth.JwksUrl is not null)
                {
                    o.ConfigurationManager = new JwksConfigurationManager(auth.JwksUrl, new HttpClient(), TimeProvider.System);
                }
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AnyCaller, p => p.RequireAuthenticatedUser())
            .AddPolicy(ServiceOrAdmin, p => p.RequireAuthenticatedUser().RequireAssertion(c => Caller.From(c.User, auth.RoleClaim).IsPrivileged));
        return services;
    }
}
