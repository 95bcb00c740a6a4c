using System.Text.Json;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Mentoring.PeopleTests;

namespace Platform.Tests.Mentoring;

/// <summary>The curator builds the mentor and mentee pools, and asks which mentors suit a mentee and why.</summary>
public sealed class PoolsTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private static readonly Guid Gym166 = Guid.Parse("11000000-0000-4000-8000-000000000166");
    private static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    private static readonly DateTimeOffset October2025 = new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One request of the school's curator; the answer must have this status.</summary>
    private Task<IScenarioResult> Send(Guid school, Action<Scenario> request, int status = 200) => api.Scenario(s =>
    {
        s.WithBearerToken(api.TokenAs($"school:{school}"));
        request(s);
        s.StatusCodeShouldBe(status);
    });

    private Task<T> Get<T>(Guid school, string url) => Send(school, s => s.Get.Url(url)).Json<T>();

    private Task<IScenarioResult> Post(Guid school, string url, object body, int status) => Send(school, s => s.Post.Json(body).ToUrl(url), status);

    private Task<PersonView> Register(Guid school, object person) => Post(school, $"/api/schools/{school}/people", person, 201).Json<PersonView>();

    private Task<PersonView> Teacher(Guid school, string fullName, bool consent = true) =>
        Register(school, new { kind = "teacher", fullName, position = "учитель", consent = consent ? Consent() : null });

    private Task<MentorPoolRow> Mentor(Guid school, Guid personId, string[] competencies, string[] subjects, string[] forms, int capacity = 2,
        string? availableUntil = null) =>
        Post(school, $"/api/schools/{school}/mentor-pool",
            new { personId, competencies, subjects, capacity, preferredForms = forms, availability = "по средам после уроков", availableUntil }, 201)
            .Json<MentorPoolRow>();

    private Task<MenteePoolRow> Mentee(Guid school, Guid personId, string[] requests, string[] subjects, string? form, string[]? difficulties = null) =>
        Post(school, $"/api/schools/{school}/mentee-pool", new { personId, requests, difficulties = difficulties ?? [], subjects, desiredForm = form }, 201)
            .Json<MenteePoolRow>();

    [Fact]
    public async Task Joining_needs_a_consent_and_a_complete_profile_leaving_needs_a_reason()
    {
        api.Clock.AdjustTime(October2025);
        var noConsent = await Teacher(Gym166, "Ведерникова Полина Сергеевна", consent: false);
        var refused = await Post(Gym166, $"/api/schools/{Gym166}/mentee-pool",
            new { personId = noConsent.Id, requests = new[] { "классное руководство" } }, 409).Json();
        refused.GetProperty("detail").GetString()!.ShouldStartWith("Нет действующего согласия на обработку персональных данных");

        var person = await Teacher(Gym166, "Ведерников Игорь Петрович");
        var invalid = await Post(Gym166, $"/api/schools/{Gym166}/mentor-pool",
            new { personId = person.Id, competencies = new[] { " " }, capacity = 11, preferredForms = new[] { "teacher_teacher", "coach_player" }, availableUntil = "2025-09-01" },
            400).Json();
        var errors = invalid.GetProperty("errors");
        errors.GetProperty("competencies")[0].GetString()!.ShouldContain("хотя бы одну компетенцию");
        errors.GetProperty("capacity")[0].GetString()!.ShouldContain("от 1 до 10");
        errors.GetProperty("preferredForms[1]")[0].GetString()!.ShouldContain("Неизвестная форма наставничества");
        errors.GetProperty("availableUntil")[0].GetString()!.ShouldContain("прошла");
        (await Post(Gym166, $"/api/schools/{Gym166}/mentor-pool", new { competencies = new[] { "x" } }, 400).Json())
            .GetProperty("errors").TryGetProperty("personId", out _).ShouldBeTrue();
        await Post(Gym166, $"/api/schools/{Gym166}/mentor-pool",
            new { personId = Guid.NewGuid(), competencies = new[] { "x" }, capacity = 1, preferredForms = new[] { "other" } }, 404);

        var joined = await Mentor(Gym166, person.Id, ["Олимпиадная подготовка по химии"], ["химия"], ["teacher_student"], capacity: 3);
        joined.Capacity.ShouldBe(3);
        joined.CapacityLeft.ShouldBe(3);
        joined.Available.ShouldBeTrue();
        await Post(Gym166, $"/api/schools/{Gym166}/mentor-pool",
            new { personId = person.Id, competencies = new[] { "x" }, capacity = 1, preferredForms = new[] { "other" } }, 409);

        var changed = await Send(Gym166, s => s.Put.Json(
            new { competencies = new[] { "Олимпиадная подготовка по химии", "лабораторный практикум" }, subjects = new[] { "химия" }, capacity = 1, preferredForms = new[] { "teacher_student" } })
            .ToUrl($"/api/schools/{Gym166}/mentor-pool/{person.Id}")).Json<MentorPoolRow>();
        changed.Competencies.Length.ShouldBe(2);
        changed.Availability.ShouldBeNull();

        var leaveUrl = $"/api/schools/{Gym166}/mentor-pool/{person.Id}/leave";
        (await Post(Gym166, leaveUrl, new { reason = "" }, 400).Json())
            .GetProperty("errors").GetProperty("reason")[0].GetString()!.ShouldContain("причину");
        await Post(Gym166, leaveUrl, new { reason = "Перешёл на работу в другую школу" }, 204);
        await Send(Gym166, s => s.Get.Url($"/api/schools/{Gym166}/mentor-pool/{person.Id}"), 404);
        await Post(Gym166, leaveUrl, new { reason = "ещё раз" }, 404);

        var history = (await Get<JsonElement>(Gym166, $"/api/schools/{Gym166}/people/{person.Id}/history")).EnumerateArray().ToList();
        history.Select(e => e.GetProperty("type").GetString()).ShouldBe(["person_registered", "consent_given", "joined_mentor_pool", "mentor_profile_changed",
            "mentor_profile_changed", "left_mentor_pool"]);
        history[4].GetProperty("data").GetProperty("fields").EnumerateArray().Select(f => f.GetString())
            .ShouldBe(["competencies", "capacity", "availability"]);
        history[5].GetProperty("data").GetProperty("reason").GetString().ShouldBe("Перешёл на работу в другую школу");
        (await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM es.mt_events WHERE data::text LIKE '%лабораторный практикум%'")).ShouldBe(0);
    }

    [Fact]
    public async Task Pools_list_with_filters()
    {
        api.Clock.AdjustTime(October2025);
        var mentor = await Teacher(Oosh, "Гладышева Елена Викторовна");
        await Mentor(Oosh, mentor.Id, ["Работа с детьми с ОВЗ", "инклюзивное обучение"], ["Биология"], ["teacher_teacher", "teacher_student"]);
        var student = await Register(Oosh, new
        {
            kind = "student", fullName = "Гладышев Егор Максимович", position = "6В", birthYear = 2014, consent = Consent("Гладышева Вера Ивановна"),
            details = new { categories = new[] { "disabilities" } },
        });
        await Mentee(Oosh, student.Id, ["индивидуальная поддержка на уроках"], ["биология"], "teacher_student");

        async Task<List<Guid>> Mentors(string q) =>
            (await Get<Page<MentorPoolRow>>(Oosh, $"/api/schools/{Oosh}/mentor-pool?{q}")).Items.Select(r => r.PersonId).ToList();
        (await Mentors("subject=биология&search=Гладышева")).ShouldBe([mentor.Id]);
        (await Mentors("competency=ОВЗ")).ShouldContain(mentor.Id);
        (await Mentors("competency=ОВЗ&form=employer_student")).ShouldNotContain(mentor.Id);
        (await Mentors("kind=student&search=Гладышева")).ShouldBeEmpty();
        (await Mentors("available=true&search=Гладышева")).ShouldBe([mentor.Id]);

        async Task<List<MenteePoolRow>> Mentees(string q) =>
            (await Get<Page<MenteePoolRow>>(Oosh, $"/api/schools/{Oosh}/mentee-pool?{q}")).Items.ToList();
        var row = (await Mentees("category=disabilities&class=6 в&form=teacher_student")).Single(r => r.PersonId == student.Id);
        row.IsMinor.ShouldBeTrue();
        row.Categories.ShouldBe(["disabilities"]);
        (await Mentees("category=gifted")).ShouldNotContain(r => r.PersonId == student.Id);

        var bad = await Send(Oosh, s => s.Get.Url($"/api/schools/{Oosh}/mentor-pool?form=x&sort=age&kind=robot"), 400).Json();
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["kind", "form", "sort"], ignoreOrder: true);
    }

    [Fact]
    public async Task Suggestions_rank_mentors_by_a_score_whose_parts_are_shown()
    {
        api.Clock.AdjustTime(October2025);
        var school = Gym166;
        var best = await Teacher(school, "Астахова Галина Юрьевна");
        var words = await Teacher(school, "Астахов Павел Олегович");
        var subject = await Teacher(school, "Астахова Ульяна Петровна");
        var leaving = await Teacher(school, "Астахов Кирилл Андреевич");
        var menteePerson = await Register(school, new
        {
            kind = "student", fullName = "Астахов Тимофей Игоревич", position = "10А", birthYear = 2009, consent = Consent("Астахова Ирина Павловна"),
            details = new { categories = new[] { "gifted" }, subjects = new[] { "астрономия" } },
        });

        await Mentor(school, best.Id, ["Наблюдения в телескоп", "астрофотография"], ["Астрономия"], ["teacher_student", "teacher_teacher"]);
        await Mentor(school, words.Id, ["Наблюдение звёзд с телескопом"], ["физика"], ["teacher_student"], capacity: 1);
        await Mentor(school, subject.Id, ["проектная деятельность"], ["астрономия"], ["teacher_teacher"], capacity: 1);
        await Mentor(school, leaving.Id, ["телескоп и наблюдения"], ["астрономия"], ["teacher_student"], availableUntil: "2025-10-10");
        // The mentee is a mentor of younger students too: never suggested to themself.
        await Mentor(school, menteePerson.Id, ["телескоп, наблюдения"], ["астрономия"], ["student_student", "teacher_student"]);
        await Mentee(school, menteePerson.Id, ["наблюдения за звёздами в телескоп"], ["астрономия"], "teacher_student", ["нет телескопа дома"]);

        api.Clock.AdjustTime(new DateTimeOffset(2025, 10, 20, 9, 0, 0, TimeSpan.Zero)); // the fourth mentor's availability has ended
        var suggestions = await Get<SuggestionsView>(school, $"/api/schools/{school}/mentee-pool/{menteePerson.Id}/suggestions");
        suggestions.MenteeName.ShouldBe("Астахов Тимофей Игоревич");
        suggestions.Mentors.Take(3).Select(m => m.FullName).ShouldBe(["Астахова Галина Юрьевна", "Астахов Павел Олегович", "Астахова Ульяна Петровна"]);
        suggestions.Mentors.ShouldNotContain(m => m.PersonId == leaving.Id || m.PersonId == menteePerson.Id);

        var top = suggestions.Mentors[0];
        Parts(top).ShouldBe(new Dictionary<string, int> { ["subjects"] = 3, ["competencies"] = 4, ["form"] = 2, ["capacity"] = 1 });
        top.Score.ShouldBe(10);
        top.Parts.Single(p => p.Code == "subjects").Matches.ShouldBe(["Астрономия"]);
        top.Parts.Single(p => p.Code == "competencies").Matches.ShouldBe(["наблюдения", "телескоп"], ignoreOrder: true);
        top.Parts.Single(p => p.Code == "form").Matches.ShouldBe(["Учитель – ученик"]);
        top.Parts.Single(p => p.Code == "capacity").Matches.ShouldBe(["2 из 2"]);
        Parts(suggestions.Mentors[1]).ShouldBe(new Dictionary<string, int> { ["subjects"] = 0, ["competencies"] = 6, ["form"] = 2, ["capacity"] = 1 });
        suggestions.Mentors[1].Parts.Single(p => p.Code == "competencies").Matches.Count.ShouldBe(3); // наблюдение, звёзд, телескопом
        Parts(suggestions.Mentors[2]).ShouldBe(new Dictionary<string, int> { ["subjects"] = 3, ["competencies"] = 0, ["form"] = 0, ["capacity"] = 1 });
        suggestions.Mentors.Skip(3).ShouldAllBe(m => m.Score < 4);

        await Send(school, s => s.Get.Url($"/api/schools/{school}/mentee-pool/{best.Id}/suggestions"), 404); // not a mentee
        await Send(Oosh, s => s.Get.Url($"/api/schools/{Oosh}/mentee-pool/{menteePerson.Id}/suggestions"), 404);
    }

    [Fact]
    public async Task Mentees_without_a_mentor_are_listed_longest_waiting_first()
    {
        api.Clock.AdjustTime(new DateTimeOffset(2025, 9, 20, 9, 0, 0, TimeSpan.Zero));
        var early = await Teacher(Oosh, "Лыткина Светлана Олеговна");
        await Mentee(Oosh, early.Id, ["классное руководство"], [], "teacher_teacher");
        api.Clock.AdjustTime(October2025);
        var late = await Teacher(Oosh, "Лыткин Михаил Сергеевич");
        await Mentee(Oosh, late.Id, ["электронный журнал"], [], null);

        api.Clock.AdjustTime(October2025.AddDays(10));
        var page = await Get<Page<MenteePoolRow>>(Oosh, $"/api/schools/{Oosh}/mentee-pool/without-mentor?search=Лыткин&pageSize=10");
        page.Items.Select(r => r.PersonId).ShouldBe([early.Id, late.Id]);
        page.Items[0].DaysInPool.ShouldBe(21);
        page.Items[1].DaysInPool.ShouldBe(10);
        page.Items[1].DesiredForm.ShouldBeNull();
    }

    private static Dictionary<string, int> Parts(MentorSuggestion s) => s.Parts.ToDictionary(p => p.Code, p => p.Points);
}
