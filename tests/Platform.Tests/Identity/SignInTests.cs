using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Identity.Tokens;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>Password sign-in, lockout, token expiry, refresh-token rotation and revocation, on the demo district.</summary>
public sealed class SignInTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private async Task<PlatformUser> NewAccount(string role = Roles.SchoolCurator) =>
        await AccountCommands.CreateAsync(api.Services, $"user.{Guid.NewGuid():N}"[..20], "Проверочная Анна Ивановна", role,
            TenantScope.School(Sosh1), DemoAccounts.Password, "test");

    private Task<HttpResponseMessage> Login(string login, string password) =>
        api.CreateClient().PostAsJsonAsync("/api/auth/token", new { login, password });

    private Task<HttpResponseMessage> Refresh(string token) =>
        api.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token });

    private Task<List<string>> EventTypes(Guid account) => api.Database.OwnerListAsync<string>(
        "SELECT type FROM es.mt_events WHERE stream_id = $1 ORDER BY version", account);

    [Fact]
    public async Task A_demo_curator_signs_in_and_reaches_their_school_with_the_token()
    {
        var tokens = await api.LoginAsync("curator.sosh1");
        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBe(15 * 60);
        var client = api.WithToken(tokens.AccessToken);

        var me = JsonDocument.Parse(await client.GetStringAsync("/api/me")).RootElement;
        me.GetProperty("userName").GetString().ShouldBe("curator.sosh1");
        me.GetProperty("roles")[0].GetProperty("code").GetString().ShouldBe(Roles.SchoolCurator);
        me.GetProperty("scope").GetProperty("name").GetString().ShouldBe("МБОУ СОШ № 1 пгт Троицко-Печорск");
        (await client.GetAsync($"/api/schools/{Sosh1}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var account = await api.Database.OwnerScalarAsync<Guid>("SELECT id FROM identity.users WHERE user_name = 'curator.sosh1'");
        (await EventTypes(account)).ShouldContain("logged_in");
        (await api.Database.OwnerScalarAsync<string>("SELECT encode(token_hash, 'hex') FROM identity.refresh_tokens WHERE user_id = $1 LIMIT 1", account))!
            .ShouldNotContain(tokens.RefreshToken, Case.Insensitive); // stored hashed
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_Russian_and_recorded()
    {
        var user = await NewAccount();
        var response = await Login(user.UserName!, "Wrong-password-1");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("detail").GetString().ShouldBe("Неверный логин или пароль.");
        (await EventTypes(user.Id)).ShouldBe(["account_created", "login_failed"]);

        (await Login("nobody.at.all", "Whatever-123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password_and_a_curator_can_lift_it()
    {
        var user = await NewAccount();
        for (var i = 0; i < 5; i++) (await Login(user.UserName!, $"Wrong-password-{i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var locked = await Login(user.UserName!, DemoAccounts.Password);
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = JsonDocument.Parse(await locked.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("lockedout");
        problem.GetProperty("detail").GetString()!.ShouldContain("временно заблокирован");
        (await api.Database.OwnerScalarAsync<DateTime>("SELECT lockout_end FROM identity.users WHERE id = $1", user.Id))
            .ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(10));
        var events = await EventTypes(user.Id);
        events.Count(e => e == "login_failed").ShouldBe(6);
        events.Count(e => e == "account_locked_out").ShouldBe(1);

        var curator = api.WithToken((await api.LoginAsync("district.curator")).AccessToken);
        (await curator.DeleteAsync($"/api/districts/11000000-0000-4000-8000-000000000237/accounts/{user.Id}/block")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Login(user.UserName!, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventTypes(user.Id)).ShouldContain("account_unblocked");
    }

    [Fact]
    public async Task An_expired_access_token_is_refused_with_401_and_says_why()
    {
        var old = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator, issuedAt: DateTimeOffset.UtcNow.AddHours(-1));
        var response = await api.WithToken(old).GetAsync($"/api/schools/{Sosh1}");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldContain("истёк");

        var forged = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator)[..^4] + "AAAA";
        (await api.WithToken(forged).GetAsync($"/api/schools/{Sosh1}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_rotates_the_token_and_reusing_an_old_one_revokes_the_whole_family()
    {
        var user = await NewAccount();
        var first = await (await Login(user.UserName!, DemoAccounts.Password)).ShouldBeOk<TokenResponse>();
        var second = await (await Refresh(first.RefreshToken)).ShouldBeOk<TokenResponse>();
        second.RefreshToken.ShouldNotBe(first.RefreshToken);
        (await api.WithToken(second.AccessToken).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reuse = await Refresh(first.RefreshToken); // a copied token comes back
        reuse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(await reuse.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("refresh_token_reused");
        (await Refresh(second.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // the legitimate one is gone too
        (await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM identity.refresh_tokens WHERE user_id = $1 AND revoked_reason = 'reuse'", user.Id)).ShouldBe(2);
        (await EventTypes(user.Id)).ShouldContain("tokens_revoked");

        // Another sign-in is another family, untouched.
        var other = await (await Login(user.UserName!, DemoAccounts.Password)).ShouldBeOk<TokenResponse>();
        (await Refresh(other.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_refreshes_racing_with_one_token_give_one_new_token_and_revoke_the_family()
    {
        var user = await NewAccount();
        var first = await (await Login(user.UserName!, DemoAccounts.Password)).ShouldBeOk<TokenResponse>();
        var results = await Task.WhenAll(Refresh(first.RefreshToken), Refresh(first.RefreshToken));
        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        results.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(1);
        (await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM identity.refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL", user.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_and_a_password_change_ends_every_session()
    {
        var user = await NewAccount();
        var a = await (await Login(user.UserName!, DemoAccounts.Password)).ShouldBeOk<TokenResponse>();
        (await api.CreateClient().PostAsJsonAsync("/api/auth/logout", new { refreshToken = a.RefreshToken })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Refresh(a.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var b = await (await Login(user.UserName!, DemoAccounts.Password)).ShouldBeOk<TokenResponse>();
        var weak = await api.WithToken(b.AccessToken).PostAsJsonAsync("/api/me/password", new { currentPassword = DemoAccounts.Password, newPassword = "short" });
        weak.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await weak.Content.ReadAsStringAsync()).ShouldContain("не короче 10 символов");
        (await api.WithToken(b.AccessToken).PostAsJsonAsync("/api/me/password", new { currentPassword = DemoAccounts.Password, newPassword = "Novyi-parol-2027" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Refresh(b.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(user.UserName!, "Novyi-parol-2027")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EventTypes(user.Id)).ShouldContain("password_changed");
    }

    [Fact]
    public async Task Tokens_are_signed_with_a_key_kept_in_the_database_and_published_with_its_id()
    {
        var jwks = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/.well-known/jwks.json")).RootElement;
        var kid = jwks.GetProperty("keys")[0].GetProperty("kid").GetString();
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM identity.signing_keys WHERE id = $1 AND retired_at IS NULL", kid!)).ShouldBe(1);
        var header = JsonDocument.Parse(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(api.TokenFor(TenantScope.Platform, Roles.PlatformAdmin).Split('.')[0])).RootElement;
        header.GetProperty("kid").GetString().ShouldBe(kid);
        header.GetProperty("alg").GetString().ShouldBe("RS256");
    }

    [Fact]
    public async Task After_a_key_rotation_old_tokens_still_validate_and_new_ones_carry_the_new_key()
    {
        var before = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var newKid = await api.Services.GetRequiredService<SigningKeys>().RotateAsync();
        var after = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        after.ShouldNotBe(before);
        JsonDocument.Parse(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(after.Split('.')[0])).RootElement
            .GetProperty("kid").GetString().ShouldBe(newKid);
        (await api.WithToken(before).GetAsync($"/api/schools/{Sosh1}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.WithToken(after).GetAsync($"/api/schools/{Sosh1}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

/// <summary>Password spraying from one address is slowed down whatever the accounts.</summary>
public sealed class SignInLimitTests(SignInLimitTests.LimitedApi api) : IClassFixture<SignInLimitTests.LimitedApi>
{
    public sealed class LimitedApi : ApiHost
    {
        protected override int SignInPerMinute => 3;
    }

    [Fact]
    public async Task The_fourth_password_attempt_in_a_minute_from_one_address_gets_429_in_Russian()
    {
        var client = api.CreateClient();
        for (var i = 0; i < 3; i++)
            (await client.PostAsJsonAsync("/api/auth/token", new { login = $"nobody{i}", password = "Wrong-password-1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var limited = await client.PostAsJsonAsync("/api/auth/token", new { login = "district.curator", password = DemoAccounts.Password });
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!.ShouldContain("Слишком много попыток");
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK); // other endpoints are not limited
    }
}
