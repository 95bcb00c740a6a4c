using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>The standard OAuth 2.0 / OpenID Connect flows, end to end over HTTP, as the institute's portal and a region's systems use them.</summary>
public sealed partial class TokenServerTests(TokenServerTests.PortalApi api) : IClassFixture<TokenServerTests.PortalApi>
{
    /// <summary>The host with one interactive client registered in configuration: the institute's portal.</summary>
    public sealed class PortalApi : ApiHost
    {
        public const string Portal = "institute-portal";
        public const string Callback = "https://portal.example/callback";

        protected override void Configure(IWebHostBuilder builder)
        {
            base.Configure(builder);
            builder.UseSetting("Auth:Clients:0:ClientId", Portal);
            builder.UseSetting("Auth:Clients:0:DisplayName", "Портал КРИРО");
            builder.UseSetting("Auth:Clients:0:RedirectUris:0", Callback);
            builder.UseSetting("Auth:Clients:0:PostLogoutRedirectUris:0", "https://portal.example/");
        }
    }

    private static readonly Guid District = DemoDistrict.DistrictId;

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public async Task Discovery_describes_the_endpoints_grants_and_keys()
    {
        var discovery = await api.Scenario(s => s.Get.Url("/.well-known/openid-configuration")).Json();
        discovery.GetProperty("issuer").GetString().ShouldBe("http://localhost/");
        discovery.GetProperty("token_endpoint").GetString().ShouldBe("http://localhost/connect/token");
        discovery.GetProperty("authorization_endpoint").GetString().ShouldBe("http://localhost/connect/authorize");
        discovery.GetProperty("revocation_endpoint").GetString().ShouldBe("http://localhost/connect/revoke");
        discovery.GetProperty("introspection_endpoint").GetString().ShouldBe("http://localhost/connect/introspect");
        discovery.GetProperty("end_session_endpoint").GetString().ShouldBe("http://localhost/connect/endsession");
        discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString())
            .ShouldBe(["authorization_code", "client_credentials", "password", "refresh_token"], ignoreOrder: true);
        discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(g => g.GetString()).ShouldContain("S256");
        discovery.GetProperty("scopes_supported").EnumerateArray().Select(g => g.GetString()).ShouldContain("reporting.read");

        var jwks = await api.Scenario(s => s.Get.Url(new Uri(discovery.GetProperty("jwks_uri").GetString()!).AbsolutePath)).Json();
        jwks.GetProperty("keys")[0].GetProperty("kty").GetString().ShouldBe("RSA");
        jwks.GetProperty("keys")[0].TryGetProperty("d", out _).ShouldBeFalse(); // public parts only
    }

    [Fact]
    public async Task The_portal_signs_a_curator_in_with_the_authorization_code_and_PKCE()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/connect/authorize?response_type=code&client_id={PortalApi.Portal}&redirect_uri={Uri.EscapeDataString(PortalApi.Callback)}" +
            $"&scope={Uri.EscapeDataString("openid profile api offline_access")}&state=s-42&code_challenge={challenge}&code_challenge_method=S256";

        // Not signed in: the browser is sent to the sign-in page, which brings it back.
        var toLogin = await api.Scenario(s =>
        {
            s.Get.Url(authorize);
            s.StatusCodeShouldBe(302);
        });
        var loginUrl = new Uri(new Uri("http://localhost/"), toLogin.Context.Response.Headers.Location.ToString());
        loginUrl.AbsolutePath.ShouldBe("/account/login");
        var returnUrl = QueryHelpers.ParseQuery(loginUrl.Query)["ReturnUrl"].ToString();
        returnUrl.ShouldBe(authorize);

        var session = await SignInOnThePageAsync("district.curator", returnUrl);

        // Signed in: a code goes back to the portal's registered address with its state.
        var toPortal = await api.Scenario(s =>
        {
            s.Get.Url(returnUrl);
            s.WithRequestHeader("Cookie", session);
            s.StatusCodeShouldBe(302);
        });
        var callback = new Uri(toPortal.Context.Response.Headers.Location.ToString());
        callback.GetLeftPart(UriPartial.Path).ShouldBe(PortalApi.Callback);
        var query = QueryHelpers.ParseQuery(callback.Query);
        query["state"].ToString().ShouldBe("s-42");
        var code = query["code"].ToString();

        var exchange = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = PortalApi.Portal, ["code"] = code,
            ["redirect_uri"] = PortalApi.Callback, ["code_verifier"] = "wrong-" + verifier,
        };
        (await api.TokenRequest(exchange, 400).Json()).GetProperty("error").GetString().ShouldBe("invalid_grant");
        exchange["code_verifier"] = verifier;
        var tokens = await api.TokenRequest(exchange).Json<TokenResponse>();
        tokens.IdToken.ShouldNotBeNull();
        tokens.RefreshToken.ShouldNotBeNull();
        var id = JsonDocument.Parse(WebEncoders.Base64UrlDecode(tokens.IdToken!.Split('.')[1])).RootElement;
        id.GetProperty("aud").GetString().ShouldBe(PortalApi.Portal);
        id.GetProperty("tenant_scope").GetString().ShouldBe($"district:{District}");

        var me = await api.Scenario(s =>
        {
            s.WithBearerToken(tokens.AccessToken);
            s.Get.Url("/api/me");
        }).Json();
        me.GetProperty("userName").GetString().ShouldBe("district.curator");
        await api.Scenario(s =>
        {
            s.WithBearerToken(tokens.AccessToken);
            s.Get.Url($"/api/districts/{District}/schools");
        });

        // The code is single-use: a replay is refused and revokes what it gave.
        (await api.TokenRequest(exchange, 400).Json()).GetProperty("error").GetString().ShouldBe("invalid_grant");
        var refresh = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = PortalApi.Portal, ["refresh_token"] = tokens.RefreshToken! };
        await api.TokenRequest(refresh, 400);

        // Signing out at the server ends the web session: the next authorization asks to sign in again.
        var signedOut = await api.Scenario(s =>
        {
            s.Get.Url($"/connect/endsession?client_id={PortalApi.Portal}&post_logout_redirect_uri={Uri.EscapeDataString("https://portal.example/")}&state=bye");
            s.WithRequestHeader("Cookie", session);
            s.StatusCodeShouldBe(302);
        });
        signedOut.Context.Response.Headers.Location.ToString().ShouldBe("https://portal.example/?state=bye");
        signedOut.Context.Response.Headers.SetCookie.ToString().ShouldContain("nastavnik.session=;");
        var again = await api.Scenario(s =>
        {
            s.Get.Url(authorize);
            s.StatusCodeShouldBe(302);
        });
        again.Context.Response.Headers.Location.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task An_authorization_with_an_unregistered_redirect_address_or_without_PKCE_is_refused()
    {
        await api.Scenario(s =>
        {
            s.Get.Url($"/connect/authorize?response_type=code&client_id={PortalApi.Portal}&redirect_uri={Uri.EscapeDataString("https://evil.example/cb")}&scope=openid&code_challenge=abc&code_challenge_method=S256");
            s.StatusCodeShouldBe(400);
        });
        await api.Scenario(s =>
        {
            s.Get.Url($"/connect/authorize?response_type=code&client_id={PortalApi.Portal}&redirect_uri={Uri.EscapeDataString(PortalApi.Callback)}&scope=openid");
            s.StatusCodeShouldBe(400);
        });
    }

    [Fact]
    public async Task A_district_registers_its_collector_which_reads_the_districts_reports_with_client_credentials_and_nothing_else()
    {
        var curator = api.TokenAs($"district:{District}");
        var client = await RegisterAsync(curator, $"/api/districts/{District}/clients", new { displayName = "Сборщик мониторинга КРИРО", scopes = new[] { "reporting.read" } });
        var clientId = client.GetProperty("clientId").GetString()!;
        var secret = client.GetProperty("clientSecret").GetString()!;
        client.GetProperty("tokenEndpoint").GetString().ShouldBe("http://localhost/connect/token");

        var listed = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/districts/{District}/clients");
        }).Json();
        listed.EnumerateArray().Single(c => c.GetProperty("clientId").GetString() == clientId).TryGetProperty("clientSecret", out _).ShouldBeFalse();
        (await api.Database.OwnerScalarAsync<string>("SELECT client_secret FROM identity.oidc_applications WHERE client_id = $1", clientId))
            .ShouldNotBe(secret); // stored hashed

        var grant = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "reporting.read",
        };
        var token = (await api.TokenRequest(grant).Json<TokenResponse>()).AccessToken;
        token.ShouldNotBeNull();
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Get.Url($"/api/districts/{District}/dashboard");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Get.Url($"/api/districts/{Guid.NewGuid()}/dashboard"); // a district that is not its own is not even found
            s.StatusCodeShouldBe(404);
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Post.Json(new { fullName = "Школа", shortName = "Школа", kind = "school", timeZone = "Europe/Moscow" }).ToUrl($"/api/districts/{District}/schools");
            s.StatusCodeShouldBe(403);
        });

        var introspection = await api.Scenario(s => s.Post.FormData(new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["client_secret"] = secret, ["token"] = token,
        }).ToUrl("/connect/introspect")).Json();
        introspection.GetProperty("active").GetBoolean().ShouldBeTrue();
        introspection.GetProperty("sub").GetString().ShouldBe(clientId);

        (await api.TokenRequest(new Dictionary<string, string>(grant) { ["client_secret"] = "not-the-secret" }, 401).Json())
            .GetProperty("error").GetString().ShouldBe("invalid_client");
        await api.TokenRequest(new Dictionary<string, string>(grant) { ["scope"] = "api" }, 400); // not granted to it

        // Removed: its secret no longer gets a token.
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Delete.Url($"/api/districts/{District}/clients/{clientId}");
            s.StatusCodeShouldBe(204);
        });
        await api.TokenRequest(grant, 401);
    }

    [Fact]
    public async Task Only_the_districts_curator_manages_its_clients_and_bad_input_is_refused_in_Russian()
    {
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"school:{Guid.Parse("11000000-0000-4000-8000-000000000001")}"));
            s.Get.Url($"/api/districts/{District}/clients");
            s.StatusCodeShouldBe(403);
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{Guid.NewGuid()}"));
            s.Post.Json(new { displayName = "Чужая система" }).ToUrl($"/api/districts/{District}/clients");
            s.StatusCodeShouldBe(403);
        });
        var before = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.oidc_applications");
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{District}"));
            s.Post.Json(new { displayName = " ", scopes = new[] { "everything" } }).ToUrl($"/api/districts/{District}/clients");
            s.ProblemShouldBe(400, "displayName", "Укажите название системы.");
            s.ProblemShouldBe(400, "scopes", "reporting.read");
        });
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.oidc_applications")).ShouldBe(before);
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{District}"));
            s.Delete.Url($"/api/districts/{District}/clients/nastavnik-cli"); // not one of the district's
            s.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task A_region_officer_registers_the_regions_warehouse_which_reads_the_regions_dashboard()
    {
        var officer = api.TokenAs($"region:{DemoDistrict.RegionId}");
        var client = await RegisterAsync(officer, $"/api/regions/{DemoDistrict.RegionId}/clients", new { displayName = "Хранилище данных региона" });
        var token = (await api.TokenRequest(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client.GetProperty("clientId").GetString()!,
            ["client_secret"] = client.GetProperty("clientSecret").GetString()!, ["scope"] = "reporting.read",
        }).Json<TokenResponse>()).AccessToken;
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Get.Url($"/api/regions/{DemoDistrict.RegionId}/dashboard");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Get.Url($"/api/districts/{District}/dashboard"); // a district of its region
        });
    }

    private Task<JsonElement> RegisterAsync(string token, string url, object body) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Post.Json(body).ToUrl(url);
        s.StatusCodeShouldBe(201);
    }).Json();

    /// <summary>Signs in on the web sign-in page as a browser does (its antiforgery field and cookie); the session cookie.</summary>
    private async Task<string> SignInOnThePageAsync(string login, string returnUrl)
    {
        var page = await api.Scenario(s => s.Get.Url("/account/login"));
        var antiforgery = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.ReadAsTextAsync()).Groups[1].Value);
        var signedIn = await api.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = antiforgery, ["login"] = login, ["password"] = Platform.Identity.Demo.DemoAccounts.Password,
                ["returnUrl"] = returnUrl,
            }).ToUrl("/account/login");
            s.WithRequestHeader("Cookie", Cookies(page));
            s.StatusCodeShouldBe(302);
        });
        signedIn.Context.Response.Headers.Location.ToString().ShouldBe(returnUrl);
        return Cookies(signedIn);
    }

    private static string Cookies(IScenarioResult result) => string.Join("; ",
        result.Context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
}
