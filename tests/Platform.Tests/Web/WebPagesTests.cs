using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;
using Platform.Web.Shell;

namespace Platform.Tests.Web;

/// <summary>The web UI over HTTP: where the start sends whom, sign-in for pages, the static files' caching, Russian formatting.</summary>
public sealed class WebPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private HttpClient Browser(string? token = null)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task The_start_sends_a_visitor_to_sign_in_and_an_account_to_its_home()
    {
        (await Browser().GetAsync("/")).Headers.Location!.ToString().ShouldBe("/account/login");
        var school = await Browser(api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator)).GetAsync("/");
        school.Headers.Location!.ToString().ShouldBe($"/schools/{Sosh1}");
        var district = await Browser(api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator)).GetAsync("/");
        district.Headers.Location!.ToString().ShouldBe($"/districts/{Platform.Tenancy.Demo.DemoDistrict.DistrictId}");
    }

    [Fact]
    public async Task A_page_asks_a_browser_to_sign_in_and_a_script_gets_401()
    {
        var page = await Browser().GetAsync($"/schools/{Sosh1}/road-maps");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldStartWith("http://localhost/account/login?ReturnUrl=");
        (await api.CreateClient().GetAsync($"/schools/{Sosh1}/road-maps")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Out_of_scope_and_missing_pages_answer_with_a_russian_page_and_the_api_still_with_problem_details()
    {
        var other = Guid.Parse("11000000-0000-4000-8000-000000000002");
        var curator = Browser(api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator));
        var refused = await curator.GetAsync($"/schools/{other}/road-maps");
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("<html lang=\"ru\">");
        html.ShouldContain("Организация не найдена.");
        html.ShouldContain("На главную");

        var missing = await curator.GetAsync("/no-such-page");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Страница не найдена.");

        var otherDistrict = await Browser(api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator))
            .GetAsync($"/districts/{Guid.NewGuid()}");
        otherDistrict.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherDistrict.Content.ReadAsStringAsync()).ShouldContain("Район не найден.");

        var script = api.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator));
        var problem = await script.GetAsync($"/api/schools/{other}/people");
        problem.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        problem.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await script.GetAsync("/api/no-such-endpoint")).Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_school_report_shows_its_history_and_an_earlier_day_read_only()
    {
        var oosh = Guid.Parse("11000000-0000-4000-8000-000000000002"); // the demo's returned report
        var curator = Browser(api.TokenFor(TenantScope.School(oosh), Roles.SchoolCurator));
        var list = await curator.GetStringAsync($"/schools/{oosh}/monitoring");
        var link = System.Text.RegularExpressions.Regex.Match(list, $"/schools/{oosh}/monitoring/reports/[0-9a-f-]{{36}}").Value;
        link.ShouldNotBeEmpty();

        var page = await curator.GetStringAsync(link);
        page.ShouldContain("История изменений");
        page.ShouldContain("Отчёт сформирован по данным организации");
        page.ShouldContain("Отчёт сдан в район");
        page.ShouldContain("Отчёт возвращён районом на доработку");
        page.ShouldContain("Сдать отчёт в район"); // returned: the curator corrects and resubmits

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3)).ToString("yyyy-MM-dd");
        var earlier = await curator.GetStringAsync($"{link}?asOf={today}");
        earlier.ShouldContain("Показано состояние на конец дня");
        earlier.ShouldNotContain("Сдать отчёт в район");

        var before = await curator.GetAsync($"{link}?asOf=2020-01-01");
        before.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await before.Content.ReadAsStringAsync()).ShouldContain("На эту дату отчёта ещё не было.");
    }

    [Fact]
    public async Task A_school_page_renders_in_russian_for_its_curator_and_hides_forms_from_the_district()
    {
        var curator = await Browser(api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator)).GetStringAsync($"/schools/{Sosh1}/road-maps");
        curator.ShouldContain("<html lang=\"ru\">");
        curator.ShouldContain("Создать по примерной дорожной карте");
        var district = await Browser(api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator))
            .GetStringAsync($"/schools/{Sosh1}/road-maps");
        district.ShouldContain("только чтение");
        district.ShouldNotContain("Создать по примерной дорожной карте");
    }

    [Fact]
    public async Task Static_files_are_compressed_and_cached_for_a_year_under_a_hashed_address()
    {
        var html = await Browser(api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator)).GetStringAsync($"/schools/{Sosh1}");
        var css = System.Text.RegularExpressions.Regex.Match(html, "/ui/lib/bootstrap.min.css\\?v=[0-9a-f]{12}").Value;
        css.ShouldNotBeEmpty();
        var client = api.CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br");
        var response = await client.GetAsync(css);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.ToString().ShouldContain("max-age=31536000");
        response.Content.Headers.ContentEncoding.ShouldContain("br");
    }

    [Fact]
    public async Task The_district_home_shows_the_dashboard_with_lagging_schools_their_reasons_and_the_campaign_reports()
    {
        var district = Platform.Tenancy.Demo.DemoDistrict.DistrictId;
        var browser = Browser(api.TokenFor(TenantScope.District(district), Roles.DistrictCurator));
        var html = await browser.GetStringAsync($"/districts/{district}");
        html.ShouldContain("Сводка по организациям");
        html.ShouldContain("Итого по району (6)");
        html.ShouldContain("Возвращён на доработку"); // the demo campaign's returned report
        html.ShouldContain("возвращён на доработку"); // … and the school is marked lagging for it
        html.ShouldContain("data-chart=");
        foreach (var school in Platform.Tenancy.Demo.DemoDistrict.Schools) html.ShouldContain($"/schools/{school.SchoolId}");

        var all = await browser.GetStringAsync($"/districts/{district}?search=&missing=&lagging=true");
        all.ShouldNotContain("alert-warning");
        var wrong = await browser.GetStringAsync($"/districts/{district}?missing=banner");
        wrong.ShouldContain("Отсутствующий акт: regulation, road_map, curator, pair_orders. Показаны все организации.");
        var one = await browser.GetStringAsync($"/districts/{district}?search=411");
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
