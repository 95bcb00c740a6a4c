using Platform.EventStore;
using Platform.Mentoring.Mentorships;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;

namespace Platform.Tests.Web;

/// <summary>The director approves a pair by the school's order on pairs from the pair's page; the curator sees that it waits for the order.</summary>
public sealed partial class MentorshipPagesTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    /// <summary>An account of the school with the role, signed in to the pages.</summary>
    private string Browser(string role) => api.TokenFor(TenantScope.School(MentoringScenario.Sosh1), role);

    [Fact]
    public async Task The_director_approves_a_pair_by_an_order_and_a_missing_order_is_said_next_to_the_field()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var pair = await s.Pair(await s.Mentor("Приказова Анна Львовна"), [await s.Mentee("Приказов Олег Ильич")]);
        var order = await s.Order("77-од");
        var page = $"/schools/{s.School}/mentorships/{pair.Id}";

        var curatorPage = await api.PageAsync(Browser(Roles.SchoolCurator), page);
        curatorPage.ShouldContain("ещё нет: пару закрепляет приказом руководитель");
        curatorPage.ShouldNotContain("approve-form");

        var director = Browser(Roles.SchoolDirector);
        var (html, form) = await api.FormAsync(director, page);
        html.ShouldContain("Закрепить пару приказом руководителя");
        html.ShouldContain("№ 77-од от 20 сентября 2025");

        var refusedForm = await api.PostFormAsync(director, $"{page}/approve", form, 422, ("from", "2025-09-25"));
        refusedForm.ShouldContain("id=\"orderId-error\"");
        refusedForm.ShouldContain("is-invalid");

        await api.Scenario(x =>
        {
            x.AsBrowser(director);
            x.PostForm(form, ("orderId", order.Id.ToString()), ("from", "2025-09-25")).ToUrl($"{page}/approve");
            x.Header("HX-Redirect").SingleValueShouldEqual(page);
        });
        var view = await api.Scenario(x =>
        {
            x.WithBearerToken(api.TokenAs($"school:{s.School}"));
            x.Get.Url($"{s.Pairs}/{pair.Id}");
        }).Json<MentorshipView>();
        (view.Status, view.Approval!.Number, view.Approval.From).ShouldBe((MentorshipStatus.Active, "77-од", new DateOnly(2025, 9, 25)));
        (await api.PageAsync(Browser(Roles.SchoolCurator), page)).ShouldContain("Составить программу");

        // The curator cannot approve, even by posting the form.
        var curator = Browser(Roles.SchoolCurator);
        var pair2 = await s.Pair(await s.Mentor("Приказова Вера Львовна"), [await s.Mentee("Приказов Глеб Ильич")]);
        var (_, curatorForm) = await api.FormAsync(curator, $"/schools/{s.School}/mentorships/{pair2.Id}");
        (await api.PostFormAsync(curator, $"/schools/{s.School}/mentorships/{pair2.Id}/approve", curatorForm, 403, ("orderId", order.Id.ToString())))
            .ShouldContain("утвердить пару может только директор");
    }
}

/// <summary>A group from the propose form, then its page: each participant's consent, the mentor replaced, dissolution refused without a reason.</summary>
public sealed partial class MentorshipPagesTests
{
    [Fact]
    public async Task A_group_of_one_mentor_and_two_mentees_is_formed_and_changed_from_the_pages()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var mentor = await s.Mentor("Группова Ирина Львовна", capacity: 3);
        var first = await s.Mentee("Группов Антон Ильич");
        var second = await s.Mentee("Группов Денис Ильич");
        var curator = Browser(Roles.SchoolCurator);
        var list = $"/schools/{s.School}/mentorships";

        var (html, form) = await api.FormAsync(curator, $"{list}?mentorId={mentor}&menteeId={first}");
        html.ShouldContain($"<option value=\"{mentor}\" selected"); // filled from a suggestion
        html.ShouldContain($"<option value=\"{first}\" selected");
        html.ShouldContain("name=\"menteeIds\" multiple");

        (string, string)[] group = [("mentorId", mentor.ToString()), ("menteeIds", first.ToString()), ("menteeIds", second.ToString()),
            ("mentoringForm", "teacher_teacher"), ("topic", "Первый год в школе"), ("consentOn", "")];
        html = await api.PostFormAsync(curator, list, form, 422, [.. group, ("kind", "traditional")]);
        html.ShouldContain("id=\"menteeId-error\"");
        html.ShouldContain("Традиционное наставничество — «один на один»");
        html.ShouldContain($"<option value=\"{second}\" selected"); // both chosen mentees stay chosen
        html.ShouldContain("value=\"Первый год в школе\"");

        var created = await api.PostFieldsResultAsync(curator, list, form, 200, [.. group, ("kind", "group")]);
        var page = created.Context.Response.Headers["HX-Redirect"].ToString();
        page.ShouldMatch($"^{list}/[0-9a-f-]{{36}}$");
        html = await api.PageAsync(curator, page);
        html.ShouldContain("Группов Антон Ильич");
        html.ShouldContain("Группов Денис Ильич");
        html.ShouldContain("Внести письменное согласие участника на участие в паре");

        // Consents one by one: a date that is not in the calendar is said next to it.
        html = await api.PostFormAsync(curator, $"{page}/consents", form, 422, ("personId", mentor.ToString()), ("signedOn", "31.09.2025"));
        html.ShouldContain("id=\"consent-signedOn-error\"");
        html.ShouldContain("Такой даты нет в календаре: 31.09.2025.");
        foreach (var person in new[] { mentor, first, second })
            (await api.PostRedirectAsync(curator, $"{page}/consents", form, ("personId", person.ToString()), ("signedOn", "30.09.2025"), ("documentNumber", "5")))
                .ShouldBe(page);
        html = await api.PageAsync(curator, page);
        html.ShouldNotContain("Внести письменное согласие участника");
        html.ShouldContain("от 30 сентября 2025");

        // The mentor replaced at a mentee's request: the reason is required, then the new mentor leads the group.
        var next = await s.Mentor("Сменова Алла Львовна", capacity: 2);
        (string, string)[] replace = [("newMentorId", next.ToString()), ("requestedBy", second.ToString()), ("requestedOn", "2025-09-30"),
            ("consentSignedOn", "2025-09-30"), ("on", "2025-10-01")];
        html = await api.PostFormAsync(curator, $"{page}/replace-mentor", form, 422, [.. replace, ("reason", "")]);
        html.ShouldContain("id=\"replace-reason-error\"");
        html.ShouldContain($"<option value=\"{next}\" selected");
        (await api.PostRedirectAsync(curator, $"{page}/replace-mentor", form, [.. replace, ("reason", "не совпадает график")])).ShouldBe(page);
        html = await api.PageAsync(curator, page);
        html.ShouldContain("Прежние наставники: Группова Ирина Львовна");
        html.ShouldContain("Заменён наставник");

        html = await api.PostFormAsync(curator, $"{page}/dissolve", form, 422, ("reason", ""), ("on", "2025-10-01"));
        html.ShouldContain("id=\"dissolve-reason-error\"");
        (await api.PostRedirectAsync(curator, $"{page}/dissolve", form, ("reason", "программа наставничества не начата: группа распалась"), ("on", "2025-10-01")))
            .ShouldBe(page);
        html = await api.PageAsync(curator, page);
        html.ShouldContain("Расформирована");
        html.ShouldNotContain("Заменить наставника по ходатайству");
    }
}
