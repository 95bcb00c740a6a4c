using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.EventStore;
using Platform.Mentoring.Mentorships;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;

namespace Platform.Tests.Web;

/// <summary>The director approves a pair by the school's order on pairs from the pair's page; the curator sees that it waits for the order.</summary>
public sealed partial class MentorshipPagesTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private HttpClient Browser(string role) => api.Browser(TenantScope.School(MentoringScenario.Sosh1), role);

    [Fact]
    public async Task The_director_approves_a_pair_by_an_order_and_a_missing_order_is_said_next_to_the_field()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var pair = await s.Pair(await s.Mentor("Приказова Анна Львовна"), [await s.Mentee("Приказов Олег Ильич")]);
        var order = await s.Order("77-од");
        var page = $"/schools/{s.School}/mentorships/{pair.Id}";

        var curatorPage = await Browser(Roles.SchoolCurator).GetStringAsync(page);
        curatorPage.ShouldContain("ещё нет: пару закрепляет приказом руководитель");
        curatorPage.ShouldNotContain("approve-form");

        var director = Browser(Roles.SchoolDirector);
        var html = await director.GetStringAsync(page);
        html.ShouldContain("Закрепить пару приказом руководителя");
        html.ShouldContain("№ 77-од от 20 сентября 2025");
        var token = PageClient.Antiforgery(html);

        var missing = await director.PostAsync($"{page}/approve", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("from", "2025-09-25")]));
        missing.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var form = await missing.Content.ReadAsStringAsync();
        form.ShouldContain("id=\"orderId-error\"");
        form.ShouldContain("is-invalid");

        var approved = await director.PostAsync($"{page}/approve",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("orderId", order.Id.ToString()), new("from", "2025-09-25")]));
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        approved.Headers.GetValues("HX-Redirect").Single().ShouldBe(page);
        var view = await (await s.Curator.GetAsync($"{s.Pairs}/{pair.Id}")).ShouldBeOk<MentorshipView>();
        (view.Status, view.Approval!.Number, view.Approval.From).ShouldBe((MentorshipStatus.Active, "77-од", new DateOnly(2025, 9, 25)));
        (await Browser(Roles.SchoolCurator).GetStringAsync(page)).ShouldContain("Составить программу");

        // The curator cannot approve, even by posting the form.
        var curator = Browser(Roles.SchoolCurator);
        var pair2 = await s.Pair(await s.Mentor("Приказова Вера Львовна"), [await s.Mentee("Приказов Глеб Ильич")]);
        var curatorToken = PageClient.Antiforgery(await curator.GetStringAsync($"/schools/{s.School}/mentorships/{pair2.Id}"));
        var refused = await curator.PostAsync($"/schools/{s.School}/mentorships/{pair2.Id}/approve",
            new FormUrlEncodedContent([new("__RequestVerificationToken", curatorToken), new("orderId", order.Id.ToString())]));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("утвердить пару может только директор");
    }
}
