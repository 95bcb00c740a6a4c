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
