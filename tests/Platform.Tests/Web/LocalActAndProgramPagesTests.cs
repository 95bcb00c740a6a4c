using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
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
    private HttpClient Browser(string role = Roles.SchoolCurator) => api.Browser(TenantScope.School(MentoringScenario.Sosh1), role);

    private static string Token(string html) => PageClient.Antiforgery(html);

    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string token, params (string Key, string Value)[] fields) =>
        client.PostFormAsync(url, token, fields);

    [Fact]
    public async Task An_act_is_registered_after_a_russian_message_next_to_the_field_and_then_repealed()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var browser = Browser();
        var list = $"/schools/{s.School}/local-acts";
        var html = await browser.GetStringAsync(list);
        html.ShouldContain($"href=\"{list}\"");
        html.ShouldContain("Зарегистрировать акт");
        var token = Token(html);

        var bad = await Post(browser, list, token, ("kind", "regulation"), ("number", "ui-7/1"), ("date", "2025-12-01"), ("title", ""));
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var refused = await bad.Content.ReadAsStringAsync();
        refused.ShouldContain("id=\"act-date-error\"");
        refused.ShouldContain("Дата приказа не может быть в будущем.");
        refused.ShouldContain("id=\"act-title-error\"");
        refused.ShouldContain("Укажите название акта.");
        refused.ShouldContain("value=\"ui-7/1\"", customMessage: "the values typed stay in the form");

        var ok = await Post(browser, list, token, ("kind", "regulation"), ("number", "ui-7/1"), ("date", "2025-09-01"),
            ("title", "Об утверждении Положения о системе наставничества"), ("note", "Размещено на сайте"));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var section = await ok.Content.ReadAsStringAsync();
        section.ShouldContain("Об утверждении Положения о системе наставничества");
        section.ShouldContain("№ ui-7/1");
        section.ShouldContain("1 сентября 2025");
        section.ShouldContain("Положение о системе наставничества");
        section.ShouldContain("Размещено на сайте");
        var act = (await (await s.Curator.GetAsync($"/api/schools/{s.School}/local-acts?search=ui-7/1")).ShouldBeOk<Page<LocalActRow>>()).Items.Single();
        (act.Kind, act.Date, act.Repealed).ShouldBe((LocalActKind.Regulation, new DateOnly(2025, 9, 1), false));
        section.ShouldContain($"id=\"act-{act.Id}\"");

        var twice = await Post(browser, list, token, ("kind", "regulation"), ("number", "ui-7/1"), ("date", "2025-09-01"), ("title", "Повторно"));
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("уже зарегистрирован");

        var repeal = $"{list}/{act.Id}/repeal";
        var early = await Post(browser, repeal, token, ("date", "2025-08-01"), ("reason", "утратил силу"));
        early.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var earlyHtml = await early.Content.ReadAsStringAsync();
        earlyHtml.ShouldContain($"id=\"repeal-{act.Id:N}-date-error\"");
        earlyHtml.ShouldContain("Дата отмены раньше даты самого акта (01.09.2025).");

        var noReason = await Post(browser, repeal, token, ("date", "2025-09-30"), ("reason", " "));
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain($"id=\"repeal-{act.Id:N}-reason-error\"");

        var repealed = await Post(browser, repeal, token, ("date", "2025-09-30"), ("reason", "Утратил силу в связи с изданием новой редакции"));
        repealed.StatusCode.ShouldBe(HttpStatusCode.OK, await repealed.Content.ReadAsStringAsync());
        (await repealed.Content.ReadAsStringAsync()).ShouldContain("Отменён с 30 сентября 2025");
        var view = await (await s.Curator.GetAsync($"/api/schools/{s.School}/local-acts/{act.Id}")).ShouldBeOk<LocalActView>();
        (view.Repealed, view.RepealedOn, view.RepealReason).ShouldBe((true, new DateOnly(2025, 9, 30), "Утратил силу в связи с изданием новой редакции"));
        (await browser.GetStringAsync(list)).ShouldContain("Отменён с 30 сентября 2025", customMessage: "a repealed act stays on the list");
    }

    [Fact]
    public async Task A_program_is_extended_by_mutual_consent_a_date_beyond_a_year_refused_and_then_completed()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var pair = await s.ApprovedPair("Продлёнов");
        var created = await s.Curator.PostAsJsonAsync(s.Programs, ProgramsTests.Body(pair.Id));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var program = await created.ShouldBeOk<ProgramView>();
        var page = $"/schools/{s.School}/programs/{program.Id}";
        var browser = Browser();
        var html = await browser.GetStringAsync(page);
        html.ShouldContain("Продление по взаимному согласию");
        html.ShouldContain("Завершение программы");
        var token = Token(html);

        var tooLate = await Post(browser, $"{page}/extend", token, ("endOn", "2026-09-22"), ("reason", "по обоюдному согласию"), ("agreedOn", "2025-09-30"));
        tooLate.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var refused = await tooLate.Content.ReadAsStringAsync();
        refused.ShouldContain("id=\"extend-endOn-error\"");
        refused.ShouldContain("не позже 21.09.2026");
        var earlier = await Post(browser, $"{page}/extend", token, ("endOn", "2026-03-01"), ("reason", "по обоюдному согласию"));
        earlier.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await earlier.Content.ReadAsStringAsync()).ShouldContain("позже нынешней (21.03.2026)");
        var noReason = await Post(browser, $"{page}/extend", token, ("endOn", "2026-06-30"), ("reason", ""));
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("id=\"extend-reason-error\"");

        var extended = await Post(browser, $"{page}/extend", token, ("endOn", "2026-06-30"), ("reason", "Наставляемый ушёл на больничный"), ("agreedOn", "2025-09-30"));
        extended.StatusCode.ShouldBe(HttpStatusCode.OK, await extended.Content.ReadAsStringAsync());
        extended.Headers.GetValues("HX-Redirect").Single().ShouldBe(page);
        var after = await browser.GetStringAsync(page);
        after.ShouldContain("30 июня 2026");
        after.ShouldContain("до 30 июня 2026: Наставляемый ушёл на больничный");
        (await (await s.Curator.GetAsync($"{s.Programs}/{program.Id}")).ShouldBeOk<ProgramView>()).EndOn.ShouldBe(new DateOnly(2026, 6, 30));

        var noNote = await Post(browser, $"{page}/complete", token, ("reason", "curator_initiative"), ("completedOn", "2025-10-01"), ("note", ""));
        noNote.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var noNoteHtml = await noNote.Content.ReadAsStringAsync();
        noNoteHtml.ShouldContain("id=\"complete-note-error\"");
        noNoteHtml.ShouldContain("недолжное исполнение");
        var planOpen = await Post(browser, $"{page}/complete", token, ("reason", "plan_completed"), ("completedOn", "2025-10-01"));
        planOpen.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await planOpen.Content.ReadAsStringAsync()).ShouldContain("Не выполнено мероприятий плана: 2 из 2.");

        var completed = await Post(browser, $"{page}/complete", token, ("reason", "curator_initiative"), ("completedOn", "2025-10-01"),
            ("note", "Наставляемый не приходит на встречи"));
        completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        completed.Headers.GetValues("HX-Redirect").Single().ShouldBe(page);
        var done = await browser.GetStringAsync(page);
        done.ShouldContain("Завершена");
        done.ShouldContain("1 октября 2025: По инициативе куратора");
        done.ShouldContain("Наставляемый не приходит на встречи");
        done.ShouldNotContain("Продление по взаимному согласию", customMessage: "the forms are shown only while the program is in progress");
        done.ShouldNotContain("id=\"complete-reason\"");
        var view = await (await s.Curator.GetAsync($"{s.Programs}/{program.Id}")).ShouldBeOk<ProgramView>();
        (view.Status, view.Completion!.Reason).ShouldBe((ProgramStatus.Completed, CompletionReason.CuratorInitiative));
    }
}
