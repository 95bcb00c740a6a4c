using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Platform.Identity.Accounts;
using Platform.Identity.Demo;
using Platform.Identity.Invitations;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Identity;

/// <summary>The server-rendered sign-in, sign-out and invitation pages, as a browser uses them: forms, antiforgery, the cookie.</summary>
public sealed partial class AccountPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    private const string Session = "nastavnik.session";

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex AntiforgeryField();

    /// <summary>A browser's cookies: kept from the answers' Set-Cookie (an emptied one is dropped), sent back in Cookie.</summary>
    private sealed class Browser
    {
        private readonly Dictionary<string, string> _cookies = [];

        /// <summary>What every request of this browser carries besides its cookies (where it comes from, a proxy's headers).</summary>
        public Action<Scenario>? Via { get; init; }

        public string Cookie => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

        public void Keep(IScenarioResult result)
        {
            foreach (var header in result.Context.Response.Headers.SetCookie)
            {
                var pair = header!.Split(';')[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                if (value.Length == 0) _cookies.Remove(name);
                else _cookies[name] = value;
            }
        }
    }

    /// <summary>Sends a request with the browser's cookies, expecting this status, and keeps the cookies it sets.</summary>
    private async Task<IScenarioResult> Visit(Browser browser, Action<Scenario> request, int status = 200)
    {
        var result = await api.Scenario(s =>
        {
            request(s);
            browser.Via?.Invoke(s);
            if (browser.Cookie is { Length: > 0 } cookie) s.WithRequestHeader("Cookie", cookie);
            s.StatusCodeShouldBe(status);
        });
        browser.Keep(result);
        return result;
    }

    private Task<IScenarioResult> Open(Browser browser, string url, int status = 200) => Visit(browser, s => s.Get.Url(url), status);

    /// <summary>Opens the page, then posts its form with the antiforgery token it carried.</summary>
    private async Task<IScenarioResult> Submit(Browser browser, string page, string action, int status, params (string Name, string Value)[] fields)
    {
        var html = await (await Open(browser, page)).ReadAsTextAsync();
        var token = AntiforgeryField().Match(html);
        token.Success.ShouldBeTrue($"no antiforgery token on {page}");
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        foreach (var (name, value) in fields) form[name] = value;
        return await Visit(browser, s => s.Post.FormData(form).ToUrl(action), status);
    }

    private Task<IScenarioResult> SignIn(Browser browser, string login, string password, int status, string? returnUrl = null) =>
        Submit(browser, "/account/login", "/account/login", status, ("login", login), ("password", password), ("returnUrl", returnUrl ?? ""));

    private static bool SetsSession(IScenarioResult result) =>
        result.Context.Response.Headers.SetCookie.Any(c => c!.StartsWith(Session + "=") && !c.StartsWith(Session + "=;"));

    private static string Location(IScenarioResult result) => result.Context.Response.Headers.Location.ToString();

    [Fact]
    public async Task The_sign_in_page_is_a_russian_form_with_an_antiforgery_token()
    {
        var response = await Open(new Browser(), "/account/login?ReturnUrl=%2Fswagger");
        MediaTypeHeaderValue.Parse(response.Context.Response.ContentType).MediaType.ShouldBe("text/html");
        var html = await response.ReadAsTextAsync();
        html.ShouldContain("Вход в систему наставничества");
        html.ShouldContain("name=\"returnUrl\" value=\"/swagger\"");
        AntiforgeryField().IsMatch(html).ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_message_keeps_the_login_and_sets_no_cookie()
    {
        var browser = new Browser();
        var response = await SignIn(browser, "curator.sosh1", "wrong-password-1", 200);

        var html = await response.ReadAsTextAsync();
        html.ShouldContain("Неверный логин или пароль.");
        html.ShouldContain("value=\"curator.sosh1\"");
        SetsSession(response).ShouldBeFalse();
        await Open(browser, "/api/me", 401);
    }

    [GeneratedRegex("""<p class="error" role="alert">([^<]*)</p>""")]
    private static partial Regex Alert();

    [Fact]
    public async Task A_locked_account_gets_the_page_an_unknown_login_gets_and_a_strangers_guesses_from_one_address_wait()
    {
        var user = await AccountCommands.CreateAsync(api.Services, $"user.{Guid.NewGuid():N}"[..20], "Проверочная Анна Ивановна",
            Platform.Tenancy.Access.Roles.SchoolCurator, Platform.EventStore.TenantScope.School(Sosh1), DemoAccounts.Password, "test");
        Browser From(string address) => new() { Via = s => s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address)) };
        async Task<string> Message(IScenarioResult page) => WebUtility.HtmlDecode(Alert().Match(await page.ReadAsTextAsync()).Groups[1].Value);

        // One address: three wrong passwords, then it waits (even with the right one), and the account is not locked.
        var stranger = From("203.0.113.5");
        for (var i = 0; i < 3; i++) await SignIn(stranger, user.UserName!, $"Wrong-password-{i}", 200);
        var waiting = await SignIn(stranger, user.UserName!, DemoAccounts.Password, 429);
        (await Message(waiting)).ShouldStartWith("Слишком много неудачных попыток входа с этого адреса.");
        waiting.Context.Response.Headers.RetryAfter.ToString().ShouldNotBeEmpty();
        SetsSession(waiting).ShouldBeFalse();

        // Guesses from two more addresses lock it; then the right password gets the words an unknown login gets.
        for (var i = 0; i < 2; i++) await SignIn(From($"203.0.113.{10 + i}"), user.UserName!, $"Wrong-password-{i}", 200);
        var visitor = From("203.0.113.20");
        var locked = await SignIn(visitor, user.UserName!, DemoAccounts.Password, 200);
        var unknown = await SignIn(visitor, $"nobody.{Guid.NewGuid():N}"[..20], DemoAccounts.Password, 200);
        SetsSession(locked).ShouldBeFalse();
        (await Message(locked)).ShouldBe(await Message(unknown));
        (await Message(locked)).ShouldBe(Platform.Identity.Tokens.SignInOutcome.Refused);
    }

    [Fact]
    public async Task What_the_visitor_typed_comes_back_encoded()
    {
        var html = await (await SignIn(new Browser(), "\"><script>alert(1)</script>", "x", 200, "/\"><script>alert(2)</script>")).ReadAsTextAsync();
        html.ShouldNotContain("<script>");
        html.ShouldContain("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    [Fact]
    public async Task Signing_in_sets_a_cookie_the_api_accepts_for_the_accounts_own_school_only()
    {
        var browser = new Browser();
        var response = await SignIn(browser, "curator.sosh1", DemoAccounts.Password, 302);

        Location(response).ShouldBe("/");
        SetsSession(response).ShouldBeTrue();

        var answer = await Open(browser, "/api/me");
        answer.Context.Request.Headers.Authorization.ToString().ShouldBeEmpty(); // the cookie alone, no bearer token
        var me = await answer.ReadAsJsonAsync<MeResponse>();
        me.UserName.ShouldBe("curator.sosh1");
        me.Scope.Id.ShouldBe(Sosh1);
        await Open(browser, $"/api/schools/{Sosh1}");
        await Open(browser, $"/api/schools/{Oosh}", 404);

        // Signed in, the page says so and offers to sign out.
        (await (await Open(browser, "/account/login")).ReadAsTextAsync()).ShouldContain("Вы уже вошли как");
    }

    [Theory]
    [InlineData("/swagger", "/swagger")]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    public async Task Only_a_local_return_address_is_followed(string returnUrl, string location)
    {
        var response = await SignIn(new Browser(), "director.sosh1", DemoAccounts.Password, 302, returnUrl);
        Location(response).ShouldBe(location);
    }

    [Fact]
    public async Task A_write_to_the_api_with_the_sign_in_cookie_needs_this_sites_origin_and_antiforgery_token_while_a_bearer_token_does_not()
    {
        var browser = new Browser();
        await SignIn(browser, "curator.oosh", DemoAccounts.Password, 302);
        var people = $"/api/schools/{Oosh}/people";
        var fullName = "Подделкина Анна Сергеевна";
        Task<long> Stored() => api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.people WHERE tenant_id = $1 AND full_name = $2", Oosh, fullName);
        void Register(Scenario s) => s.Post.Json(new { kind = "teacher", fullName, position = "учитель истории" }).ToUrl(people);

        // Another site's page makes the signed-in browser post (a form or a script): refused, nothing stored.
        await Visit(browser, s =>
        {
            Register(s);
            s.WithRequestHeader("Origin", "https://evil.example");
            s.ProblemShouldBe(403, contains: "с другого сайта");
        }, 403);
        await Visit(browser, s =>
        {
            Register(s);
            s.WithRequestHeader("Referer", "https://evil.example/page");
            s.ProblemShouldBe(403, contains: "с другого сайта");
        }, 403);
        // Without an Origin (an old browser, a stripped header) the cookie alone is not enough either.
        await Visit(browser, s =>
        {
            Register(s);
            s.ProblemShouldBe(403, contains: "антиподделочный токен");
        }, 403);
        (await Stored()).ShouldBe(0);

        // One of our pages' tokens, for this signed-in account, in the antiforgery header: allowed.
        var token = AntiforgeryField().Match(await (await Open(browser, "/account/login")).ReadAsTextAsync()).Groups[1].Value;
        await Visit(browser, s =>
        {
            Register(s);
            s.WithRequestHeader("Origin", "http://localhost");
            s.WithRequestHeader("RequestVerificationToken", WebUtility.HtmlDecode(token));
        }, 201);
        (await Stored()).ShouldBe(1);

        // A program's request with a bearer token is not a browser's: unchanged, whatever it says about its origin.
        var bearer = (await api.SignInAsync("curator.oosh")).AccessToken;
        await api.Scenario(s =>
        {
            s.WithBearerToken(bearer);
            Register(s);
            s.WithRequestHeader("Origin", "https://evil.example");
            s.StatusCodeShouldBe(201);
        });
        (await Stored()).ShouldBe(2);
    }

    [Fact]
    public async Task A_Cyrillic_return_address_after_a_correct_password_is_followed_escaped_with_a_session()
    {
        var browser = new Browser();
        var response = await SignIn(browser, "director.sosh1", DemoAccounts.Password, 302, "/школа?поиск=да");
        Location(response).ShouldBe("/%D1%88%D0%BA%D0%BE%D0%BB%D0%B0?%D0%BF%D0%BE%D0%B8%D1%81%D0%BA=%D0%B4%D0%B0");
        SetsSession(response).ShouldBeTrue();
        await Open(browser, "/api/me");
    }

    [Fact]
    public async Task A_NUL_or_an_oversized_field_on_the_anonymous_pages_is_a_400_naming_the_problem_and_signs_nobody_in()
    {
        var browser = new Browser();
        var nul = await SignIn(browser, "curator.sosh1\0", DemoAccounts.Password, 400);
        (await nul.ReadAsTextAsync()).ShouldContain("\"login\":[\"Недопустимый символ NUL");
        SetsSession(nul).ShouldBeFalse();

        var huge = await SignIn(browser, "curator.sosh1", DemoAccounts.Password, 400, "/" + new string('a', 4 * 1024 * 1024 + 1));
        (await huge.ReadAsTextAsync()).ShouldContain("длиннее допустимого (4 МБ)");
        SetsSession(huge).ShouldBeFalse();
        await Open(browser, "/api/me", 401);

        (await (await Visit(browser, s => s.Post.FormData(new Dictionary<string, string> { ["x"] = "\0" }).ToUrl("/account/logout"), 400)).ReadAsTextAsync())
            .ShouldContain("\"x\":[\"Недопустимый символ NUL");
        await Visit(browser, s => s.Post.FormData(new Dictionary<string, string> { ["userName"] = "a\0" }).ToUrl("/account/invite/some-token"), 400);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_signs_nobody_in()
    {
        var browser = new Browser();
        await Open(browser, "/account/login"); // the antiforgery cookie alone is not enough
        browser.Cookie.ShouldNotBeEmpty();
        var response = await Visit(browser, s => s.Post.FormData(new Dictionary<string, string>
        {
            ["login"] = "curator.sosh1", ["password"] = DemoAccounts.Password,
        }).ToUrl("/account/login"), 400);

        (await response.ReadAsTextAsync()).ShouldContain("Страница устарела");
        SetsSession(response).ShouldBeFalse();
        await Open(browser, "/api/me", 401);
    }

    [Fact]
    public async Task Signing_out_ends_the_cookie_session()
    {
        var browser = new Browser();
        await SignIn(browser, "curator.sosh1", DemoAccounts.Password, 302);
        await Open(browser, "/api/me");

        var response = await Submit(browser, "/account/logout", "/account/logout", 302);
        Location(response).ShouldBe("/account/login");
        await Open(browser, "/api/me", 401);
    }

    [Fact]
    public async Task An_invited_director_creates_the_account_on_the_link_page_and_is_signed_in()
    {
        var curator = (await api.SignInAsync("district.curator")).AccessToken;
        var email = $"director.{Guid.NewGuid():N}@example.ru";
        var issued = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { schoolId = Oosh, role = "SchoolDirector", email, fullName = "Истомина Вера Петровна" })
                .ToUrl($"/api/districts/{DemoDistrict.DistrictId}/invitations");
            s.StatusCodeShouldBe(201);
        }).Json<IssuedInvitation>();
        var link = new Uri(issued.Link).PathAndQuery;
        var browser = new Browser();

        var page = await (await Open(browser, link)).ReadAsTextAsync();
        page.ShouldContain("Истомина Вера Петровна");
        page.ShouldContain(issued.Invitation.SchoolName!);
        page.ShouldContain(issued.Invitation.RoleName);
        page.ShouldContain($"name=\"userName\" value=\"{email}\""); // the e-mail is the default login

        var weak = await Submit(browser, link, link, 200, ("userName", email), ("fullName", "Истомина Вера Петровна"),
            ("password", "short"), ("passwordConfirmation", "short"));
        var refused = await weak.ReadAsTextAsync();
        refused.ShouldContain("Пароль должен быть не короче 10 символов.");
        refused.ShouldContain("В пароле нужна хотя бы одна цифра.");
        SetsSession(weak).ShouldBeFalse();

        var mismatch = await Submit(browser, link, link, 200, ("userName", email), ("fullName", "Истомина Вера Петровна"),
            ("password", "Garmonia-2026"), ("passwordConfirmation", "Garmonia-2027"));
        (await mismatch.ReadAsTextAsync()).ShouldContain("Пароли не совпадают.");

        var accepted = await Submit(browser, link, link, 302, ("userName", email), ("fullName", "Истомина Вера Петровна"),
            ("password", "Garmonia-2026"), ("passwordConfirmation", "Garmonia-2026"));
        Location(accepted).ShouldBe("/");
        SetsSession(accepted).ShouldBeTrue();

        var me = await (await Open(browser, "/api/me")).ReadAsJsonAsync<MeResponse>();
        me.UserName.ShouldBe(email);
        me.FullName.ShouldBe("Истомина Вера Петровна");
        me.Roles.Select(r => r.Code).ShouldBe(["SchoolDirector"]);
        me.Scope.Id.ShouldBe(Oosh);
        (await api.Database.OwnerListAsync<string>("SELECT type FROM es.mt_events WHERE stream_id = $1 ORDER BY version", me.Id!.Value))
            .ShouldBe(["account_created", "logged_in"]);

        var again = await Open(new Browser(), link, 404);
        (await again.ReadAsTextAsync()).ShouldContain("Приглашение недействительно");
    }

    [Fact]
    public async Task An_unknown_invitation_link_says_it_is_not_valid()
    {
        var response = await Open(new Browser(), "/account/invite/no-such-token", 404);
        (await response.ReadAsTextAsync()).ShouldContain("Приглашение недействительно");
    }

    /// <summary>A browser behind a proxy that terminated TLS and says so (X-Forwarded-Proto: https), reaching the node from <paramref name="from"/>.</summary>
    private static Browser BehindTls(IPAddress from) => new()
    {
        Via = s =>
        {
            s.WithRequestHeader("X-Forwarded-Proto", "https");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from);
        },
    };

    [Fact]
    public async Task Behind_a_trusted_proxy_that_terminated_tls_the_session_cookie_is_secure_and_a_stranger_cannot_claim_tls()
    {
        var trusted = await SignIn(BehindTls(IPAddress.Loopback), "district.curator", DemoAccounts.Password, 302);
        var session = trusted.Context.Response.Headers.SetCookie.Single(c => c!.StartsWith(Session + "="))!;
        session.ShouldContain("secure", Case.Insensitive);

        var stranger = await SignIn(BehindTls(IPAddress.Parse("203.0.113.7")), "district.curator", DemoAccounts.Password, 302);
        stranger.Context.Response.Headers.SetCookie.Single(c => c!.StartsWith(Session + "="))!.ShouldNotContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task Every_answer_tells_the_browser_its_content_policy_and_not_to_sniff_or_leak_the_address()
    {
        var page = await Open(new Browser(), "/account/login");
        var headers = page.Context.Response.Headers;
        headers.ContentSecurityPolicy.ToString().ShouldContain("script-src 'self'");
        headers.ContentSecurityPolicy.ToString().ShouldContain("frame-ancestors 'self'");
        headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        headers["Referrer-Policy"].ToString().ShouldBe("strict-origin-when-cross-origin");

        var refused = await api.Scenario(s =>
        {
            s.Get.Url($"/api/schools/{Sosh1}/people");
            s.StatusCodeShouldBe(401);
        });
        refused.Context.Response.Headers.XContentTypeOptions.ToString().ShouldBe("nosniff");
        refused.Context.Response.Headers.ContentSecurityPolicy.ToString().ShouldContain("default-src 'self'");
    }

    [Fact]
    public async Task A_blocked_accounts_cookie_session_ends_at_its_next_request_with_a_redirect_to_sign_in()
    {
        var user = await AccountCommands.CreateAsync(api.Services, $"user.{Guid.NewGuid():N}"[..20], "Проверочная Анна Ивановна",
            Platform.Tenancy.Access.Roles.SchoolCurator, Platform.EventStore.TenantScope.School(Sosh1), DemoAccounts.Password, "test");
        var browser = new Browser();
        await SignIn(browser, user.UserName!, DemoAccounts.Password, 302);
        await Open(browser, $"/schools/{Sosh1}");

        var curator = (await api.SignInAsync("district.curator")).AccessToken;
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { reason = "Уволилась" }).ToUrl($"/api/districts/{DemoDistrict.DistrictId}/accounts/{user.Id}/block");
            s.StatusCodeShouldBeOk();
        });

        var page = await Visit(browser, s =>
        {
            s.Get.Url($"/schools/{Sosh1}");
            s.WithRequestHeader("Accept", "text/html");
        }, 302);
        new Uri(new Uri("http://localhost"), Location(page)).AbsolutePath.ShouldBe("/account/login");
        await Visit(browser, s => s.Get.Url("/api/me"), 401);
    }
}
