using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>
/// The API behind a region's Keycloak realm (Auth:Authority set): the provider's tokens, mapped to our
/// roles and scope, open the demo district; tokens not signed by the realm, for another audience, with no scope or a
/// role that does not fit the scope get nothing; local sign-in is not there.
/// </summary>
public sealed class ExternalProviderTests(KeycloakRealmApi api) : IClassFixture<KeycloakRealmApi>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static string SchoolsOfDistrict => $"/api/districts/{District}/schools";

    /// <summary>Sends a GET with the realm's token, expecting this status.</summary>
    private Task<IScenarioResult> Get(string url, string token, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    private static string WwwAuthenticate(IScenarioResult result) => result.Context.Response.Headers.WWWAuthenticate.ToString();

    [Fact]
    public async Task A_realm_district_curator_reads_the_demo_district_and_is_known_by_its_keycloak_name()
    {
        var subject = Guid.NewGuid();
        var token = api.Realm.Mint(["district-curator", "offline_access"], $"district:{District}",
            subject: subject.ToString(), userName: "i.petrova", fullName: "Петрова Ирина Сергеевна");

        await Get(SchoolsOfDistrict, token);

        var me = await Get("/api/me", token).Json();
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe([Roles.DistrictCurator]);
        me.GetProperty("userName").GetString().ShouldBe("i.petrova");
        me.GetProperty("fullName").GetString().ShouldBe("Петрова Ирина Сергеевна");
        me.GetProperty("id").GetGuid().ShouldBe(subject);
        me.GetProperty("scope").GetProperty("id").GetGuid().ShouldBe(District);
        me.GetProperty("scope").GetProperty("name").GetString().ShouldBe("МР «Троицко-Печорский»");
    }

    [Fact]
    public async Task A_role_that_does_not_fit_the_scope_is_dropped_so_a_school_account_gets_no_district_rights()
    {
        // A misconfigured realm gives a school account the district curator's role as well.
        var token = api.Realm.Mint(["district-curator", "school-curator"], $"school:{Sosh1}");

        var me = await Get("/api/me", token).Json();
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe([Roles.SchoolCurator]);
        await Get(SchoolsOfDistrict, token, 403);

        await Get(SchoolsOfDistrict, api.Realm.Mint(["district-curator"], $"school:{Sosh1}"), 403);
    }

    [Fact]
    public async Task A_curator_of_another_district_is_refused_the_demo_district()
    {
        await Get(SchoolsOfDistrict, api.Realm.Mint(["district-curator"], $"district:{Guid.NewGuid()}"), 403);
    }

    [Fact]
    public async Task A_token_without_a_tenant_scope_is_not_accepted()
    {
        var token = api.Realm.Mint(["district-curator"], scope: null);
        await Get(SchoolsOfDistrict, token, 401);
        var r = await Get("/api/me", token, 401);
        WwwAuthenticate(r).ShouldContain("invalid_token"); // refused by the claims mapping, after a valid signature
    }

    [Fact]
    public async Task A_token_signed_by_another_key_under_the_realms_key_id_is_not_accepted()
    {
        using var forger = RSA.Create(2048);
        var forged = api.Realm.Mint(["district-curator"], $"district:{District}",
            signWith: new RsaSecurityKey(forger) { KeyId = api.Realm.KeyId });
        var r = await Get(SchoolsOfDistrict, forged, 401);
        WwwAuthenticate(r).ShouldContain("The signature is invalid");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_not_accepted()
    {
        var r = await Get(SchoolsOfDistrict, api.Realm.Mint(["district-curator"], $"district:{District}", audience: "account"), 401);
        WwwAuthenticate(r).ShouldContain("audience");
    }

    [Fact]
    public async Task Local_sign_in_is_not_mapped()
    {
        // Signed in through the realm, so the 404 is the route's absence, not the fallback policy's 401.
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.Realm.Mint(["district-curator"], $"district:{District}"));
            s.Post.FormData(OAuth.PasswordGrant("curator.sosh1")).ToUrl("/connect/token");
            s.StatusCodeShouldBe(401); // no client is registered with our token server: the provider issues tokens
            s.ContentShouldContain("invalid_client");
        });

        var routes = api.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.TrimEnd('/')).ToList();
        routes.ShouldContain("/api/me"); // the listing is the real one
        foreach (var local in new[] { "/connect/token", "/connect/authorize", "/api/districts/{districtId:guid}/clients", "/api/auth/invitations/{token}" })
            routes.ShouldNotContain(local);
    }
}

/// <summary>
/// The real host configured for an external provider: the fake realm starts first (its address goes
/// into Auth:Authority), the host is created lazily on first use, after it.
/// </summary>
public sealed class KeycloakRealmApi : ApiHost
{
    public FakeKeycloakRealm Realm { get; } = new("komi");

    // The realm listens before the host starts: the host reads its discovery document.
    public override async Task InitializeAsync()
    {
        await Realm.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("Auth:Authority", Realm.Issuer);
        builder.UseSetting("Auth:Audience", "nastavnik");
        builder.UseSetting("Auth:RequireHttpsMetadata", "false");
        builder.UseSetting("Auth:External:RoleMap:district-curator", Roles.DistrictCurator);
        builder.UseSetting("Auth:External:RoleMap:school-curator", Roles.SchoolCurator);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Realm.DisposeAsync();
    }
}

/// <summary>
/// A Keycloak realm as far as a resource server sees it: OpenID Connect discovery and the JWKS on a real
/// loopback port, and access tokens shaped like Keycloak's (realm_access.roles, preferred_username, a
/// user attribute tenant_scope).
/// </summary>
public sealed class FakeKeycloakRealm(string realm) : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private WebApplication? _app;

    public string KeyId { get; } = "realm-key-" + Guid.NewGuid().ToString("N")[..8];
    public string Issuer { get; private set; } = "";
    private RsaSecurityKey SigningKey => new(_rsa) { KeyId = KeyId };

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();

        var publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId });
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kid = publicJwk.Kid, kty = "RSA", use = "sig", alg = SecurityAlgorithms.RsaSha256, n = publicJwk.N, e = publicJwk.E } },
        });
        _app.MapGet($"/realms/{realm}/.well-known/openid-configuration", () => Results.Text(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{Issuer}/protocol/openid-connect/certs",
            ["authorization_endpoint"] = $"{Issuer}/protocol/openid-connect/auth",
            ["token_endpoint"] = $"{Issuer}/protocol/openid-connect/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }), "application/json"));
        _app.MapGet($"/realms/{realm}/protocol/openid-connect/certs", () => Results.Text(jwks, "application/json"));

        await _app.StartAsync();
        Issuer = $"{_app.Urls.Single().TrimEnd('/')}/realms/{realm}";
    }

    /// <summary>An access token as the realm issues it; <paramref name="scope"/> null leaves tenant_scope out.</summary>
    public string Mint(IEnumerable<string> realmRoles, string? scope, string? subject = null, string userName = "realm.user",
        string fullName = "Пользователь Реалма", string audience = "nastavnik", SecurityKey? signWith = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject ?? Guid.NewGuid().ToString(),
            ["typ"] = "Bearer",
            ["azp"] = "nastavnik-web",
            ["preferred_username"] = userName,
            ["name"] = fullName,
            ["realm_access"] = JsonSerializer.SerializeToElement(new { roles = realmRoles.ToArray() }),
        };
        if (scope is not null) claims["tenant_scope"] = scope;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.DisposeAsync();
        _app = null;
        _rsa.Dispose();
    }
}
