using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;

namespace Platform.Tests.Web;

/// <summary>
/// The «Локальные акты» page (an act registered after a Russian message next to the field, then repealed) and the program page's
/// extension by mutual consent and completion, through the real host as htmx posts them.
/// </summary>
public sealed partial class LocalActAndProgramPagesTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    /// <summary>The school curator signed in to the pages (one token: the antiforgery tokens are the account's).</summary>
    private string Browser(string role = Roles.SchoolCurator) => api.TokenFor(TenantScope.School(MentoringScenario.Sosh1), role);

    /// <summary>The school curator calling the API, as a script would.</summary>
    private string Script => api.TokenAs($"school:{MentoringScenario.Sosh1}");

    private Task<T> Get<T>(string url) => api.Scenario(s =>
    {
        s.WithBearerToken(Script);
        s.Get.Url(url);
    }).Json<T>();

    [Fact]
    public async Task An_act_is_registered_after_a_russian_message_next_to_the_field_and_then_repealed()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var browser = Browser();
        var list = $"/schools/{s.School}/local-acts";
        var (html, form) = await api.FormAsync(browser, list);
        html.ShouldContain($"href=\"{list}\"");
        html.ShouldContain("Зарегистрировать акт");

        var refused = await api.PostFormAsync(browser, list, form, 422, ("kind", "regulation"), ("number", "ui-7/1"), ("date", "2025-12-01"), ("title", ""));
        refused.ShouldContain("id=\"act-date-error\"");
        refused.ShouldContain("Дата приказа не может быть в будущем.");
        refused.ShouldContain("id=\"act-title-error\"");
        refused.ShouldContain("Укажите название акта.");
        refused.ShouldContain("value=\"ui-7/1\"", customMessage: "the values typed stay in the form");

        var section = await api.PostFormAsync(browser, list, form, 200, ("kind", "regulation"), ("number", "ui-7/1"), ("date", "2025-09-01"),
            ("title", "Об утверждении Положения о системе наставничества"), ("note", "Размещено на сайте"));
        section.ShouldContain("Об утверждении Положения о системе наставничества");
        section.ShouldContain("№ ui-7/1");
        section.ShouldContain("1 сентября 2025");
        section.ShouldContain("Положение о системе наставничества");
        section.ShouldContain("Размещено на сайте");
        var act = (await Get<Page<LocalActRow>>($"/api/schools/{s.School}/local-acts?search=ui-7/1")).Items.Single();
        (act.Kind, act.Date, act.Repealed).ShouldBe((LocalActKind.Regulation, new DateOnly(2025, 9, 1), false));
        section.ShouldContain($"id=\"act-{act.Id}\"");

        (await api.PostFormAsync(browser, list, form, 409, ("kind", "regulation"), ("number", "ui-7/1"), ("date", "2025-09-01"), ("title", "Повторно")))
            .ShouldContain("уже зарегистрирован");

        var repeal = $"{list}/{act.Id}/repeal";
        var earlyHtml = await api.PostFormAsync(browser, repeal, form, 422, ("date", "2025-08-01"), ("reason", "утратил силу"));
        earlyHtml.ShouldContain($"id=\"repeal-{act.Id:N}-date-error\"");
        earlyHtml.ShouldContain("Дата отмены раньше даты самого акта (01.09.2025).");

        (await api.PostFormAsync(browser, repeal, form, 422, ("date", "2025-09-30"), ("reason", " ")))
            .ShouldContain($"id=\"repeal-{act.Id:N}-reason-error\"");

        (await api.PostFormAsync(browser, repeal, form, 200, ("date", "2025-09-30"), ("reason", "Утратил силу в связи с изданием новой редакции")))
            .ShouldContain("Отменён с 30 сентября 2025");
        var view = await Get<LocalActView>($"/api/schools/{s.School}/local-acts/{act.Id}");
        (view.Repealed, view.RepealedOn, view.RepealReason).ShouldBe((true, new DateOnly(2025, 9, 30), "Утратил силу в связи с изданием новой редакции"));
        (await api.PageAsync(browser, list)).ShouldContain("Отменён с 30 сентября 2025", customMessage: "a repealed act stays on the list");
    }

    [Fact]
    public async Task A_program_is_extended_by_mutual_consent_a_date_beyond_a_year_refused_and_then_completed()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var pair = await s.ApprovedPair("Продлёнов");
        var program = await api.Scenario(x =>
        {
            x.WithBearerToken(Script);
            x.Post.Json(ProgramsTests.Body(pair.Id)).ToUrl(s.Programs);
            x.StatusCodeShouldBe(201);
        }).Json<ProgramView>();
        var page = $"/schools/{s.School}/programs/{program.Id}";
        var browser = Browser();
        var (html, form) = await api.FormAsync(browser, page);
        html.ShouldContain("Продление по взаимному согласию");
        html.ShouldContain("Завершение программы");

        var refused = await api.PostFormAsync(browser, $"{page}/extend", form, 422, ("endOn", "2026-09-22"), ("reason", "по обоюдному согласию"), ("agreedOn", "2025-09-30"));
        refused.ShouldContain("id=\"extend-endOn-error\"");
        refused.ShouldContain("не позже 21.09.2026");
        (await api.PostFormAsync(browser, $"{page}/extend", form, 422, ("endOn", "2026-03-01"), ("reason", "по обоюдному согласию")))
            .ShouldContain("позже нынешней (21.03.2026)");
        (await api.PostFormAsync(browser, $"{page}/extend", form, 422, ("endOn", "2026-06-30"), ("reason", "")))
            .ShouldContain("id=\"extend-reason-error\"");

        await api.Scenario(x =>
        {
            x.AsBrowser(browser);
            x.PostForm(form, ("endOn", "2026-06-30"), ("reason", "Наставляемый ушёл на больничный"), ("agreedOn", "2025-09-30")).ToUrl($"{page}/extend");
            x.Header("HX-Redirect").SingleValueShouldEqual(page);
        });
        var after = await api.PageAsync(browser, page);
        after.ShouldContain("30 июня 2026");
        after.ShouldContain("до 30 июня 2026: Наставляемый ушёл на больничный");
        (await Get<ProgramView>($"{s.Programs}/{program.Id}")).EndOn.ShouldBe(new DateOnly(2026, 6, 30));

        var noNoteHtml = await api.PostFormAsync(browser, $"{page}/complete", form, 422, ("reason", "curator_initiative"), ("completedOn", "2025-10-01"), ("note", ""));
        noNoteHtml.ShouldContain("id=\"complete-note-error\"");
        noNoteHtml.ShouldContain("недолжное исполнение");
        (await api.PostFormAsync(browser, $"{page}/complete", form, 409, ("reason", "plan_completed"), ("completedOn", "2025-10-01")))
            .ShouldContain("Не выполнено мероприятий плана: 2 из 2.");

        await api.Scenario(x =>
        {
            x.AsBrowser(browser);
            x.PostForm(form, ("reason", "curator_initiative"), ("completedOn", "2025-10-01"), ("note", "Наставляемый не приходит на встречи"))
                .ToUrl($"{page}/complete");
            x.Header("HX-Redirect").SingleValueShouldEqual(page);
        });
        var done = await api.PageAsync(browser, page);
        done.ShouldContain("Завершена");
        done.ShouldContain("1 октября 2025: По инициативе куратора");
        done.ShouldContain("Наставляемый не приходит на встречи");
        done.ShouldNotContain("Продление по взаимному согласию", customMessage: "the forms are shown only while the program is in progress");
        done.ShouldNotContain("id=\"complete-reason\"");
        var view = await Get<ProgramView>($"{s.Programs}/{program.Id}");
        (view.Status, view.Completion!.Reason).ShouldBe((ProgramStatus.Completed, CompletionReason.CuratorInitiative));
    }
}
