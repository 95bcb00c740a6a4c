using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>The two pools from their pages: join with a profile, refusals next to the fields, suggestions with the score explained, leaving.</summary>
public sealed class PoolPagesTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    private async Task<string> Person(string token, object body) => (await api.Scenario(s =>
    {
        s.WithBearerToken(token);
        s.Post.Json(body).ToUrl($"/api/schools/{Sosh1}/people");
        s.StatusCodeShouldBe(201);
    }).Json()).GetProperty("id").GetString()!;

    [Fact]
    public async Task A_mentor_and_a_mentee_join_the_pools_and_the_suggestion_explains_its_score()
    {
        var browser = api.TokenFor(TenantScope.School(Sosh1), Roles.SchoolCurator);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        var consent = new { signedBy = "self", givenOn = today, scope = "участие в программе наставничества" };
        var mentor = await Person(browser, new { kind = "teacher", fullName = "Банкова Нина Сергеевна", position = "учитель физики", consent });
        var mentee = await Person(browser, new { kind = "teacher", fullName = "Банков Пётр Ильич", position = "учитель физики", consent });
        var outsider = await Person(browser, new { kind = "teacher", fullName = "Безсогласова Ольга Петровна", position = "учитель" });

        var mentors = $"/schools/{Sosh1}/pools/mentors";
        var (html, form) = await api.FormAsync(browser, $"{mentors}?personId={mentor}");
        html.ShouldContain($"<option value=\"{mentor}\" selected");
        html.ShouldNotContain(outsider); // no consent: not offered

        html = await api.PostFormAsync(browser, mentors, form, 422, ("personId", mentor), ("subjects", "Физика"), ("capacity", "много"),
            ("availability", "по вторникам"));
        html.ShouldContain("id=\"join-capacity-error\"");
        html.ShouldContain("Укажите целое число");
        html.ShouldContain("по вторникам");
        html = await api.PostFormAsync(browser, mentors, form, 422, ("personId", mentor), ("subjects", "Физика"), ("capacity", "2"));
        html.ShouldContain("id=\"join-competencies-error\"");
        html.ShouldContain("id=\"join-preferredForms-error\"");
        (await api.Database.OwnerScalarAsync<bool>("SELECT in_mentor_pool FROM mentoring.people WHERE id = $1::uuid", mentor)).ShouldBeFalse();
        html = await api.PostFormAsync(browser, mentors, form, 409, ("personId", outsider), ("competencies", "уроки"), ("capacity", "1"),
            ("preferredForms", "teacher_teacher"));
        html.ShouldContain("Нет действующего согласия");

        var location = await api.PostRedirectAsync(browser, mentors, form, ("personId", mentor),
            ("competencies", "подготовка лабораторных работ\nцифровые образовательные ресурсы"), ("subjects", "Физика\nастрономия"), ("capacity", "2"),
            ("preferredForms", "teacher_teacher"), ("preferredForms", "teacher_student"));
        location.ShouldBe($"{mentors}/{mentor}?joined=1");
        html = await api.PageAsync(browser, location);
        html.ShouldContain("Участник включён в банк наставников.");
        html.ShouldContain("Педагог – педагог, Учитель – ученик");

        var mentees = $"/schools/{Sosh1}/pools/mentees";
        location = await api.PostRedirectAsync(browser, mentees, form, ("personId", mentee), ("requests", "использование цифровых ресурсов"),
            ("difficulties", "лабораторные работы по физике"), ("subjects", "физика"), ("desiredForm", "teacher_teacher"));
        location.ShouldBe($"{mentees}/{mentee}?joined=1");
        html = await api.PageAsync(browser, location);
        html.ShouldContain("Подходящие наставники");
        var card = html[html.IndexOf("aria-label=\"Банкова Нина Сергеевна\"", StringComparison.Ordinal)..];
        card = card[..card.IndexOf("</article>", StringComparison.Ordinal)];
        card.ShouldContain("Общие предметы");
        card.ShouldContain("3 балла за каждый предмет, общий у наставника и наставляемого");
        card.ShouldContain("Физика");
        card.ShouldContain("Желаемая форма наставничества");
        card.ShouldContain("Педагог – педагог");
        card.ShouldContain("2 из 2");
        // 3 (subject) + 2 × words (лабораторных, цифровые, образовательные? — what met) + 2 (form) + 1 (place): the total is the sum of the parts.
        var parts = System.Text.RegularExpressions.Regex.Matches(card, "<td class=\"text-end\">(\\d+)</td>").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        parts.Count.ShouldBe(4);
        card.ShouldContain($"{parts.Sum()} балл");
        parts.Sum().ShouldBeGreaterThanOrEqualTo(3 + 2 + 2 + 1);
        card.ShouldContain($"/mentorships?mentorId={mentor}&amp;menteeId={mentee}");

        (await api.PageAsync(browser, $"{mentees}/without-mentor")).ShouldContain("Банков Пётр Ильич");

        // The profile changed, then leaving without a reason is refused next to it, with a reason done.
        (_, form) = await api.FormAsync(browser, $"{mentees}/{mentee}");
        html = await api.PostFormAsync(browser, $"{mentees}/{mentee}", form, 422, ("requests", ""), ("difficulties", ""), ("subjects", "физика"));
        html.ShouldContain("id=\"change-requests-error\"");
        html = await api.PostFormAsync(browser, $"{mentees}/{mentee}", form, 200, ("requests", "олимпиадная физика"), ("desiredForm", "other"));
        html.ShouldContain("Анкета наставляемого сохранена.");
        html.ShouldContain("олимпиадная физика");
        html = await api.PostFormAsync(browser, $"{mentees}/{mentee}/leave", form, 422, ("reason", " "));
        html.ShouldContain("id=\"reason-error\"");
        location = await api.PostRedirectAsync(browser, $"{mentees}/{mentee}/leave", form, ("reason", "перевёлся в другую школу"));
        location.ShouldBe($"{mentees}?left=1");
        (await api.Database.OwnerScalarAsync<bool>("SELECT in_mentee_pool FROM mentoring.people WHERE id = $1::uuid", mentee)).ShouldBeFalse();
        (await api.PageAsync(browser, $"{mentees}/{mentee}", 404)).ShouldContain("Участника нет в банке наставляемых.");
    }
}
