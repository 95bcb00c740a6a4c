using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Identity.Tokens;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>Password sign-in on the token server, lockout, token expiry, refresh-token rotation and revocation, on the demo district.</summary>
public sealed class SignInTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private const string District = "11000000-0000-4000-8000-000000000237";

    private async Task<PlatformUser> NewAccount(string role = Roles.SchoolCurator) =>
        await AccountCommands.CreateAsync(api.Services, $"user.{Guid.NewGuid():N}"[..20], "Проверочная Анна Ивановна", role,
            TenantScope.School(Sosh1), DemoAccounts.Password, "test");

    /// <summary>A refused grant: OAuth's error and its Russian description.</summary>
    private async Task<JsonElement> Refused(Dictionary<string, string> form) => await api.TokenRequest(form, 400).Json();

    private Task<TokenResponse> Refresh(string token) => api.TokenRequest(OAuth.RefreshGrant(token)).Json<TokenResponse>();

    private Task<List<string>> EventTypes(Guid account) => api.Database.OwnerListAsync<string>(
        "SELECT type FROM es.mt_events WHERE stream_id = $1 ORDER BY version", account);

    private Task<IScenarioResult> Get(string url, string token, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task A_demo_curator_signs_in_with_the_password_grant_and_reaches_their_school_with_the_token()
    {
        var tokens = await api.SignInAsync("curator.sosh1");
        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBeInRange(15 * 60 - 5, 15 * 60);
        tokens.RefreshToken.ShouldNotBeNull();

        var me = await Get("/api/me", tokens.AccessToken).Json();
        me.GetProperty("userName").GetString().ShouldBe("curator.sosh1");
        me.GetProperty("roles")[0].GetProperty("code").GetString().ShouldBe(Roles.SchoolCurator);
        me.GetProperty("scope").GetProperty("name").GetString().ShouldBe("МБОУ СОШ № 1 пгт Троицко-Печорск");
        await Get($"/api/schools/{Sosh1}", tokens.AccessToken);

        var account = await api.Database.OwnerScalarAsync<Guid>("SELECT id FROM identity.users WHERE user_name = 'curator.sosh1'");
        (await EventTypes(account)).ShouldContain("logged_in");
        var payload = JsonDocument.Parse(WebEncoders.Base64UrlDecode(tokens.AccessToken.Split('.')[1])).RootElement;
        payload.GetProperty("tenant_scope").GetString().ShouldBe($"school:{Sosh1}");
        payload.GetProperty("aud").GetString().ShouldBe("nastavnik-api");
        payload.GetProperty("iss").GetString().ShouldBe("http://localhost/");
        payload.TryGetProperty("AspNet.Identity.SecurityStamp", out _).ShouldBeFalse(); // kept in refresh tokens only
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Russian_and_recorded()
    {
        var user = await NewAccount();
        var refused = await Refused(OAuth.PasswordGrant(user.UserName!, "Wrong-password-1"));
        refused.GetProperty("error").GetString().ShouldBe("invalid_grant");
        refused.GetProperty("error_description").GetString().ShouldBe(SignInOutcome.Refused);
        (await EventTypes(user.Id)).ShouldBe(["account_created", "login_failed"]);

        (await Refused(OAuth.PasswordGrant("nobody.at.all", "Whatever-123"))).GetProperty("error").GetString().ShouldBe("invalid_grant");
        var noClient = OAuth.PasswordGrant(user.UserName!);
        noClient.Remove("client_id");
        (await api.TokenRequest(noClient, 401).Json()).GetProperty("error").GetString().ShouldBe("invalid_client");
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_and_a_curator_can_lift_it()
    {
        var user = await NewAccount();
        for (var i = 0; i < 5; i++) // from five addresses: one address alone is made to wait before it could lock the account
        {
            var (password, from) = ($"Wrong-password-{i}", System.Net.IPAddress.Parse($"192.0.2.{i + 1}"));
            await api.Scenario(s =>
            {
                s.Post.FormData(OAuth.PasswordGrant(user.UserName!, password)).ToUrl("/connect/token");
                s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
                s.StatusCodeShouldBe(400);
            });
        }

        var locked = await Refused(OAuth.PasswordGrant(user.UserName!));
        locked.GetProperty("error_description").GetString().ShouldBe(SignInOutcome.Refused); // as for an unknown login
        (await api.Database.OwnerScalarAsync<DateTime>("SELECT lockout_end FROM identity.users WHERE id = $1", user.Id))
            .ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(10));
        var events = await EventTypes(user.Id);
        events.Count(e => e == "login_failed").ShouldBe(6);
        events.Count(e => e == "account_locked_out").ShouldBe(1);

        var curator = (await api.SignInAsync("district.curator")).AccessToken;
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Delete.Url($"/api/districts/{District}/accounts/{user.Id}/block");
        });
        await api.SignInAsync(user.UserName!);
        (await EventTypes(user.Id)).ShouldContain("account_unblocked");
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_with_401_and_says_why()
    {
        var old = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator, issuedAt: DateTimeOffset.UtcNow.AddHours(-1));
        await api.Scenario(s =>
        {
            s.WithBearerToken(old);
            s.Get.Url($"/api/schools/{Sosh1}");
            s.ProblemShouldBe(401, contains: "истёк");
            s.Header("WWW-Authenticate").ShouldHaveOneNonNullValue();
        });
        var forged = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator)[..^4] + "AAAA";
        await Get($"/api/schools/{Sosh1}", forged, 401);
    }

    [Fact]
    public async Task Refresh_rotates_the_token_and_reusing_an_old_one_revokes_the_whole_sign_in()
    {
        var user = await NewAccount();
        var first = await api.SignInAsync(user.UserName!);
        var second = await Refresh(first.RefreshToken!);
        second.RefreshToken.ShouldNotBe(first.RefreshToken);
        await Get("/api/me", second.AccessToken);

        var reuse = await Refused(OAuth.RefreshGrant(first.RefreshToken!)); // a copied token comes back
        reuse.GetProperty("error").GetString().ShouldBe("invalid_grant");
        await Refused(OAuth.RefreshGrant(second.RefreshToken!)); // the legitimate one is gone too
        (await EventTypes(user.Id)).ShouldContain("tokens_revoked"); // in the account's security journal
        (await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM identity.oidc_tokens WHERE subject = $1 AND type = 'refresh_token' AND status = 'valid'", user.Id.ToString())).ShouldBe(0);

        // Another sign-in is another authorization, untouched.
        var other = await api.SignInAsync(user.UserName!);
        await Refresh(other.RefreshToken!);
    }

    [Fact]
    public async Task Two_refreshes_racing_with_one_token_give_one_new_token_and_revoke_the_sign_in()
    {
        var user = await NewAccount();
        var first = await api.SignInAsync(user.UserName!);
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => api.Scenario(s =>
        {
            s.Post.FormData(OAuth.RefreshGrant(first.RefreshToken!)).ToUrl("/connect/token");
            s.IgnoreStatusCode();
        })));
        results.Count(r => r.Context.Response.StatusCode == 200).ShouldBe(1);
        results.Count(r => r.Context.Response.StatusCode == 400).ShouldBe(1);
        (await api.Database.OwnerScalarAsync<long>( // the copy was detected: the whole sign-in is revoked
            "SELECT count(*) FROM identity.oidc_tokens WHERE subject = $1 AND type = 'refresh_token' AND status = 'valid'", user.Id.ToString())).ShouldBe(0);
        (await EventTypes(user.Id)).ShouldContain("tokens_revoked");
    }

    [Fact]
    public async Task Revoking_a_refresh_token_ends_it_and_a_password_change_ends_every_session()
    {
        var user = await NewAccount();
        var a = await api.SignInAsync(user.UserName!);
        await api.Scenario(s => s.Post.FormData(new Dictionary<string, string>
        {
            ["client_id"] = FirstPartyClients.Cli, ["token"] = a.RefreshToken!, ["token_type_hint"] = "refresh_token",
        }).ToUrl("/connect/revoke"));
        await Refused(OAuth.RefreshGrant(a.RefreshToken!));

        var b = await api.SignInAsync(user.UserName!);
        await api.Scenario(s =>
        {
            s.WithBearerToken(b.AccessToken);
            s.Post.Json(new { currentPassword = DemoAccounts.Password, newPassword = "short" }).ToUrl("/api/me/password");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("не короче 10 символов");
        });
        await api.Scenario(s =>
        {
            s.WithBearerToken(b.AccessToken);
            s.Post.Json(new { currentPassword = DemoAccounts.Password, newPassword = "Novyi-parol-2027" }).ToUrl("/api/me/password");
            s.StatusCodeShouldBe(204);
        });
        (await Refused(OAuth.RefreshGrant(b.RefreshToken!))).GetProperty("error").GetString().ShouldBe("invalid_grant");
        await api.SignInAsync(user.UserName!, "Novyi-parol-2027");
        (await EventTypes(user.Id)).ShouldContain("password_changed");
        (await EventTypes(user.Id)).ShouldContain("tokens_revoked");
    }

    [Fact]
    public async Task Tokens_are_signed_with_a_key_kept_in_the_database_and_published_with_its_id()
    {
        var jwks = await api.Scenario(s => s.Get.Url("/.well-known/jwks")).Json();
        var kid = jwks.GetProperty("keys")[0].GetProperty("kid").GetString();
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.signing_keys WHERE id = $1 AND kind = 'signing' AND retired_at IS NULL", kid!)).ShouldBe(1);
        var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode((await api.SignInAsync("district.curator")).AccessToken.Split('.')[0])).RootElement;
        header.GetProperty("kid").GetString().ShouldBe(kid);
        header.GetProperty("alg").GetString().ShouldBe("RS256");
    }

    [Fact]
    public async Task After_a_key_rotation_tokens_of_the_old_key_still_validate_and_refresh_tokens_keep_working()
    {
        var before = await api.SignInAsync("district.curator");
        var keys = api.Services.GetRequiredService<TokenKeys>();
        var newKid = await keys.RotateAsync();
        keys.Signing[0].KeyId.ShouldBe(newKid);
        keys.Signing.Count.ShouldBe(2); // the previous key still validates
        await Get("/api/me", before.AccessToken);
        await Refresh(before.RefreshToken!); // encrypted with the encryption key, which does not rotate with the signing key
    }
}

/// <summary>Password spraying from one address, or guessing one account from many, is slowed down.</summary>
public sealed class SignInLimitTests(SignInLimitTests.LimitedApi api) : IClassFixture<SignInLimitTests.LimitedApi>
{
    public sealed class LimitedApi : ApiHost
    {
        protected override int SignInPerMinute => 3;
    }

    [Fact]
    public async Task The_fourth_password_attempt_in_a_minute_from_one_address_gets_429_in_Russian()
    {
        for (var i = 0; i < 3; i++) await api.TokenRequest(OAuth.PasswordGrant($"nobody{i}", "Wrong-password-1"), 400);
        await api.Scenario(s =>
        {
            s.Post.FormData(OAuth.PasswordGrant("district.curator")).ToUrl("/connect/token");
            s.ProblemShouldBe(429, contains: "Слишком много попыток");
            s.Header("Retry-After").ShouldHaveOneNonNullValue();
        });
        await api.Scenario(s => s.Get.Url("/health")); // other endpoints are not limited
    }
}

/// <summary>Guessing one account's password from many places is slowed down too, and shows in its security journal.</summary>
public sealed class AccountSignInLimitTests(AccountSignInLimitTests.LimitedApi api) : IClassFixture<AccountSignInLimitTests.LimitedApi>
{
    public sealed class LimitedApi : ApiHost
    {
        protected override void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.Configure(builder);
            builder.UseSetting("Auth:SignInPerAccountPerMinute", "3");
        }
    }

    [Fact]
    public async Task The_fourth_attempt_on_one_account_in_a_minute_gets_429_and_is_journaled_while_others_still_sign_in()
    {
        for (var i = 0; i < 3; i++) await api.TokenRequest(OAuth.PasswordGrant("curator.oosh", $"Wrong-password-{i}"), 400);
        await api.Scenario(s =>
        {
            s.Post.FormData(OAuth.PasswordGrant("curator.oosh")).ToUrl("/connect/token");
            s.ProblemShouldBe(429, contains: "Слишком много попыток");
            s.Header("Retry-After").SingleValueShouldEqual("60");
        });
        await api.SignInAsync("curator.sosh1"); // another account from the same address

        var account = await api.Database.OwnerScalarAsync<Guid>("SELECT id FROM identity.users WHERE user_name = 'curator.oosh'");
        var journal = await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{Platform.Tenancy.Demo.DemoDistrict.DistrictId}"));
            s.Get.Url($"/api/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}/audit?accountId={account}&type=sign_in_throttled");
        }).Json();
        journal.GetProperty("items")[0].GetProperty("title").GetString().ShouldBe("Слишком много попыток входа: попытки приостановлены");
    }
}
