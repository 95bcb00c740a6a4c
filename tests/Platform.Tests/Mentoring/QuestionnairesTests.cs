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

    private static string Url(string rest = "") => $"/api/schools/{Sch411}/questionnaires{rest}";

    /// <summary>One request of the school's curator (№ 411 unless another school is given); the answer must have this status.</summary>
    private Task<IScenarioResult> Send(Action<Scenario> request, int status = 200, Guid school = default) => api.Scenario(s =>
    {
        s.WithBearerToken(api.TokenAs($"school:{(school == default ? Sch411 : school)}"));
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> Post(string url, object body, int status) => Send(s => s.Post.Json(body).ToUrl(url), status);

    private Task<T> Get<T>(string url, Guid school = default) => Send(s => s.Get.Url(url), school: school).Json<T>();

    private Task<QuestionnaireView> Create(object body) => Post(Url(), body, 201).Json<QuestionnaireView>();

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

    private Task<PersonView> Person(string fullName, bool consent = true) =>
        Post($"/api/schools/{Sch411}/people", new { kind = "teacher", fullName, position = "учитель английского языка", consent = consent ? Consent() : null }, 201)
            .Json<PersonView>();

    [Fact]
    public async Task Questions_are_checked()
    {
        var bad = await Post(Url(), new
        {
            audience = "parents", title = "",
            questions = new object[] { new { text = "Выбор", kind = "choice", options = new[] { "один" } }, new { text = "Шкала", kind = "stars" },
                new { text = "Текст", kind = "text", options = new[] { "а", "б" } } },
        }, 400).Json();
        var errors = bad.GetProperty("errors");
        errors.GetProperty("audience")[0].GetString()!.ShouldContain("mentors");
        errors.GetProperty("title")[0].GetString()!.ShouldBe("Укажите название анкеты.");
        errors.GetProperty("questions[0].options")[0].GetString()!.ShouldContain("от 2 до 20");
        errors.GetProperty("questions[1].kind")[0].GetString()!.ShouldContain("scale (шкала 1–10)");
        errors.GetProperty("questions[2].options")[0].GetString()!.ShouldContain("только у вопроса с выбором");
        (await Post(Url(), new { audience = "all", title = "Пустая" }, 400).Json())
            .GetProperty("errors").GetProperty("questions")[0].GetString()!.ShouldContain("от 1 до 100");
    }

    [Fact]
    public async Task A_change_makes_a_new_version_and_old_answers_keep_theirs()
    {
        api.Clock.AdjustTime(October2025);
        var v1 = await Create(Body());
        v1.Version.ShouldBe(1);
        v1.Questions.Select(q => q.Number).ShouldBe([1, 2, 3]);
        var person = await Person("Белякова Ольга Андреевна");

        var first = await Post(Url($"/{v1.Id}/answers"), new
        {
            personId = person.Id, answers = new object[] { new { question = 1, value = 6 }, new { question = 2, value = "Педагог – педагог" }, new { question = 3, value = "Дисциплина в 7Б" } },
        }, 201).Json<ResponseView>();
        first.Version.ShouldBe(1);
        first.Answers[0].Value.GetInt32().ShouldBe(6);

        // Same content: no new version. Changed options: version 2.
        (await Send(s => s.Put.Json(Body()).ToUrl(Url($"/{v1.Id}"))).Json<QuestionnaireView>()).Version.ShouldBe(1);
        var revised = await Send(s => s.Put.Json(new
        {
            title = "Анкета наставляемого педагога",
            questions = new object[]
            {
                new { text = "Насколько уверенно вы ведёте урок?", kind = "scale" },
                new { text = "Какая форма наставничества вам ближе?", kind = "choice", options = new[] { "Педагог – педагог", "Педагог вуза – молодой педагог" } },
            },
        }).ToUrl(Url($"/{v1.Id}"))).Json<QuestionnaireView>();
        revised.Version.ShouldBe(2);
        revised.Versions.ShouldBe([1, 2]);

        var stale = await Post(Url($"/{v1.Id}/answers"), new { personId = person.Id, version = 1, answers = new object[] { new { question = 1, value = 7 } } }, 409).Json();
        stale.GetProperty("detail").GetString()!.ShouldContain("версия 2");
        await Post(Url($"/{v1.Id}/answers"), new
        {
            personId = person.Id, version = 2, answers = new object[] { new { question = 2, value = "Педагог вуза – молодой педагог" }, new { question = 1, value = 8 } },
        }, 201);

        var old = await Get<QuestionnaireView>(Url($"/{v1.Id}?version=1"));
        old.Questions.Count.ShouldBe(3);
        old.CurrentVersion.ShouldBe(2);
        await Send(s => s.Get.Url(Url($"/{v1.Id}?version=3")), 404);
        var answers1 = await Get<List<ResponseView>>(Url($"/{v1.Id}/answers?version=1"));
        answers1.Single().Answers.Select(a => a.Text).ShouldBe(["Насколько уверенно вы ведёте урок?", "Какая форма наставничества вам ближе?", "Какие у вас затруднения?"]);
        answers1.Single().Answers[2].Value.GetString().ShouldBe("Дисциплина в 7Б");
        var all = await Get<List<ResponseView>>(Url($"/{v1.Id}/answers?personId={person.Id}"));
        all.Select(r => r.Version).ShouldBe([2, 1], ignoreOrder: true);
        all.Single(r => r.Version == 2).Answers.Select(a => a.Question).ShouldBe([1, 2]);
        all.ShouldAllBe(r => r.FullName == "Белякова Ольга Андреевна");

        var list = await Get<List<QuestionnaireSummary>>(Url());
        var summary = list.Single(q => q.Id == v1.Id);
        summary.Version.ShouldBe(2);
        summary.Questions.ShouldBe(2);
        summary.Answers.ShouldBe(2);
    }

    [Fact]
    public async Task Answers_are_checked_need_a_consent_and_go_with_its_withdrawal()
    {
        api.Clock.AdjustTime(October2025);
        var q = await Create(Body("Анкета для проверки ответов"));
        var person = await Person("Фирсова Алла Геннадьевна");

        var bad = await Post(Url($"/{q.Id}/answers"), new
        {
            personId = person.Id, answers = new object[] { new { question = 1, value = 11 }, new { question = 2, value = "Ученик – ученик" }, new { question = 9, value = "?" } },
        }, 400).Json();
        var errors = bad.GetProperty("errors");
        errors.GetProperty("answers[0]")[0].GetString()!.ShouldContain("от 1 до 10");
        errors.GetProperty("answers[1]")[0].GetString()!.ShouldContain("выберите один из вариантов");
        errors.GetProperty("answers[2]")[0].GetString()!.ShouldContain("от 1 до 3");
        var missing = await Post(Url($"/{q.Id}/answers"),
            new { personId = person.Id, answers = new object[] { new { question = 3, value = "только текст" } } }, 400).Json();
        missing.GetProperty("errors").GetProperty("answers")[0].GetString()!.ShouldContain("1. «Насколько уверенно вы ведёте урок?»");

        var noConsent = await Person("Фирсов Олег Иванович", consent: false);
        (await Post(Url($"/{q.Id}/answers"),
            new { personId = noConsent.Id, answers = new object[] { new { question = 1, value = 5 }, new { question = 2, value = "Педагог – педагог" } } }, 409).Json())
            .GetProperty("detail").GetString()!.ShouldStartWith("Нет действующего согласия");

        await Post(Url($"/{q.Id}/answers"), new
        {
            personId = person.Id, answers = new object[] { new { question = 1, value = 3 }, new { question = 2, value = "Педагог – педагог" }, new { question = 3, value = "Боюсь открытых уроков" } },
        }, 201);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.questionnaire_answers WHERE person_id = $1", person.Id)).ShouldBe(1);
        await Post($"/api/schools/{Sch411}/people/{person.Id}/consents/withdraw", new { }, 200);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.questionnaire_answers WHERE person_id = $1", person.Id)).ShouldBe(0);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE data::text LIKE '%Боюсь открытых уроков%'")).ShouldBe(0);
        (await Get<List<ResponseView>>(Url($"/{q.Id}/answers"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_school_does_not_see_the_questionnaire_and_the_demo_schools_have_one()
    {
        var q = await Create(Body("Анкета школы 411"));
        await Send(s => s.Get.Url($"/api/schools/{Elan}/questionnaires/{q.Id}"), 404, Elan);
        await Send(s => s.Get.Url($"/api/schools/{Elan}/questionnaires/{q.Id}/answers"), 404, Elan);
        var elan = await Get<List<QuestionnaireSummary>>($"/api/schools/{Elan}/questionnaires", Elan);
        elan.ShouldNotContain(x => x.Id == q.Id);
        elan.ShouldContain(x => x.Title == "Анкета потенциального наставника" && x.Audience == "mentors");
    }
}
