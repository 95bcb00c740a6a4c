using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
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

    private HttpClient Browser() => api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Opens the page, then posts its form with the antiforgery token it carried.</summary>
    private static async Task<HttpResponseMessage> Submit(HttpClient browser, string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await browser.GetStringAsync(page);
        var token = AntiforgeryField().Match(html);
        token.Success.ShouldBeTrue($"no antiforgery token on {page}");
        return await browser.PostAsync(action, new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]));
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient browser, string login, string password, string? returnUrl = null) =>
        Submit(browser, "/account/login", "/account/login", ("login", login), ("password", password), ("returnUrl", returnUrl ?? ""));

    private static bool SetsSession(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(Session + "=") && !c.StartsWith(Session + "=;"));

    [Fact]
    public async Task The_sign_in_page_is_a_russian_form_with_an_antiforgery_token()
    {
        var response = await Browser().GetAsync("/account/login?ReturnUrl=%2Fswagger");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Вход в систему наставничества");
        html.ShouldContain("name=\"returnUrl\" value=\"/swagger\"");
        AntiforgeryField().IsMatch(html).ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_message_keeps_the_login_and_sets_no_cookie()
    {
        var browser = Browser();
        var response = await SignIn(browser, "curator.sosh1", "wrong-password-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Неверный логин или пароль.");
        html.ShouldContain("value=\"curator.sosh1\"");
        SetsSession(response).ShouldBeFalse();
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task What_the_visitor_typed_comes_back_encoded()
    {
        var html = await (await SignIn(Browser(), "\"><script>alert(1)</script>", "x", "/\"><script>alert(2)</script>")).Content.ReadAsStringAsync();
        html.ShouldNotContain("<script>");
        html.ShouldContain("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
    }

    [Fact]
    public async Task Signing_in_sets_a_cookie_the_api_accepts_for_the_accounts_own_school_only()
    {
        var browser = Browser();
        var response = await SignIn(browser, "curator.sosh1", DemoAccounts.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        SetsSession(response).ShouldBeTrue();
        browser.DefaultRequestHeaders.Authorization.ShouldBeNull();

        var me = await (await browser.GetAsync("/api/me")).ShouldBeOk<MeResponse>();
        me.UserName.ShouldBe("curator.sosh1");
        me.Scope.Id.ShouldBe(Sosh1);
        (await browser.GetAsync($"/api/schools/{Sosh1}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/api/schools/{Oosh}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Signed in, the page says so and offers to sign out.
        (await browser.GetStringAsync("/account/login")).ShouldContain("Вы уже вошли как");
    }

    [Theory]
    [InlineData("/swagger", "/swagger")]
    [InlineData("https://evil.example/phish", "/")]
    [InlineData("//evil.example/phish", "/")]
    [InlineData("/\\evil.example", "/")]
    public async Task Only_a_local_return_address_is_followed(string returnUrl, string location)
    {
        var response = await SignIn(Browser(), "director.sosh1", DemoAccounts.Password, returnUrl);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(location);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_signs_nobody_in()
    {
        var browser = Browser();
        await browser.GetStringAsync("/account/login"); // the antiforgery cookie alone is not enough
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("login", "curator.sosh1"), new("password", DemoAccounts.Password)]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Страница устарела");
        SetsSession(response).ShouldBeFalse();
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_ends_the_cookie_session()
    {
        var browser = Browser();
        (await SignIn(browser, "curator.sosh1", DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await Submit(browser, "/account/logout", "/account/logout");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/account/login");
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_invited_director_creates_the_account_on_the_link_page_and_is_signed_in()
    {
        var curator = api.WithToken((await api.LoginAsync("district.curator")).AccessToken);
        var email = $"director.{Guid.NewGuid():N}@example.ru";
        var issued = await (await curator.PostAsJsonAsync($"/api/districts/{DemoDistrict.DistrictId}/invitations",
            new { schoolId = Oosh, role = "SchoolDirector", email, fullName = "Истомина Вера Петровна" })).ShouldBeOk<IssuedInvitation>();
        var link = new Uri(issued.Link).PathAndQuery;
        var browser = Browser();

        var page = await browser.GetStringAsync(link);
        page.ShouldContain("Истомина Вера Петровна");
        page.ShouldContain(issued.Invitation.SchoolName!);
        page.ShouldContain(issued.Invitation.RoleName);
        page.ShouldContain($"name=\"userName\" value=\"{email}\""); // the e-mail is the default login

        var weak = await Submit(browser, link, link, ("userName", email), ("fullName", "Истомина Вера Петровна"),
            ("password", "short"), ("passwordConfirmation", "short"));
        weak.StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await weak.Content.ReadAsStringAsync();
        refused.ShouldContain("Пароль должен быть не короче 10 символов.");
        refused.ShouldContain("В пароле нужна хотя бы одна цифра.");
        SetsSession(weak).ShouldBeFalse();

        var mismatch = await Submit(browser, link, link, ("userName", email), ("fullName", "Истомина Вера Петровна"),
            ("password", "Garmonia-2026"), ("passwordConfirmation", "Garmonia-2027"));
        (await mismatch.Content.ReadAsStringAsync()).ShouldContain("Пароли не совпадают.");

        var accepted = await Submit(browser, link, link, ("userName", email), ("fullName", "Истомина Вера Петровна"),
            ("password", "Garmonia-2026"), ("passwordConfirmation", "Garmonia-2026"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.ShouldBe("/");
        SetsSession(accepted).ShouldBeTrue();

        var me = await (await browser.GetAsync("/api/me")).ShouldBeOk<MeResponse>();
        me.UserName.ShouldBe(email);
        me.FullName.ShouldBe("Истомина Вера Петровна");
        me.Roles.Select(r => r.Code).ShouldBe(["SchoolDirector"]);
        me.Scope.Id.ShouldBe(Oosh);
        (await api.Database.OwnerListAsync<string>("SELECT type FROM es.mt_events WHERE stream_id = $1 ORDER BY version", me.Id!.Value))
            .ShouldBe(["account_created", "logged_in"]);

        var again = await Browser().GetAsync(link);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.Content.ReadAsStringAsync()).ShouldContain("Приглашение недействительно");
    }

    [Fact]
    public async Task An_unknown_invitation_link_says_it_is_not_valid()
    {
        var response = await Browser().GetAsync("/account/invite/no-such-token");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Приглашение недействительно");
    }
}
