using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Mentoring.People;
using Platform.Mentoring.Questionnaires;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Mentoring.PeopleTests;

namespace Platform.Tests.Mentoring;

/// <summary>A school keeps questionnaires as versioned templates; answers stay with the version they answered.</summary>
public sealed class QuestionnairesTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private static readonly Guid Sch411 = Guid.Parse("11000000-0000-4000-8000-000000000411");
    private static readonly Guid Elan = Guid.Parse("11000000-0000-4000-8000-000000000063");
    private static readonly DateTimeOffset October2025 = new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private HttpClient Curator(Guid school = default) => api.ClientAs($"school:{(school == default ? Sch411 : school)}");
    private static string Url(string rest = "") => $"/api/schools/{Sch411}/questionnaires{rest}";

    private static object Body(string title = "Анкета наставляемого педагога") => new
    {
        audience = "mentees", title, description = "Профессиональные запросы и затруднения",
        questions = new object[]
        {
            new { text = "Насколько уверенно вы ведёте урок?", kind = "scale" },
            new { text = "Какая форма наставничества вам ближе?", kind = "choice", options = new[] { "Педагог – педагог", "Руководитель – педагог" } },
            new { text = "Какие у вас затруднения?", kind = "text", required = false },
        },
    };

    private async Task<PersonView> Person(string fullName, bool consent = true) =>
        await Created(await Curator().PostAsJsonAsync($"/api/schools/{Sch411}/people",
            new { kind = "teacher", fullName, position = "учитель английского языка", consent = consent ? Consent() : null }));

    [Fact]
    public async Task Questions_are_checked()
    {
        var bad = await Problem(await Curator().PostAsJsonAsync(Url(), new
        {
            audience = "parents", title = "",
            questions = new object[] { new { text = "Выбор", kind = "choice", options = new[] { "один" } }, new { text = "Шкала", kind = "stars" },
                new { text = "Текст", kind = "text", options = new[] { "а", "б" } } },
        }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        errors.GetProperty("audience")[0].GetString()!.ShouldContain("mentors");
        errors.GetProperty("title")[0].GetString()!.ShouldBe("Укажите название анкеты.");
        errors.GetProperty("questions[0].options")[0].GetString()!.ShouldContain("от 2 до 20");
        errors.GetProperty("questions[1].kind")[0].GetString()!.ShouldContain("scale (шкала 1–10)");
        errors.GetProperty("questions[2].options")[0].GetString()!.ShouldContain("только у вопроса с выбором");
        (await Problem(await Curator().PostAsJsonAsync(Url(), new { audience = "all", title = "Пустая" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("questions")[0].GetString()!.ShouldContain("от 1 до 100");
    }

    [Fact]
    public async Task A_change_makes_a_new_version_and_old_answers_keep_theirs()
    {
        api.Clock.AdjustTime(October2025);
        var created = await Curator().PostAsJsonAsync(Url(), Body());
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var v1 = (await created.Content.ReadFromJsonAsync<QuestionnaireView>(HttpAssertions.Json))!;
        v1.Version.ShouldBe(1);
        v1.Questions.Select(q => q.Number).ShouldBe([1, 2, 3]);
        var person = await Person("Белякова Ольга Андреевна");

        var answer = await Curator().PostAsJsonAsync(Url($"/{v1.Id}/answers"), new
        {
            personId = person.Id, answers = new object[] { new { question = 1, value = 6 }, new { question = 2, value = "Педагог – педагог" }, new { question = 3, value = "Дисциплина в 7Б" } },
        });
        answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        var first = (await answer.Content.ReadFromJsonAsync<ResponseView>(HttpAssertions.Json))!;
        first.Version.ShouldBe(1);
        first.Answers[0].Value.GetInt32().ShouldBe(6);

        // Same content: no new version. Changed options: version 2.
        (await (await Curator().PutAsJsonAsync(Url($"/{v1.Id}"), Body())).ShouldBeOk<QuestionnaireView>()).Version.ShouldBe(1);
        var revised = await (await Curator().PutAsJsonAsync(Url($"/{v1.Id}"), new
        {
            title = "Анкета наставляемого педагога",
            questions = new object[]
            {
                new { text = "Насколько уверенно вы ведёте урок?", kind = "scale" },
                new { text = "Какая форма наставничества вам ближе?", kind = "choice", options = new[] { "Педагог – педагог", "Педагог вуза – молодой педагог" } },
            },
        })).ShouldBeOk<QuestionnaireView>();
        revised.Version.ShouldBe(2);
        revised.Versions.ShouldBe([1, 2]);

        var stale = await Curator().PostAsJsonAsync(Url($"/{v1.Id}/answers"), new { personId = person.Id, version = 1, answers = new object[] { new { question = 1, value = 7 } } });
        (await Problem(stale, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("версия 2");
        var second = await Curator().PostAsJsonAsync(Url($"/{v1.Id}/answers"), new
        {
            personId = person.Id, version = 2, answers = new object[] { new { question = 2, value = "Педагог вуза – молодой педагог" }, new { question = 1, value = 8 } },
        });
        second.StatusCode.ShouldBe(HttpStatusCode.Created, await second.Content.ReadAsStringAsync());

        var old = await (await Curator().GetAsync(Url($"/{v1.Id}?version=1"))).ShouldBeOk<QuestionnaireView>();
        old.Questions.Count.ShouldBe(3);
        old.CurrentVersion.ShouldBe(2);
        (await Curator().GetAsync(Url($"/{v1.Id}?version=3"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var answers1 = await (await Curator().GetAsync(Url($"/{v1.Id}/answers?version=1"))).ShouldBeOk<List<ResponseView>>();
        answers1.Single().Answers.Select(a => a.Text).ShouldBe(["Насколько уверенно вы ведёте урок?", "Какая форма наставничества вам ближе?", "Какие у вас затруднения?"]);
        answers1.Single().Answers[2].Value.GetString().ShouldBe("Дисциплина в 7Б");
        var all = await (await Curator().GetAsync(Url($"/{v1.Id}/answers?personId={person.Id}"))).ShouldBeOk<List<ResponseView>>();
        all.Select(r => r.Version).ShouldBe([2, 1], ignoreOrder: true);
        all.Single(r => r.Version == 2).Answers.Select(a => a.Question).ShouldBe([1, 2]);
        all.ShouldAllBe(r => r.FullName == "Белякова Ольга Андреевна");

        var list = await (await Curator().GetAsync(Url())).ShouldBeOk<List<QuestionnaireSummary>>();
        var summary = list.Single(q => q.Id == v1.Id);
        summary.Version.ShouldBe(2);
        summary.Questions.ShouldBe(2);
        summary.Answers.ShouldBe(2);
    }

    [Fact]
    public async Task Answers_are_checked_need_a_consent_and_go_with_its_withdrawal()
    {
        api.Clock.AdjustTime(October2025);
        var q = (await (await Curator().PostAsJsonAsync(Url(), Body("Анкета для проверки ответов"))).Content.ReadFromJsonAsync<QuestionnaireView>(HttpAssertions.Json))!;
        var person = await Person("Фирсова Алла Геннадьевна");

        var bad = await Problem(await Curator().PostAsJsonAsync(Url($"/{q.Id}/answers"), new
        {
            personId = person.Id, answers = new object[] { new { question = 1, value = 11 }, new { question = 2, value = "Ученик – ученик" }, new { question = 9, value = "?" } },
        }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        errors.GetProperty("answers[0]")[0].GetString()!.ShouldContain("от 1 до 10");
        errors.GetProperty("answers[1]")[0].GetString()!.ShouldContain("выберите один из вариантов");
        errors.GetProperty("answers[2]")[0].GetString()!.ShouldContain("от 1 до 3");
        var missing = await Problem(await Curator().PostAsJsonAsync(Url($"/{q.Id}/answers"),
            new { personId = person.Id, answers = new object[] { new { question = 3, value = "только текст" } } }), HttpStatusCode.BadRequest);
        missing.GetProperty("errors").GetProperty("answers")[0].GetString()!.ShouldContain("1. «Насколько уверенно вы ведёте урок?»");

        var noConsent = await Person("Фирсов Олег Иванович", consent: false);
        (await Problem(await Curator().PostAsJsonAsync(Url($"/{q.Id}/answers"),
            new { personId = noConsent.Id, answers = new object[] { new { question = 1, value = 5 }, new { question = 2, value = "Педагог – педагог" } } }), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldStartWith("Нет действующего согласия");

        (await Curator().PostAsJsonAsync(Url($"/{q.Id}/answers"), new
        {
            personId = person.Id, answers = new object[] { new { question = 1, value = 3 }, new { question = 2, value = "Педагог – педагог" }, new { question = 3, value = "Боюсь открытых уроков" } },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.questionnaire_answers WHERE person_id = $1", person.Id)).ShouldBe(1);
        (await Curator().PostAsJsonAsync($"/api/schools/{Sch411}/people/{person.Id}/consents/withdraw", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.questionnaire_answers WHERE person_id = $1", person.Id)).ShouldBe(0);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE data::text LIKE '%Боюсь открытых уроков%'")).ShouldBe(0);
        (await (await Curator().GetAsync(Url($"/{q.Id}/answers"))).ShouldBeOk<List<ResponseView>>()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_school_does_not_see_the_questionnaire_and_the_demo_schools_have_one()
    {
        var q = (await (await Curator().PostAsJsonAsync(Url(), Body("Анкета школы 411"))).Content.ReadFromJsonAsync<QuestionnaireView>(HttpAssertions.Json))!;
        (await Curator(Elan).GetAsync($"/api/schools/{Elan}/questionnaires/{q.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Curator(Elan).GetAsync($"/api/schools/{Elan}/questionnaires/{q.Id}/answers")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var elan = await (await Curator(Elan).GetAsync($"/api/schools/{Elan}/questionnaires")).ShouldBeOk<List<QuestionnaireSummary>>();
        elan.ShouldNotContain(x => x.Id == q.Id);
        elan.ShouldContain(x => x.Title == "Анкета потенциального наставника" && x.Audience == "mentors");
    }
}
