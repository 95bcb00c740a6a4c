using System.Net;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.DistrictDeadlines;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// The district's pages «Акты района» and «Сроки района» (forms that keep the typed values and answer a refusal with a Russian
/// message next to the field), and the school overview's «Сроки района» and «Акты района» with a deadline marked done.
/// </summary>
public sealed class DistrictActAndDeadlinePagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private string DistrictBrowser() => api.TokenFor(TenantScope.District(District), Roles.DistrictCurator);

    private Task<T> Get<T>(string token, string url) => api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Get.Url(url);
    }).Json<T>();

    [Fact]
    public async Task An_act_is_registered_after_a_refusal_with_the_number_as_written_and_then_repealed()
    {
        var browser = DistrictBrowser();
        var url = $"/districts/{District}/acts";
        var (html, form) = await api.FormAsync(browser, url);
        html.ShouldContain($"href=\"{url}\"", customMessage: "the district menu has «Акты района»");
        html.ShouldContain("№ 237");
        html.ShouldContain("4 мая 2022");

        var refused = await api.PostFormAsync(browser, url, form, 422, ("kind", "working_group"), ("number", "№ 21/1"), ("date", "01.01.2099"), ("title", ""));
        refused.ShouldContain("id=\"act-date-error\"");
        refused.ShouldContain("Дата приказа не может быть в будущем.");
        refused.ShouldContain("id=\"act-title-error\"");
        refused.ShouldContain("value=\"№ 21/1\"", customMessage: "the values typed stay in the form");

        var section = await api.PostFormAsync(browser, url, form, 200, ("kind", "working_group"), ("number", "№ 21/1"), ("date", "15.03.2023"),
            ("title", "О составе рабочей группы по внедрению системы наставничества"));
        section.ShouldContain("О составе рабочей группы по внедрению системы наставничества");
        section.ShouldContain("№ 21/1");
        section.ShouldNotContain("№ № 21/1");
        section.ShouldContain("15 марта 2023");
        var act = (await Get<List<DistrictActView>>(api.TokenAs($"district:{District}"), $"/api/districts/{District}/acts")).Single(a => a.Number == "21/1");
        act.Date.ShouldBe(new DateOnly(2023, 3, 15));

        var repeal = $"{url}/{act.Id}/repeal";
        (await api.PostFormAsync(browser, repeal, form, 422, ("date", "01.01.2023"), ("reason", "утратил силу")))
            .ShouldContain("Дата отмены раньше даты самого акта (15.03.2023).");
        (await api.PostFormAsync(browser, repeal, form, 200, ("date", "01.09.2024"), ("reason", "Утратил силу: новый состав рабочей группы")))
            .ShouldContain("Отменён с 1 сентября 2024");
    }

    [Fact]
    public async Task A_yearly_deadline_is_set_after_a_refusal_and_the_page_shows_who_is_late()
    {
        var browser = DistrictBrowser();
        var url = $"/districts/{District}/deadlines";
        var (html, form) = await api.FormAsync(browser, url);
        html.ShouldContain($"href=\"{url}\"", customMessage: "the district menu has «Сроки района»");
        html.ShouldContain("до 23 декабря ежегодно");
        html.ShouldContain("По приказу от 04.05.2022 № 237");
        // The demo centre has no regulation: it is late with the deadline of 20 May 2022.
        html.ShouldContain(WebUtility.HtmlEncode("ГБУ ЦППМСП Пушкинского района") + ": срок 20.05.2022");

        var act = (await Get<List<DistrictActView>>(api.TokenAs($"district:{District}"), $"/api/districts/{District}/acts")).Single(a => a.Number == "237");
        var refused = await api.PostFormAsync(browser, url, form, 422, ("title", "Сдать анализ работы наставников"), ("repeat", "yearly"),
            ("yearlyDay", "30"), ("yearlyMonth", "2"), ("actId", act.Id.ToString()), ("completedBy", "school"));
        refused.ShouldContain("id=\"deadline-day-error\"");
        refused.ShouldContain("который есть в этом месяце каждый год");
        refused.ShouldContain("Сдать анализ работы наставников</textarea>", customMessage: "the title typed stays");

        var section = await api.PostFormAsync(browser, url, form, 200, ("title", "Сдать анализ работы наставников"), ("repeat", "yearly"),
            ("yearlyDay", "15"), ("yearlyMonth", "12"), ("firstYear", "2026"), ("actId", act.Id.ToString()), ("completedBy", "school"));
        section.ShouldContain("до 15 декабря ежегодно");
        var set = (await Get<List<DeadlineProgress>>(api.TokenAs($"district:{District}"), $"/api/districts/{District}/deadlines"))
            .Single(p => p.Deadline.Title == "Сдать анализ работы наставников").Deadline;
        (set.YearlyDay, set.YearlyMonth, set.FirstYear, set.ActId).ShouldBe((15, 12, 2026, act.Id));

        var cancel = $"{url}/{set.Id}/cancel";
        (await api.PostFormAsync(browser, cancel, form, 422, ("reason", " "))).ShouldContain($"id=\"cancel-{set.Id:N}-reason-error\"");
        (await api.PostFormAsync(browser, cancel, form, 200, ("reason", "Вошёл в план мониторинга"))).ShouldNotContain("Сдать анализ работы наставников</h3>");
    }

    [Fact]
    public async Task The_school_overview_lists_the_districts_acts_and_deadlines_and_marks_one_done()
    {
        var due = DateTime.Today.AddDays(20).ToString("yyyy-MM-dd");
        await api.Scenario(s =>
        {
            s.WithBearerToken(api.TokenAs($"district:{District}"));
            s.Post.Json(new { title = "Провести методический день наставников", dueOn = due }).ToUrl($"/api/districts/{District}/deadlines");
            s.StatusCodeShouldBe(201);
        });
        var browser = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var (html, form) = await api.FormAsync(browser, $"/schools/{Sosh1}");
        html.ShouldContain("Сроки района");
        html.ShouldContain("Акты района");
        html.ShouldContain("от 04.05.2022 № 237");
        html.ShouldContain("Направить результаты мониторинга системы наставничества в Управление образования (п. 4.6)");
        html.ShouldContain("Отметить выполненным");

        var rows = await Get<List<SchoolDeadlineRow>>(api.TokenAs($"school:{Sosh1}"), $"/api/schools/{Sosh1}/district-deadlines");
        var monitoring = rows.Single(r => r.Title == "Провести методический день наставников");
        var done = await api.PostFormAsync(browser, $"/schools/{Sosh1}/district-deadlines/{monitoring.DeadlineId}/done", form, 200, ("year", monitoring.Year.ToString()));
        done.ShouldContain($"id=\"district-deadline-{monitoring.DeadlineId}-{monitoring.Year}\"");
        done.ShouldContain("выполнено");
        (await Get<List<SchoolDeadlineRow>>(api.TokenAs($"school:{Sosh1}"), $"/api/schools/{Sosh1}/district-deadlines"))
            .Single(r => r.DeadlineId == monitoring.DeadlineId && r.Year == monitoring.Year).Done.ShouldBeTrue();
        (await api.PostFormAsync(browser, $"/schools/{Sosh1}/district-deadlines/{monitoring.DeadlineId}/done", form, 409, ("year", monitoring.Year.ToString())))
            .ShouldContain("уже отмечен выполненным");

        // The district's curator reads the school's overview, and marks nothing there.
        (await api.PageAsync(DistrictBrowser(), $"/schools/{Sosh1}")).ShouldNotContain("Отметить выполненным");
    }
}
