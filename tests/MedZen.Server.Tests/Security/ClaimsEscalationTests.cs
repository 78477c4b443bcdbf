using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using MedZen.Server.Security;
using Microsoft.IdentityModel.Tokens;

namespace MedZen.Server.Tests.Security;

/// <summary>
/// The role is read only from <c>role</c> and the identity only from <c>provider_id</c>, else <c>sub</c>. A provider's
/// token that also carries any other well-known role or identity claim gains nothing from it.
/// </summary>
public sealed class ClaimsEscalationTests(ClaimsEscalationTests.TwoProviders server) : IClassFixture<ClaimsEscalationTests.TwoProviders>
{
    /// <summary>Role claim names other issuers and frameworks use; none of them may grant a role here.</summary>
    public static readonly TheoryData<string> RoleClaimNames =
    [
        ClaimTypes.Role,
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/role",
        "http://schemas.microsoft.com/identity/claims/role",
        "roles",
        "Role",
        "ROLE",
        "cognito:groups",
        "groups",
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
        "user_role",
        "app_role",
        "scope",
        "scp",
        "wids",
    ];

    /// <summary>Identity claim names other issuers use; none of them may make a provider someone else.</summary>
    public static readonly TheoryData<string> IdentityClaimNames =
    [
        ClaimTypes.NameIdentifier,
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        "nameid",
        "unique_name",
        "oid",
        "uid",
        "user_id",
        "userId",
        "providerId",
        "ProviderId",
        "provider",
        "email",
        "preferred_username",
        "cognito:username",
    ];

    [Theory]
    [MemberData(nameof(RoleClaimNames))]
    public async Task An_admin_value_in_another_role_claim_grants_nothing(string claimName)
    {
        using var client = server.Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(("sub", "prov-x"), ("role", "provider"), ("provider_id", "prov-x"), (claimName, "admin")));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/executions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/soap-notes/{server.NoteOfB}")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={server.SessionOfB}"))!);
    }

    [Theory]
    [MemberData(nameof(RoleClaimNames))]
    public async Task Another_role_claim_alone_leaves_a_provider_with_no_privilege(string claimName)
    {
        using var client = server.Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(("sub", "prov-x"), (claimName, "service_role")));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/executions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/soap-notes/{server.NoteOfB}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(IdentityClaimNames))]
    public async Task Another_identity_claim_naming_provider_B_does_not_make_the_caller_B(string claimName)
    {
        using var client = server.Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(("sub", "prov-x"), ("role", "provider"), ("provider_id", "prov-x"), (claimName, "prov-b")));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/soap-notes/{server.NoteOfB}")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={server.SessionOfB}"))!);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/v1/soap-notes?providerId=prov-b"))!);
    }

    [Theory]
    [MemberData(nameof(IdentityClaimNames))]
    public async Task Another_identity_claim_without_sub_or_provider_id_identifies_nobody(string claimName)
    {
        using var client = server.Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(("role", "provider"), (claimName, "prov-b")));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/soap-notes/{server.NoteOfB}")).StatusCode);
    }

    [Fact]
    public async Task The_role_and_provider_id_claims_still_work()
    {
        using var admin = server.Fixture.Anonymous();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", Token(("sub", "ops-1"), ("role", "admin")));
        using var providerB = server.Fixture.Anonymous();
        providerB.DefaultRequestHeaders.Authorization = new("Bearer", Token(("sub", "user-9"), ("role", "provider"), ("provider_id", "prov-b")));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/executions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/soap-notes/{server.NoteOfB}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await providerB.GetAsync($"/v1/soap-notes/{server.NoteOfB}")).StatusCode);
    }

    [Fact]
    public async Task A_role_claim_with_two_values_grants_neither()
    {
        using var client = server.Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TokenWith(new JwtPayload
        {
            ["sub"] = "prov-x",
            ["provider_id"] = "prov-x",
            ["role"] = new[] { "provider", "admin" },
            ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds(),
        }));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/executions")).StatusCode);
    }

    [Fact]
    public void Caller_reads_only_the_configured_role_claim()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "u1"), new Claim("role", "admin"), new Claim("app_role", "provider"), new Claim(ClaimTypes.Role, "service")], "test"));

        Assert.Equal(MedZenRoles.Admin, Caller.From(principal).Role);
        Assert.Equal(MedZenRoles.Provider, Caller.From(principal, "app_role").Role);
        Assert.Equal("u1", Caller.From(principal, "app_role").ProviderId);
    }

    [Fact]
    public void A_provider_id_claim_with_two_values_gives_no_provider_id()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "prov-x"), new Claim("provider_id", "prov-x"), new Claim("provider_id", "prov-b")], "test"));

        var caller = Caller.From(principal);

        Assert.Null(caller.ProviderId);
        Assert.False(caller.MaySeeProvider("prov-b"));
        Assert.False(caller.MaySeeProvider("prov-x"));
    }

    private static string Token(params (string Type, string Value)[] claims)
    {
        var payload = new JwtPayload { ["exp"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds() };
        foreach (var (type, value) in claims)
        {
            payload[type] = value;
        }

        return TokenWith(payload);
    }

    // The payload is written as given: JwtSecurityTokenHandler's outbound map would otherwise shorten the Microsoft URIs.
    private static string TokenWith(JwtPayload payload)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ServerFixture.JwtSecret)), SecurityAlgorithms.HmacSha256);
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(new JwtHeader(credentials), payload));
    }

    /// <summary>One server with one finished visit of provider B.</summary>
    public sealed class TwoProviders : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        public string SessionOfB { get; private set; } = "";

        public string NoteOfB { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            Fixture = await ServerFixture.StartAsync();
            var visit = await Fixture.CreateVisitAsync(providerId: "prov-b");
            using var service = Fixture.Service();
            await Fixture.FinalizeAndWaitAsync(service, visit);
            SessionOfB = visit["sessionId"]!.GetValue<string>();
            NoteOfB = (await service.GetFromJsonAsync<JsonArray>($"/v1/soap-notes?sessionId={SessionOfB}"))![0]!["id"]!.GetValue<string>();
        }

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
