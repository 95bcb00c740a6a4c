using System.Text.RegularExpressions;
using Platform.EventStore;
using Platform.Identity.Accounts;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>
/// A mentor fills their own entry survey from «Моё наставничество»: a refusal keeps the typed scores and stores nothing, the saved answers
/// reach the curator's «Мониторинг программы»; a program the mentor is not in is refused, and a forged respondent in the form is ignored.
/// </summary>
public sealed partial class MySurveyPageTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [GeneratedRegex("""name="(answers\.[a-z_]+)""")]
    private static partial Regex AnswerField();

    [Fact]
    public async Task A_mentor_fills_their_own_entry_survey_and_the_curator_sees_it()
    {
        // A program started, whose mentor has consented and (preferably) has not answered the entry survey; another program of the school without them.
        var (school, program, mentor, other, stranger) = (await api.Database.OwnerListAsync<string>("""
            SELECT p.tenant_id || ' ' || p.id || ' ' || m.mentor_id || ' ' || o.id || ' ' || om.mentor_id
              FROM mentoring.programs p
              JOIN mentoring.mentorships m ON m.tenant_id = p.tenant_id AND m.id = p.mentorship_id
              JOIN mentoring.people x ON x.tenant_id = m.tenant_id AND x.id = m.mentor_id AND x.has_consent
              JOIN mentoring.programs o ON o.tenant_id = p.tenant_id
              JOIN mentoring.mentorships om ON om.tenant_id = o.tenant_id AND om.id = o.mentorship_id
                   AND om.mentor_id <> m.mentor_id AND NOT m.mentor_id = ANY (om.mentee_ids)
             WHERE p.status = 'in_progress' AND p.start_on <= current_date
             ORDER BY p.tenant_id = $1 DESC,
                      EXISTS (SELECT 1 FROM mentoring.monitoring_answers a WHERE a.program_id = p.id AND a.person_id = m.mentor_id AND a.stage = 'interim'),
                      p.id, o.id
             LIMIT 1
            """, Sosh1)).Single().Split(' ') switch { var a => (Guid.Parse(a[0]), a[1], a[2], a[3], a[4]) };
        var curator = api.TokenFor(TenantScope.School(school), Roles.SchoolCurator);
        await api.Scenario(s =>
        {
            s.WithBearerToken(curator);
            s.Put.Json(new { email = "survey.mentor@school.example" }).ToUrl($"/api/schools/{school}/people/{mentor}/details");
            s.StatusCodeShouldBe(200);
        });
        var account = await AccountCommands.CreateAsync(api.Services, "survey.mentor", "Наставник Анкеты", Roles.Mentor, TenantScope.School(school),
            "Nastavnik-2026", "test");
        await api.Database.OwnerExecuteAsync(
            "UPDATE identity.users SET email = 'survey.mentor@school.example', normalized_email = 'SURVEY.MENTOR@SCHOOL.EXAMPLE' WHERE id = $1", account.Id);
        var token = api.TokenFor(account.Id, "survey.mentor", [Roles.Mentor], TenantScope.School(school));
        var page = $"/schools/{school}/me/programs/{program}/survey";

        var me = await api.PageAsync(token, $"/schools/{school}/me");
        me.ShouldContain("Заполнить анкету");
        me.ShouldContain($"{page}?stage=");
        me.ShouldNotContain("ответы вносит куратор");

        var (html, form) = await api.FormAsync(token, $"{page}?stage=interim");
        html.ShouldContain("Моё наставничество");
        html.ShouldContain("(наставник)");
        html.ShouldNotContain("только чтение"); // their own survey is theirs to fill
        var items = AnswerField().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        items.Count.ShouldBeGreaterThan(5);

        (string, string)[] Answers(IEnumerable<string> answered, string score = "7", string? personId = null) =>
            [("personId", personId ?? mentor), ("stage", "interim"), .. answered.Select(i => (i, score))];

        var refused = await api.PostFormAsync(token, page, form, 422, Answers(items.Skip(1), "8"));
        refused.ShouldContain("Нет оценки:");
        refused.ShouldContain("""<option value="8" selected""");
        (await Saved(program, mentor)).ShouldBe(0L);

        // A program the mentor is not in: neither its page nor a post reaches it.
        (await api.PageAsync(token, $"/schools/{school}/me/programs/{other}/survey?stage=interim", 404)).ShouldContain("заполняется не вами");
        (await api.PostFormAsync(token, $"/schools/{school}/me/programs/{other}/survey", form, 404, Answers(items))).ShouldContain("Анкета не найдена");
        (await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM mentoring.monitoring_answers WHERE program_id = $1::uuid AND person_id = $2::uuid", other, mentor)).ShouldBe(0L);
        await api.PageAsync(token, $"{page}?stage=someday", 404);

        var saved = await api.Scenario(s =>
        {
            s.AsBrowser(token);
            s.PostForm(form, Answers(items, personId: stranger)).ToUrl(page); // a forged respondent: the answers are the account's own
            s.StatusCodeShouldBe(302);
        });
        var location = saved.Context.Response.Headers.Location.ToString();
        location.ShouldBe($"{page}?stage=interim&saved=1");
        (await api.PageAsync(token, location)).ShouldContain("Анкета сохранена.");
        (await Saved(program, mentor)).ShouldBe(1L);
        (await api.Database.OwnerScalarAsync<long>(
            "SELECT count(*) FROM mentoring.monitoring_answers WHERE program_id = $1::uuid AND person_id = $2::uuid", program, stranger)).ShouldBe(0L);

        // An account that is no participant is refused.
        var unlinked = api.TokenFor(TenantScope.School(school), Roles.Mentee);
        (await api.PageAsync(unlinked, $"{page}?stage=interim", 404)).ShouldContain("не связана с участником");

        var monitoring = await api.PageAsync(curator, $"/schools/{school}/programs/{program}/monitoring");
        monitoring.ShouldContain("среднее 7");
    }

    /// <summary>The mentor's interim answers scored 7 throughout.</summary>
    private Task<long> Saved(string program, string mentor) => api.Database.OwnerScalarAsync<long>("""
        SELECT count(*) FROM mentoring.monitoring_answers
         WHERE program_id = $1::uuid AND person_id = $2::uuid AND stage = 'interim'
           AND NOT EXISTS (SELECT 1 FROM jsonb_each_text(answers) v WHERE v.value <> '7')
        """, program, mentor);
}
