using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;
using Platform.Web.Shell;

namespace Platform.Tests.Web;

/// <summary>
/// The pages take a date as a Russian user types or pastes it («01.09.2025») and refuse an impossible one in Russian next to the
/// field, storing nothing; a record's history on its page reads the API's Russian phrases, at times in the school's zone.
/// </summary>
public sealed class RussianDatePagesTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private string Browser => api.TokenFor(TenantScope.School(MentoringScenario.Sosh1), Roles.SchoolCurator);

    private string Script => api.TokenAs($"school:{MentoringScenario.Sosh1}");

    private Task<T> Get<T>(string url) => api.Scenario(s =>
    {
        s.WithBearerToken(Script);
        s.Get.Url(url);
    }).Json<T>();

    [Fact]
    public async Task An_act_dated_in_Russian_is_registered_and_an_impossible_date_is_refused_next_to_the_field()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var browser = Browser;
        var list = $"/schools/{s.School}/local-acts";
        var (_, form) = await api.FormAsync(browser, list);

        var impossible = await api.PostFormAsync(browser, list, form, 422, ("kind", "regulation"), ("number", "rd-17/1"), ("date", "31.02.2025"),
            ("title", "О наставничестве"));
        impossible.ShouldContain("id=\"act-date-error\"");
        impossible.ShouldContain("Такой даты нет в календаре: 31.02.2025.");
        impossible.ShouldNotContain("Укажите дату", customMessage: "an impossible date is not «no date»");
        var unreadable = await api.PostFormAsync(browser, list, form, 422, ("kind", "regulation"), ("number", "rd-17/1"), ("date", "1 сент."),
            ("title", "О наставничестве"));
        unreadable.ShouldContain("id=\"act-date-error\"");
        unreadable.ShouldContain(System.Net.WebUtility.HtmlEncode(Pages.DateExpected));
        (await Get<Page<LocalActRow>>($"/api/schools/{s.School}/local-acts?search=rd-17/1")).Items.ShouldBeEmpty("nothing is stored after a refusal");

        (await api.PostFormAsync(browser, list, form, 200, ("kind", "regulation"), ("number", "rd-17/1"), ("date", "01.09.2025"),
            ("title", "О наставничестве"))).ShouldContain("1 сентября 2025");
        var act = (await Get<Page<LocalActRow>>($"/api/schools/{s.School}/local-acts?search=rd-17/1")).Items.Single();
        act.Date.ShouldBe(new DateOnly(2025, 9, 1), "«01.09.2025» is the first of September, not the ninth of January");

        (await api.PostFormAsync(browser, $"{list}/{act.Id}/repeal", form, 200, ("date", "30.09.2025"), ("reason", "Новая редакция")))
            .ShouldContain("Отменён с 30 сентября 2025");
    }

    [Fact]
    public async Task A_program_extended_with_Russian_dates_shows_its_history_in_Russian_at_Moscow_time()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var pair = await s.ApprovedPair("Датов");
        var program = await api.Scenario(x =>
        {
            x.WithBearerToken(Script);
            x.Post.Json(ProgramsTests.Body(pair.Id)).ToUrl(s.Programs);
            x.StatusCodeShouldBe(201);
        }).Json<ProgramView>();
        var page = $"/schools/{s.School}/programs/{program.Id}";
        var browser = Browser;
        var (_, form) = await api.FormAsync(browser, page);

        (await api.PostFormAsync(browser, $"{page}/extend", form, 422, ("endOn", "31.06.2026"), ("reason", "по обоюдному согласию"), ("agreedOn", "30.09.2025")))
            .ShouldContain("Такой даты нет в календаре: 31.06.2026.");
        await api.Scenario(x =>
        {
            x.AsBrowser(browser);
            x.PostForm(form, ("endOn", "30.06.2026"), ("reason", "Наставляемый ушёл на больничный"), ("agreedOn", "30.09.2025")).ToUrl($"{page}/extend");
            x.Header("HX-Redirect").SingleValueShouldEqual(page);
        });
        (await Get<ProgramView>($"{s.Programs}/{program.Id}")).EndOn.ShouldBe(new DateOnly(2026, 6, 30));

        var html = await api.PageAsync(browser, page);
        var history = await Get<List<EventHistoryItem>>($"{s.Programs}/{program.Id}/history");
        var extended = history.Single(h => h.Type == "program_extended");
        var created = history.Single(h => h.Type == "program_created");
        html.ShouldContain(ProgramEndpoints.EventTitles["program_extended"]);
        html.ShouldContain(ProgramEndpoints.EventTitles["program_created"]);
        html.ShouldNotContain("program_extended", customMessage: "no event code is shown to the user");
        foreach (var item in new[] { created, extended })
        {
            var moscow = Format.Moment(item.Timestamp, "Europe/Moscow");
            html.ShouldContain($"{moscow}</span> · <strong>{item.Title}</strong>", customMessage: "the moment in the school's zone beside the API's title");
            html.ShouldNotContain($"{Format.Moment(item.Timestamp, "UTC")}</span>", customMessage: "not in UTC");
        }

        // The state on a date, the address pasted with a Russian date; an impossible one is a Russian page, not a framework error.
        var createdDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(created.Timestamp, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).DateTime);
        var past = await api.PageAsync(browser, $"{page}?asOf={createdDay:dd.MM.yyyy}");
        past.ShouldContain($"Показано состояние на конец дня <strong>{Format.Date(createdDay)}</strong>");
        var impossible = await api.PageAsync(browser, $"{page}?asOf=31.02.2025", 400);
        impossible.ShouldContain("Состояние на дату: Такой даты нет в календаре: 31.02.2025.");
        impossible.ShouldContain("<html", customMessage: "a page in the layout");
    }
}
