using System.Net;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Tenancy.Access;
using Platform.Tenancy.Demo;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>A school curator registers people, collects consents (a guardian's for a minor), keeps details only under a consent.</summary>
public sealed class PeopleTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    private static readonly Guid Gym166 = Guid.Parse("11000000-0000-4000-8000-000000000166");
    private static readonly DateTimeOffset October2025 = new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private MentoringScenario S => new(api, Sosh1);
    private MentoringScenario Gym => new(api, Gym166);

    internal static object Consent(string? guardian = null, string givenOn = "2025-09-15") => new
    {
        signedBy = guardian is null ? "self" : "guardian", guardianName = guardian, givenOn,
        scope = "участие в программе наставничества; ФИО, класс, контакты", documentNumber = "С-2025/001",
    };

    /// <summary>Registers a person at Sosh1 as its curator (or with the token given).</summary>
    private Task<PersonView> Register(object body, string? token = null) => S.Post(S.People, body, 201, token).Json<PersonView>();

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task Registration_is_checked_field_by_field_in_Russian()
    {
        api.Clock.AdjustTime(October2025);
        var student = await S.Post(S.People, new { kind = "student", fullName = "Петров", position = "седьмой" }, 400).Json();
        Error(student, "fullName").ShouldContain("фамилию и имя");
        Error(student, "position").ShouldContain("класс ученика");
        Error(student, "birthYear").ShouldContain("кто подписывает согласие");

        var teacher = await S.Post(S.People, new { kind = "teacher", fullName = "Орлова Ирина Павловна", birthYear = 1990, externalRole = "parent" }, 400).Json();
        Error(teacher, "position").ShouldContain("должность");
        Error(teacher, "birthYear").ShouldContain("Год рождения педагога");
        Error(teacher, "externalRole").ShouldContain("только для внешнего участника");

        var unknown = await S.Post(S.People, new { kind = "janitor", fullName = "Орлов Игорь" }, 400).Json();
        Error(unknown, "kind").ShouldContain("teacher (педагог)");
        var external = await S.Post(S.People, new { kind = "external", fullName = "Орлов Игорь" }, 400).Json();
        Error(external, "externalRole").ShouldContain("veteran_teacher");

        var details = await S.Post(S.People, new
        {
            kind = "student", fullName = "Ёлкин Степан Олегович", position = "7 б", birthYear = 2012, consent = Consent("Ёлкина Анна Игоревна"),
            details = new { yearsOfService = 3, categories = new[] { "young_specialist", "flying" }, email = "not-an-email", phone = "12345" },
        }, 400).Json();
        Error(details, "details.yearsOfService").ShouldContain("стаж");
        Error(details, "details.categories[0]").ShouldContain("относится к педагогам");
        Error(details, "details.categories[1]").ShouldContain("Неизвестная категория");
        Error(details, "details.email").ShouldContain("электронной почты");
        Error(details, "details.phone").ShouldContain("+7");

        var ok = await Register(new { kind = "student", fullName = "  Ёлкин   Степан Олегович ", position = "7 б", birthYear = 2012 });
        ok.FullName.ShouldBe("Ёлкин Степан Олегович");
        ok.Position.ShouldBe("7Б");
        ok.IsMinor.ShouldBeTrue();
        ok.HasValidConsent.ShouldBeFalse();
        ok.KindName.ShouldBe("Обучающийся");
    }

    [Fact]
    public async Task A_minor_needs_a_legal_guardian_to_sign_and_an_adult_signs_alone()
    {
        api.Clock.AdjustTime(October2025);
        var minor = await Register(new { kind = "student", fullName = "Шмелёва Алиса Сергеевна", position = "9А", birthYear = 2010 });
        var url = $"{S.People}/{minor.Id}/consents";

        var self = await S.Post(url, Consent(), 400).Json();
        Error(self, "guardianName").ShouldContain("в 2025 году меньше 18 лет: согласие даёт законный представитель");
        var noName = await S.Post(url, new { signedBy = "guardian", givenOn = "2025-09-15", scope = "участие" }, 400).Json();
        Error(noName, "guardianName").ShouldContain("законный представитель");
        var future = await S.Post(url, Consent("Шмелёва Ольга Ивановна", "2025-12-01"), 400).Json();
        Error(future, "givenOn").ShouldContain("не позже сегодняшнего дня");

        var signed = await S.Post(url, Consent("Шмелёва Ольга Ивановна")).Json<PersonView>();
        signed.HasValidConsent.ShouldBeTrue();
        signed.Consent!.SignedBy.ShouldBe("guardian");
        signed.Consent.SignedByName.ShouldBe("Законный представитель");
        signed.Consent.GuardianName.ShouldBe("Шмелёва Ольга Ивановна");
        signed.Consent.Scope.ShouldBe("участие в программе наставничества; ФИО, класс, контакты");

        // 18 in the consent's year: signs alone.
        var adult = await Register(new { kind = "student", fullName = "Ракитин Глеб Андреевич", position = "11Б", birthYear = 2007, consent = Consent() });
        adult.HasValidConsent.ShouldBeTrue();
        adult.IsMinor.ShouldBeFalse();
        // … and a birth year that would have made him a minor then is refused while his own consent stands.
        (await MentoringScenario.Detail(S.Patch($"{S.People}/{adult.Id}", new { birthYear = 2008 }, 409))).ShouldContain("законный представитель");
    }

    [Fact]
    public async Task Without_a_consent_only_what_is_needed_to_ask_for_it_is_kept()
    {
        api.Clock.AdjustTime(October2025);
        var refused = await MentoringScenario.Detail(S.Post(S.People, new
        {
            kind = "teacher", fullName = "Кожевникова Вера Николаевна", position = "учитель математики",
            details = new { subjects = new[] { "математика" }, phone = "+7 912 000-11-22" },
        }, 409));
        refused.ShouldStartWith("Нет действующего согласия на обработку персональных данных");

        var person = await Register(new { kind = "teacher", fullName = "Кожевникова Вера Николаевна", position = "учитель математики" });
        person.Details.ShouldBeNull();
        person.DetailsNote!.ShouldContain("Нет действующего согласия");
        (await MentoringScenario.Detail(S.Put($"{S.People}/{person.Id}/details", new { subjects = new[] { "математика" } }, 409)))
            .ShouldStartWith("Нет действующего согласия");
        await S.Post("/api/schools/" + Sosh1 + "/mentor-pool",
            new { personId = person.Id, competencies = new[] { "методика" }, capacity = 1, preferredForms = new[] { "teacher_teacher" } }, 409);

        await S.Post($"{S.People}/{person.Id}/consents", Consent());
        var withDetails = await S.Put($"{S.People}/{person.Id}/details",
            new { subjects = new[] { "математика", "Математика", " информатика " }, yearsOfService = 1, qualificationCategory = "none",
                  categories = new[] { "young_specialist" }, email = "V.Kozhevnikova@sosh1.example", phone = "8 (912) 000-11-22" }).Json<PersonView>();
        withDetails.Details!.Subjects.ShouldBe(["математика", "информатика"]);
        withDetails.Details.Phone.ShouldBe("+79120001122");
        withDetails.Details.Email.ShouldBe("v.kozhevnikova@sosh1.example");
        withDetails.Details.CategoryNames.ShouldBe(["Молодой специалист"]);
        withDetails.Details.QualificationCategoryName.ShouldBe("Без категории");

        var history = await S.Get($"{S.People}/{person.Id}/history").Json();
        var changed = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "person_details_changed");
        changed.GetProperty("data").GetProperty("fields").EnumerateArray().Select(f => f.GetString())
            .ShouldBe(["subjects", "yearsOfService", "qualificationCategory", "categories", "email", "phone"]);
        history.ToString().ShouldNotContain("9120001122");
    }

    [Fact]
    public async Task Withdrawing_the_consent_erases_the_details_the_pool_profile_and_leaves_no_value_in_the_events()
    {
        api.Clock.AdjustTime(October2025);
        var person = await Register(new
        {
            kind = "teacher", fullName = "Стрельникова Дарья Викторовна", position = "учитель химии и биологии", consent = Consent(),
            details = new { subjects = new[] { "химия" }, yearsOfService = 22, qualificationCategory = "highest", email = "d.strelnikova@sosh1.example", phone = "+7 (922) 555-01-77" },
        });
        person.Details!.Phone.ShouldBe("+79225550177");
        await S.Post($"/api/schools/{Sosh1}/mentor-pool", new
        {
            personId = person.Id, competencies = new[] { "лабораторный практикум по химии" }, subjects = new[] { "химия" }, capacity = 2,
            preferredForms = new[] { "teacher_teacher" },
        }, 201);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.person_details WHERE person_id = $1", person.Id)).ShouldBe(1);

        var tooEarly = await S.Post($"{S.People}/{person.Id}/consents/withdraw", new { withdrawnOn = "2025-09-01" }, 400).Json();
        tooEarly.GetProperty("errors").TryGetProperty("withdrawnOn", out _).ShouldBeTrue();
        var withdrawn = await S.Post($"{S.People}/{person.Id}/consents/withdraw",
            new { withdrawnOn = "2025-09-30", documentNumber = "Заявление № 12" }).Json<PersonView>();
        withdrawn.HasValidConsent.ShouldBeFalse();
        withdrawn.Consent!.WithdrawnOn.ShouldBe(new DateOnly(2025, 9, 30));
        withdrawn.Details.ShouldBeNull();
        withdrawn.InMentorPool.ShouldBeFalse();
        withdrawn.FullName.ShouldBe("данные удалены");
        withdrawn.ErasedOn.ShouldBe(new DateOnly(2025, 9, 30));

        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.person_details WHERE person_id = $1", person.Id)).ShouldBe(0);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.mentor_profiles WHERE person_id = $1", person.Id)).ShouldBe(0);
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE stream_id = $1", person.Id)).ShouldBeGreaterThan(4);
        foreach (var value in new[] { "5550177", "d.strelnikova@sosh1.example", "лабораторный практикум", "Стрельникова", "химии и биологии", "Заявление № 12" })
            (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE data::text LIKE $1", $"%{value}%")).ShouldBe(0, value);
        var types = await api.Database.OwnerListAsync<string>("SELECT type FROM es.mt_events WHERE stream_id = $1 ORDER BY version", person.Id);
        types.ShouldBe(["person_registered", "consent_given", "person_details_changed", "joined_mentor_pool", "mentor_profile_changed",
            "consent_withdrawn", "left_mentor_pool", "personal_data_erased"]);

        await S.Post($"{S.People}/{person.Id}/consents/withdraw", new { }, 409);
        await S.Put($"{S.People}/{person.Id}/details", new { email = "x@y.example" }, 409);
        await S.Post($"{S.People}/{person.Id}/consents", Consent(), 409);
        var list = await S.Get<Page<PersonRow>>($"{S.People}?search=данные удалены&kind=teacher");
        list.Items.Single(r => r.Id == person.Id).HasValidConsent.ShouldBeFalse();
        list.Items.Single(r => r.Id == person.Id).ConsentWithdrawnOn.ShouldBe(new DateOnly(2025, 9, 30));
    }

    [Fact]
    public async Task History_and_asOf_show_what_the_stream_keeps_and_edits_check_the_version()
    {
        api.Clock.AdjustTime(October2025);
        var person = await Register(new
        {
            kind = "student", fullName = "Зимин Матвей Юрьевич", position = "5А", birthYear = 2014,
            consent = Consent("Зимина Надежда Петровна"), details = new { categories = new[] { "gifted" }, subjects = new[] { "математика" } },
        });
        var before = api.Clock.GetUtcNow();
        api.Clock.AdjustTime(October2025.AddDays(30));
        await api.Scenario(x =>
        {
            x.WithBearerToken(S.CuratorToken);
            x.Patch.Json(new { position = "6А" }).ToUrl($"{S.People}/{person.Id}");
            x.WithRequestHeader("If-Match", "\"1\"");
            x.StatusCodeShouldBe(409);
        });
        var moved = await S.Patch($"{S.People}/{person.Id}", new { position = "6 «а» класс" }).Json<PersonView>();
        moved.Position.ShouldBe("6А");
        moved.Details!.Categories.ShouldBe(["gifted"]);

        var past = await S.Get<PersonView>($"{S.People}/{person.Id}?asOf={Uri.EscapeDataString(before.AddMinutes(1).ToString("O"))}");
        past.Position.ShouldBe("5А");
        past.HasValidConsent.ShouldBeTrue();
        past.Details.ShouldBeNull();
        past.DetailsNote!.ShouldContain("не хранятся в истории");

        var history = (await S.Get($"{S.People}/{person.Id}/history").Json()).EnumerateArray().ToList();
        history.Select(e => e.GetProperty("type").GetString()).ShouldBe(["person_registered", "consent_given", "person_details_changed", "person_changed"]);
        history[^1].GetProperty("userName").GetString().ShouldBe("test.schoolcurator");
        history[1].GetProperty("data").GetProperty("guardianName").GetString().ShouldBe("Зимина Надежда Петровна"); // the consent is the school's evidence
    }

    [Fact]
    public async Task The_list_filters_by_kind_category_class_consent_and_pool_and_sorts()
    {
        api.Clock.AdjustTime(October2025);
        var director = S.DirectorToken;
        var a = await Register(new
        {
            kind = "student", fullName = "Вокуев Артём Игоревич", position = "8Б", birthYear = 2011,
            consent = Consent("Вокуева Елена Олеговна"), details = new { categories = new[] { "low_results" } },
        }, director);
        var b = await Register(new { kind = "student", fullName = "Вокуев Лев Павлович", position = "8б", birthYear = 2011 }, director);
        var c = await Register(new
        {
            kind = "external", externalRole = "alumnus", fullName = "Вокуев Роман Ильич", position = "студент инженерного вуза", birthYear = 2004, consent = Consent(),
        }, director);
        await S.Post($"/api/schools/{Sosh1}/mentor-pool",
            new { personId = c.Id, competencies = new[] { "подготовка к ЕГЭ по физике" }, capacity = 2, preferredForms = new[] { "university_student_student" } },
            201, director);

        async Task<List<string>> Names(string query) =>
            (await S.Get<Page<PersonRow>>($"{S.People}?search=Вокуев&{query}")).Items.Select(p => p.FullName).ToList();
        (await Names("sort=name")).ShouldBe(["Вокуев Артём Игоревич", "Вокуев Лев Павлович", "Вокуев Роман Ильич"]);
        (await Names("sort=-name")).ShouldBe(["Вокуев Роман Ильич", "Вокуев Лев Павлович", "Вокуев Артём Игоревич"]);
        (await Names("kind=student&class=8 б")).ShouldBe(["Вокуев Артём Игоревич", "Вокуев Лев Павлович"]);
        (await Names("category=low_results")).ShouldBe(["Вокуев Артём Игоревич"]);
        (await Names("hasConsent=false")).ShouldBe(["Вокуев Лев Павлович"]);
        (await Names("inPool=mentor")).ShouldBe(["Вокуев Роман Ильич"]);
        (await Names("inPool=none")).ShouldBe(["Вокуев Артём Игоревич", "Вокуев Лев Павлович"]);
        var page = await S.Get<Page<PersonRow>>($"{S.People}?search=Вокуев&pageSize=2&page=2&sort=-name");
        page.Total.ShouldBe(3);
        page.Items.Single().Id.ShouldBe(a.Id);
        var row = page.Items.Single();
        row.IsMinor.ShouldBeTrue();
        row.ConsentSignedBy.ShouldBe("guardian");
        row.Categories.ShouldBe(["low_results"]);

        var bad = await S.Get($"{S.People}?kind=janitor&category=x&inPool=maybe&sort=age", 400).Json();
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["kind", "category", "inPool", "sort"], ignoreOrder: true);
        b.Id.ShouldNotBe(a.Id);
    }

    [Fact]
    public async Task Another_school_cannot_see_a_person_and_a_mentor_account_cannot_read_the_list()
    {
        api.Clock.AdjustTime(October2025);
        var person = await Register(new { kind = "teacher", fullName = "Пыстина Ксения Андреевна", position = "учитель музыки", consent = Consent() });
        await Gym.Get($"{Gym.People}/{person.Id}", 404);
        await Gym.Get($"{Gym.People}/{person.Id}/history", 404);
        await Gym.Post($"{Gym.People}/{person.Id}/consents/withdraw", new { }, 404);
        await Gym.Get($"{S.People}/{person.Id}", 404);
        (await Gym.Get<Page<PersonRow>>($"{Gym.People}?search=Пыстина")).Items.ShouldNotContain(p => p.Id == person.Id);
        await S.Get(S.People, 403, api.TokenAs($"school:{Sosh1}", Roles.Mentor));
        var district = api.TokenAs($"district:{DemoDistrict.DistrictId}");
        await S.Get($"{S.People}/{person.Id}", 200, district);
        await S.Post(S.People, new { }, 403, district);

        // The check the mentorships part will use.
        var store = api.Services.GetRequiredService<DocumentStore>();
        await using (var session = store.LightweightSession(TenantScope.School(Sosh1)))
            (await PersonDirectory.HasValidConsentAsync(session, person.Id, default)).ShouldBeTrue();
        await using (var session = store.LightweightSession(TenantScope.School(Gym166)))
            (await PersonDirectory.HasValidConsentAsync(session, person.Id, default)).ShouldBeFalse();
    }
}

/// <summary>The demo district's people, as ./run.sh shows them.</summary>
public sealed class DemoPeopleTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Every_demo_school_has_teachers_students_and_outside_mentors_most_with_consents_and_pools()
    {
        foreach (var school in DemoDistrict.Schools.Select(x => x.SchoolId))
        {
            var s = new MentoringScenario(api, school);
            var all = await s.Get<Page<PersonRow>>($"{s.People}?pageSize=500");
            var demo = all.Items;
            demo.Count(p => p.Kind == "teacher").ShouldBeInRange(8, 15, school.ToString());
            demo.Count(p => p.Kind == "student").ShouldBeInRange(10, 20);
            demo.Count(p => p.Kind == "external").ShouldBeInRange(1, 2);
            demo.Count(p => p.HasValidConsent).ShouldBeGreaterThan(demo.Count * 3 / 4);
            demo.ShouldContain(p => p.IsMinor && p.ConsentSignedBy == "guardian");
            demo.ShouldContain(p => p.Kind == "student" && !p.HasValidConsent);
            demo.ShouldAllBe(p => p.HasValidConsent || (!p.InMentorPool && !p.InMenteePool && p.Categories.Length == 0));
            demo.ShouldContain(p => p.Categories.Contains("young_specialist"));
            demo.Count(p => p.InMentorPool).ShouldBeGreaterThanOrEqualTo(2);
            demo.Count(p => p.InMenteePool).ShouldBeGreaterThanOrEqualTo(3);

            var mentee = (await s.Get<Page<MenteePoolRow>>($"/api/schools/{school}/mentee-pool?kind=teacher&category=young_specialist")).Items[0];
            var suggestions = await s.Get<SuggestionsView>($"/api/schools/{school}/mentee-pool/{mentee.PersonId}/suggestions");
            suggestions.Mentors.ShouldNotBeEmpty();
            suggestions.Mentors[0].Score.ShouldBeGreaterThan(1);
        }
    }
}
