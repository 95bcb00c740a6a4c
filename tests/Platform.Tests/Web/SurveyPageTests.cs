using System.Text.RegularExpressions;
using Platform.EventStore;
using Platform.Tenancy.Access;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Web;

/// <summary>«Мониторинг программы» over HTTP as the browser posts it: a survey refused with the missing items named, then saved and compared.</summary>
public sealed partial class SurveyPageTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");

    [GeneratedRegex("""name="(answers\.[a-z_]+)""")]
    private static partial Regex AnswerField();

    [Fact]
    public async Task A_curator_enters_a_participants_survey_with_every_item_scored_and_sees_it_in_the_comparison()
    {
        var (school, program, mentor) = (await api.Database.OwnerListAsync<string>("""
            SELECT p.tenant_id || ' ' || p.id || ' ' || m.mentor_id FROM mentoring.programs p
              JOIN mentoring.mentorships m ON m.tenant_id = p.tenant_id AND m.id = p.mentorship_id
              JOIN mentoring.people x ON x.tenant_id = m.tenant_id AND x.id = m.mentor_id AND x.has_consent
             WHERE p.status = 'in_progress' AND p.start_on <= current_date
             ORDER BY p.tenant_id = $1 DESC, p.id LIMIT 1
            """, Sosh1)).Single().Split(' ') switch { var a => (Guid.Parse(a[0]), a[1], a[2]) };
        var curator = api.TokenFor(TenantScope.School(school), Roles.SchoolCurator);
        var page = $"/schools/{school}/programs/{program}/monitoring";

        (await api.PageAsync(curator, $"/schools/{school}/programs/{program}")).ShouldContain(page);
        var overview = await api.PageAsync(curator, page);
        overview.ShouldContain("Участники");
        overview.ShouldContain($"person={mentor}&amp;stage=interim");

        var (html, form) = await api.FormAsync(curator, $"{page}?person={mentor}&stage=interim");
        var items = AnswerField().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        items.Count.ShouldBeGreaterThan(5);

        (string, string)[] Answers(IEnumerable<string> answered) =>
            [("personId", mentor), ("stage", "interim"), .. answered.Select(i => (i, "7"))];

        (await api.PostFormAsync(curator, page, form, 422, Answers(items.Skip(1)))).ShouldContain("Нет оценки:");
        (await Saved(program, mentor, items[0])).ShouldBe(0L);

        var saved = await api.Scenario(s =>
        {
            s.AsBrowser(curator);
            s.PostForm(form, Answers(items)).ToUrl(page);
            s.StatusCodeShouldBe(302);
        });
        var after = await api.PageAsync(curator, saved.Context.Response.Headers.Location.ToString());
        after.ShouldContain("Анкета сохранена.");
        after.ShouldContain("среднее 7");
        after.ShouldContain("«Вход» и «выход»: средние оценки");
        (await Saved(program, mentor, items[0])).ShouldBe(1L);
    }

    /// <summary>The mentor's interim answers with the item scored 7 (the demo's own answers, if any, score otherwise or lack the item).</summary>
    private Task<long> Saved(string program, string mentor, string item) => api.Database.OwnerScalarAsync<long>(
        "SELECT count(*) FROM mentoring.monitoring_answers WHERE program_id = $1::uuid AND person_id = $2::uuid AND stage = 'interim' AND answers->>$3 = '7'",
        program, mentor, item["answers.".Length..]);
}
