using System.Net.Http.Headers;
using Alba;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;
using Platform.Web.Shell;

namespace Platform.Tests.Web;

/// <summary>The web UI over HTTP: where the start sends whom, sign-in for pages, the static files' caching, Russian formatting.</summary>
public sealed class WebPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private const string Html = "text/html,application/xhtml+xml";

    /// <summary>A page as the browser asks for it, signed in with the token (none: a visitor), expecting the status (200 unless told).</summary>
    private Task<IScenarioResult> Page(string? token, string url, int status = 200) => api.Scenario(s =>
    {
        s.AsBrowser(token, Html);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    private async Task<string> PageText(string? token, string url, int status = 200) => await (await Page(token, url, status)).ReadAsTextAsync();

    private static string? MediaType(IScenarioResult result) => MediaTypeHeaderValue.Parse(result.Context.Response.ContentType ?? "").MediaType;

    private string SchoolCurator => api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
    private string DistrictCurator => api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator);

    [Fact]
    public async Task The_start_sends_a_visitor_to_sign_in_and_an_account_to_its_home()
    {
        Task Start(string? token, string home) => api.Scenario(s =>
        {
            s.AsBrowser(token, Html);
            s.Get.Url("/");
            s.RedirectShouldBe(home);
        });
        await Start(null, "/account/login");
        await Start(SchoolCurator, $"/schools/{Sosh1}");
        await Start(DistrictCurator, $"/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}");
    }

    [Fact]
    public async Task A_page_asks_a_browser_to_sign_in_and_a_script_gets_401()
    {
        var page = await Page(null, $"/schools/{Sosh1}/road-maps", 302);
        page.Context.Response.Headers.Location.ToString().ShouldStartWith("http://localhost/account/login?ReturnUrl=");
        await api.Scenario(s =>
        {
            s.Get.Url($"/schools/{Sosh1}/road-maps");
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task Out_of_scope_and_missing_pages_answer_with_a_russian_page_and_the_api_still_with_problem_details()
    {
        var other = Guid.Parse("11000000-0000-4000-8000-000000000002");
        var curator = SchoolCurator;
        var refused = await Page(curator, $"/schools/{other}/road-maps", 404);
        MediaType(refused).ShouldBe("text/html");
        var html = await refused.ReadAsTextAsync();
        html.ShouldContain("<html lang=\"ru\">");
        html.ShouldContain("Организация не найдена.");
        html.ShouldContain("На главную");

        (await PageText(curator, "/no-such-page", 404)).ShouldContain("Страница не найдена.");

        (await PageText(DistrictCurator, $"/districts/{Guid.NewGuid()}", 404)).ShouldContain("Район не найден.");

        var script = SchoolCurator;
        var problem = await api.Scenario(s =>
        {
            s.WithBearerToken(script);
            s.Get.Url($"/api/schools/{other}/people");
            s.StatusCodeShouldBe(404);
        });
        MediaType(problem).ShouldBe("application/problem+json");
        var unknown = await api.Scenario(s =>
        {
            s.WithBearerToken(script);
            s.Get.Url("/api/no-such-endpoint");
            s.IgnoreStatusCode();
        });
        MediaType(unknown).ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_school_report_shows_its_history_and_an_earlier_day_read_only()
    {
        var oosh = Guid.Parse("11000000-0000-4000-8000-000000000002"); // the demo's returned report
        var curator = api.TokenFor(TenantScope.School(oosh), Roles.SchoolCurator);
        var list = await PageText(curator, $"/schools/{oosh}/monitoring");
        var link = System.Text.RegularExpressions.Regex.Match(list, $"/schools/{oosh}/monitoring/reports/[0-9a-f-]{{36}}").Value;
        link.ShouldNotBeEmpty();

        var page = await PageText(curator, link);
        page.ShouldContain("История изменений");
        page.ShouldContain("Отчёт сформирован по данным организации");
        page.ShouldContain("Отчёт сдан в район");
        page.ShouldContain("Отчёт возвращён районом на доработку");
        page.ShouldContain("Сдать отчёт в район"); // returned: the curator corrects and resubmits

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3)).ToString("yyyy-MM-dd");
        var earlier = await PageText(curator, $"{link}?asOf={today}");
        earlier.ShouldContain("Показано состояние на конец дня");
        earlier.ShouldNotContain("Сдать отчёт в район");

        (await PageText(curator, $"{link}?asOf=2020-01-01", 404)).ShouldContain("На эту дату отчёта ещё не было.");
    }

    [Fact]
    public async Task A_school_page_renders_in_russian_for_its_curator_and_hides_forms_from_the_district()
    {
        var curator = await PageText(SchoolCurator, $"/schools/{Sosh1}/road-maps");
        curator.ShouldContain("<html lang=\"ru\">");
        curator.ShouldContain("Создать по примерной дорожной карте");
        var district = await PageText(DistrictCurator, $"/schools/{Sosh1}/road-maps");
        district.ShouldContain("только чтение");
        district.ShouldNotContain("Создать по примерной дорожной карте");
    }

    [Fact]
    public async Task Static_files_are_compressed_and_cached_for_a_year_under_a_hashed_address()
    {
        var html = await PageText(SchoolCurator, $"/schools/{Sosh1}");
        var css = System.Text.RegularExpressions.Regex.Match(html, "/ui/lib/bootstrap.min.css\\?v=[0-9a-f]{12}").Value;
        css.ShouldNotBeEmpty();
        var response = await api.Scenario(s =>
        {
            s.WithRequestHeader("Accept-Encoding", "br");
            s.Get.Url(css);
        });
        response.Context.Response.Headers.CacheControl.ToString().ShouldContain("max-age=31536000");
        response.Context.Response.Headers.ContentEncoding.ShouldContain("br");
    }

    [Fact]
    public async Task The_district_home_shows_the_dashboard_with_lagging_schools_their_reasons_and_the_campaign_reports()
    {
        var district = Platform.Tenancy.Demo.DemoDistrict.DistrictId;
        var browser = api.TokenFor(TenantScope.District(district), Roles.DistrictCurator);
        var html = await PageText(browser, $"/districts/{district}");
        html.ShouldContain("Сводка по организациям");
        html.ShouldContain("Итого по району (6)");
        html.ShouldContain("Возвращён на доработку"); // the demo campaign's returned report
        html.ShouldContain("возвращён на доработку"); // … and the school is marked lagging for it
        html.ShouldContain("data-chart=");
        foreach (var school in Platform.Tenancy.Demo.DemoDistrict.Schools) html.ShouldContain($"/schools/{school.SchoolId}");

        var all = await PageText(browser, $"/districts/{district}?search=&missing=&lagging=true");
        all.ShouldNotContain("alert-warning");
        var wrong = await PageText(browser, $"/districts/{district}?missing=banner");
        wrong.ShouldContain("Отсутствующий акт: regulation, road_map, curator, pair_orders. Показаны все организации.");
        var one = await PageText(browser, $"/districts/{district}?search=411");
        one.ShouldContain($"/schools/11000000-0000-4000-8000-000000000411");
        one.ShouldNotContain($"/schools/{Sosh1}\"");
    }

    [Fact]
    public void Dates_and_numbers_are_written_the_russian_way()
    {
        Format.Date(new DateOnly(2026, 12, 23)).ShouldBe("23 декабря 2026");
        Format.Month(2026, 9).ShouldBe("Сентябрь 2026");
        Format.Number(1234567).Replace('\u00A0', ' ').Replace('\u202F', ' ').ShouldBe("1 234 567");
        Format.Percent(12.5m).ShouldBe("12,5\u00A0%");
        Format.Plural(21, "мероприятие", "мероприятия", "мероприятий").ShouldBe("21 мероприятие");
        Format.Plural(12, "мероприятие", "мероприятия", "мероприятий").ShouldBe("12 мероприятий");
        Format.Plural(3, "мероприятие", "мероприятия", "мероприятий").ShouldBe("3 мероприятия");
    }
}
