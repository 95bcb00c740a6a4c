using System.Text.Json;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// «Назначения» and «Охват» over HTTP as the browser posts them: a second curator refused, the curator's appointment ended and a
/// new one appointed by an order among the school's acts; the headcounts of a school year refused, then entered, and the percentages.
/// </summary>
public sealed class AppointmentAndCoveragePagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task The_curator_is_appointed_by_an_order_after_the_former_ones_appointment_ends()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var page = $"/schools/{Sosh1}/appointments";
        var order = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Post.Json(new { kind = "curator_appointment", number = "21/1", date = "2026-09-01", title = "О назначении куратора наставничества" })
                .ToUrl($"/api/schools/{Sosh1}/local-acts");
            s.StatusCodeShouldBe(201);
        }).Json();
        var orderId = order.GetProperty("id").GetString()!;
        async Task<string> Post(string url, int status, params (string, string)[] fields)
        {
            var (_, form) = await api.FormAsync(curator, page);
            return await api.PostFormAsync(curator, url, form, status, fields);
        }
        async Task<List<JsonElement>> Active() => (await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/schools/{Sosh1}/appointments?role=curator");
        }).Json()).EnumerateArray().ToList();

        var html = await Post(page, 422, ("role", "curator"), ("personName", "Сидорова Анна Петровна"), ("position", "заместитель директора"), ("orderId", ""));
        html.ShouldContain("Укажите приказ о назначении (из локальных актов организации).");
        html.ShouldContain("value=\"Сидорова Анна Петровна\"");
        html.ShouldContain("№ 21/1");
        html.ShouldNotContain("№ № 21/1");

        var former = await Active();
        if (former.Count > 0)
        {
            html = await Post(page, 409, ("role", "curator"), ("personName", "Сидорова Анна Петровна"), ("orderId", orderId));
            html.ShouldContain("В организации уже назначен куратор: сначала завершите его назначение.");
            html.ShouldContain("value=\"Сидорова Анна Петровна\"");
            var end = $"{page}/{former[0].GetProperty("id").GetString()}/end";
            html = await Post(end, 422, ("date", "32.01.2026"), ("reason", "Переход на другую работу"));
            html.ShouldContain("Такой даты нет в календаре: 32.01.2026.");
            html.ShouldContain("value=\"Переход на другую работу\"");
            html = await Post(end, 200, ("date", ""), ("reason", "Переход на другую работу"), ("orderId", orderId));
            html.ShouldContain("Назначение завершено.");
            html.ShouldContain("Прежние назначения");
        }

        html = await Post(page, 200, ("role", "curator"), ("personName", "Сидорова Анна Петровна"), ("position", "заместитель директора"),
            ("orderId", orderId), ("from", "01.09.2026"));
        html.ShouldContain("Назначение внесено.");
        var now = await Active();
        now.Count.ShouldBe(1);
        now[0].GetProperty("personName").GetString().ShouldBe("Сидорова Анна Петровна");
        now[0].GetProperty("from").GetString().ShouldBe("2026-09-01");

        // The district reads the list without the forms.
        var district = await api.PageAsync(api.TokenFor(TenantScope.District(Platform.Tenancy.Demo.DemoDistrict.DistrictId), Roles.DistrictCurator), page);
        district.ShouldContain("Сидорова Анна Петровна");
        district.ShouldNotContain("Назначить</button>");
    }

    [Fact]
    public async Task The_headcounts_of_a_school_year_are_entered_and_the_coverage_follows()
    {
        var curator = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var page = $"/schools/{Sosh1}/coverage";
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(3));
        var year = today.Month >= 9 ? today.Year : today.Year - 1;
        (await api.PageAsync(curator, page)).ShouldContain($"{year}/{year + 1} учебный год");

        var (_, form) = await api.FormAsync(curator, page);
        var html = await api.PostFormAsync(curator, $"{page}/totals", form, 422, ("schoolYear", year.ToString()), ("teachers", "сорок"), ("students", "400"));
        html.ShouldContain("Укажите число педагогов (0–5000).");
        html.ShouldContain("value=\"сорок\"");
        html.ShouldContain("value=\"400\"");
        html = await api.PostFormAsync(curator, $"{page}/totals", form, 422, ("schoolYear", (year + 5).ToString()), ("teachers", "40"), ("students", "400"));
        html.ShouldContain("Учебный год — не позже следующего.");

        html = await api.PostFormAsync(curator, $"{page}/totals", form, 200, ("schoolYear", year.ToString()), ("teachers", "40"), ("students", "400"));
        html.ShouldContain($"Численность за {year}/{year + 1} учебный год сохранена.");
        var coverage = await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Get.Url($"/api/schools/{Sosh1}/coverage?schoolYear={year}");
        }).Json();
        coverage.GetProperty("teachersTotal").GetInt32().ShouldBe(40);
        coverage.GetProperty("studentsTotal").GetInt32().ShouldBe(400);
        var percent = coverage.GetProperty("teachersPercent").GetDecimal();
        System.Net.WebUtility.HtmlDecode(html).ShouldContain(Platform.Web.Shell.Format.Percent(percent));

        // A year without headcounts: «нет данных», never 0 %.
        (await api.PageAsync(curator, $"{page}?schoolYear={year - 2}")).ShouldContain("нет данных");
    }
}
