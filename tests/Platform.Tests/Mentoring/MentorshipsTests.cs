using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Access;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Mentoring.PeopleTests;

namespace Platform.Tests.Mentoring;

/// <summary>
/// A school with people in its pools: the curator forms pairs and groups, the director approves them by order.
/// Shared by the mentorship, program and evaluation tests. Requests go as the school's curator unless a token is given,
/// and expect 200 unless a status is given.
/// </summary>
internal sealed class MentoringScenario(ApiHost api, Guid school)
{
    public static readonly Guid Sosh1 = Guid.Parse("11000000-0000-4000-8000-000000000001");
    public static readonly Guid Oosh = Guid.Parse("11000000-0000-4000-8000-000000000002");
    /// <summary>09:00 UTC, noon in Komi: «today» is 1 October 2025 there.</summary>
    public static readonly DateTimeOffset October2025 = new(2025, 10, 1, 9, 0, 0, TimeSpan.Zero);

    public Guid School => school;
    public string CuratorToken => api.TokenAs($"school:{school}");
    public string DirectorToken => api.TokenAs($"school:{school}", Roles.SchoolDirector);
    public string Pairs => $"/api/schools/{school}/mentorships";
    public string Programs => $"/api/schools/{school}/programs";
    public string People => $"/api/schools/{school}/people";

    public Task<IScenarioResult> Get(string url, int status = 200, string? token = null) => Send(s => s.Get.Url(url), status, token);

    public Task<T> Get<T>(string url, string? token = null) => Get(url, 200, token).Json<T>();

    public Task<IScenarioResult> Post(string url, object body, int status = 200, string? token = null) =>
        Send(s => s.Post.Json(body).ToUrl(url), status, token);

    public Task<IScenarioResult> Put(string url, object body, int status = 200, string? token = null) =>
        Send(s => s.Put.Json(body).ToUrl(url), status, token);

    public Task<IScenarioResult> Patch(string url, object body, int status = 200, string? token = null) =>
        Send(s => s.Patch.Json(body).ToUrl(url), status, token);

    private Task<IScenarioResult> Send(Action<Scenario> request, int status, string? token) => api.Scenario(s =>
    {
        s.WithBearerToken(token ?? CuratorToken);
        request(s);
        s.StatusCodeShouldBe(status);
    });

    public async Task<Guid> Teacher(string fullName, bool consent = true) =>
        (await Post(People, new { kind = "teacher", fullName, position = "учитель", consent = consent ? Consent() : null }, 201).Json<PersonView>()).Id;

    public async Task<Guid> Student(string fullName, string position = "7А", int birthYear = 2012) =>
        (await Post(People, new { kind = "student", fullName, position, birthYear, consent = Consent("Законная Представительница Ивановна") }, 201)
            .Json<PersonView>()).Id;

    public async Task<Guid> Mentor(string fullName, int capacity = 2, params string[] forms)
    {
        var id = await Teacher(fullName);
        await Post($"/api/schools/{school}/mentor-pool", new
        {
            personId = id, competencies = new[] { "методика преподавания", "классное руководство" }, subjects = new[] { "математика" }, capacity,
            preferredForms = forms.Length > 0 ? forms : ["teacher_teacher", "teacher_student"],
        }, 201);
        return id;
    }

    public async Task<Guid> Mentee(string fullName, bool student = false)
    {
        var id = student ? await Student(fullName) : await Teacher(fullName);
        await JoinMentees(id);
        return id;
    }

    public Task JoinMentees(Guid id) => Post($"/api/schools/{school}/mentee-pool",
        new { personId = id, requests = new[] { "классное руководство", "работа с родителями" }, difficulties = new[] { "дисциплина на уроке" } }, 201);

    public Task<LocalActView> Order(string number, string date = "2025-09-20", string kind = "pair_approval") =>
        Post($"/api/schools/{school}/local-acts",
            new { kind, number, date, title = "Об утверждении наставнических пар (групп) на 2025/2026 учебный год" }, 201).Json<LocalActView>();

    public static object[] Consents(string signedOn, params Guid[] people) => people.Select(p => (object)new { personId = p, signedOn }).ToArray();

    public Task<IScenarioResult> Propose(Guid mentor, Guid[] mentees, string form = "teacher_teacher", string kind = "traditional", bool consents = true,
        string? topic = null, int status = 201) =>
        Post(Pairs, new
        {
            mentorId = mentor, menteeIds = mentees, form, kind, topic,
            consents = consents ? Consents("2025-09-18", [mentor, .. mentees]) : null,
        }, status);

    public Task<MentorshipView> Pair(Guid mentor, Guid[] mentees, string form = "teacher_teacher", string kind = "traditional", bool consents = true) =>
        Propose(mentor, mentees, form, kind, consents).Json<MentorshipView>();

    public Task<MentorshipView> Approve(Guid pair, Guid order, string? from = null) =>
        Post($"{Pairs}/{pair}/approve", new { orderId = order, from }, token: DirectorToken).Json<MentorshipView>();

    /// <summary>A teacher pair (or a group) approved by a new order of 20.09.2025.</summary>
    public async Task<MentorshipView> ApprovedPair(string surname, int mentees = 1, int capacity = 2)
    {
        var mentor = await Mentor($"{surname}а Галина Петровна", capacity);
        var ids = new List<Guid>();
        for (var i = 0; i < mentees; i++) ids.Add(await Mentee($"{surname} {(i == 0 ? "Илья" : "Фёдор")} {(i == 0 ? "Сергеевич" : "Ильич")}"));
        var pair = await Pair(mentor, [.. ids], kind: mentees == 1 ? "traditional" : "group");
        var order = await Order($"{surname}-од");
        return await Approve(pair.Id, order.Id);
    }

    /// <summary>The detail of the problem a request was refused with (its scenario expects the refusal's status).</summary>
    public static async Task<string> Detail(Task<IScenarioResult> refused) => (await refused.Json()).GetProperty("detail").GetString()!;

    /// <summary>The first message the problem of a refused request gives for the field.</summary>
    public static async Task<string> Error(Task<IScenarioResult> refused, string field) =>
        (await refused.Json()).GetProperty("errors").GetProperty(field)[0].GetString()!;
}

/// <summary>The curator forms pairs and groups from the pools; the director approves them by order; mentors are replaced, pairs dissolved.</summary>
public sealed class MentorshipsTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario Sosh1 => new(api, MentoringScenario.Sosh1);
    private MentoringScenario Oosh => new(api, MentoringScenario.Oosh);

    [Fact]
    public async Task A_pair_needs_every_participants_consent_the_pools_and_a_form_that_fits()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var mentor = await s.Mentor("Кириллова Нина Петровна");
        var mentee = await s.Mentee("Кириллов Олег Андреевич");
        var noConsent = await s.Teacher("Кириллова Дарья Олеговна", consent: false);

        var refused = await MentoringScenario.Detail(s.Propose(mentor, [mentee, noConsent], kind: "group", status: 409));
        refused.ShouldStartWith("Нет действующего согласия на обработку персональных данных: Кириллова Дарья Олеговна.");
        refused.ShouldContain("нельзя включить в наставническую пару");

        // With a consent but outside the mentee pool.
        var outside = await s.Teacher("Кириллов Пётр Олегович");
        (await MentoringScenario.Detail(s.Propose(mentor, [outside], status: 409))).ShouldContain("Не в банке наставляемых: Кириллов Пётр Олегович");
        // A mentee as the mentor: not in the mentor pool.
        (await MentoringScenario.Detail(s.Propose(outside, [mentee], status: 409))).ShouldContain("не в банке наставников");

        var bad = await s.Post(s.Pairs, new
        {
            mentorId = mentor, menteeIds = new[] { mentee, Guid.NewGuid() }, form = "teacher_student", kind = "traditional",
            consents = new[] { new { personId = Guid.NewGuid(), signedOn = "2025-12-01" } },
        }, 400).Json();
        var errors = bad.GetProperty("errors");
        errors.GetProperty("menteeIds")[0].GetString()!.ShouldContain("«один на один»");
        errors.GetProperty("menteeIds[1]")[0].GetString().ShouldBe("Такого участника нет в организации.");
        errors.GetProperty("consents[0].personId")[0].GetString()!.ShouldContain("участника этой пары");
        errors.GetProperty("consents[0].signedOn")[0].GetString()!.ShouldContain("не позже сегодняшнего дня");
        (await MentoringScenario.Error(s.Propose(mentor, [mentee], form: "teacher_student", status: 400), "form"))
            .ShouldBe("В форме «Учитель – ученик» наставляемые — обучающиеся, а Кириллов Олег Андреевич — нет.");
        (await MentoringScenario.Error(s.Propose(mentor, [mentee], kind: "group", status: 400), "menteeIds")).ShouldContain("от двух наставляемых");
        (await s.Post(s.Pairs, new { }, 400).Json()).GetProperty("errors").EnumerateObject()
            .Select(p => p.Name).ShouldBe(["mentorId", "menteeIds", "form", "kind"], ignoreOrder: true);

        var pair = await s.Pair(mentor, [mentee]);
        pair.Status.ShouldBe(MentorshipStatus.Proposed);
        pair.StatusName.ShouldBe("Сформирована, ожидает приказа");
        pair.FormName.ShouldBe("Педагог – педагог");
        pair.Kind.ShouldBe(MentoringKind.Traditional);
        pair.KindName.ShouldBe("Традиционное наставничество («один на один»)");
        pair.Mentor.FullName.ShouldBe("Кириллова Нина Петровна");
        pair.Mentor.PairConsentOn.ShouldBe(new DateOnly(2025, 9, 18));
        pair.Mentees.Single().FullName.ShouldBe("Кириллов Олег Андреевич");
        pair.MissingConsents.ShouldBeEmpty();
        // A mentee already paired is not paired twice.
        var second = await s.Mentor("Кириллова Вера Ивановна");
        (await MentoringScenario.Detail(s.Propose(second, [mentee], status: 409)))
            .ShouldContain("Уже состоят в наставнической паре (группе): Кириллов Олег Андреевич");
    }

    [Fact]
    public async Task The_mentors_capacity_from_the_pool_is_enforced_and_freed_when_a_pair_is_dissolved()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var mentor = await s.Mentor("Ёлкина Мария Ивановна", capacity: 2);
        var a = await s.Mentee("Ёлкин Артём Игоревич");
        var b = await s.Mentee("Ёлкин Борис Игоревич");
        var c = await s.Mentee("Ёлкин Вадим Игоревич");
        var poolRow = $"/api/schools/{s.School}/mentor-pool/{mentor}";

        var group = await s.Pair(mentor, [a, b], kind: "group");
        var pool = await s.Get<MentorPoolRow>(poolRow);
        pool.CapacityLeft.ShouldBe(0);
        var full = await MentoringScenario.Detail(s.Propose(mentor, [c], status: 409));
        full.ShouldBe("Наставник Ёлкина Мария Ивановна может вести наставляемых: 2, уже ведёт: 2. Ещё 1 не поместятся: выберите другого наставника или измените анкету наставника.");
        var suggestions = await s.Get<SuggestionsView>($"/api/schools/{s.School}/mentee-pool/{c}/suggestions");
        suggestions.Mentors.Single(m => m.PersonId == mentor).CapacityLeft.ShouldBe(0);

        await s.Post($"{s.Pairs}/{group.Id}/dissolve", new { reason = "Группа сформирована ошибочно" });
        (await s.Get<MentorPoolRow>(poolRow)).CapacityLeft.ShouldBe(2);
        await s.Propose(mentor, [c]);
    }

    [Fact]
    public async Task Only_the_director_approves_a_pair_by_a_pair_approval_order_of_the_school()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var mentor = await s.Mentor("Зуева Ольга Константиновна");
        var mentee = await s.Mentee("Зуев Игорь Петрович");
        var pair = await s.Pair(mentor, [mentee], consents: false);
        pair.MissingConsents.ShouldBe(["Зуева Ольга Константиновна", "Зуев Игорь Петрович"]);
        var order = await s.Order("71-од");
        var url = $"{s.Pairs}/{pair.Id}/approve";
        Task<IScenarioResult> ByDirector(object body, int status) => s.Post(url, body, status, s.DirectorToken);

        var curator = await s.Post(url, new { orderId = order.Id }, 403).Json();
        curator.GetProperty("title").GetString().ShouldBe("Недостаточно прав");
        curator.GetProperty("detail").GetString()!.ShouldContain("только директор");
        await s.Post($"{s.Pairs}/{Guid.NewGuid()}/approve", new { orderId = order.Id }, 404, s.DirectorToken);

        var curatorOrder = await s.Order("72-од", kind: "curator_appointment");
        (await MentoringScenario.Error(ByDirector(new { orderId = curatorOrder.Id }, 400), "orderId"))
            .ShouldBe("Пары закрепляются приказом о закреплении наставнических пар (групп), а приказ от 20.09.2025 № 72-од — «Приказ о назначении куратора».");
        var repealed = await s.Order("73-од");
        await s.Post($"/api/schools/{s.School}/local-acts/{repealed.Id}/repeal", new { reason = "Издан в новой редакции" });
        (await MentoringScenario.Error(ByDirector(new { orderId = repealed.Id }, 400), "orderId")).ShouldContain("отменён");
        var otherSchool = await Oosh.Order("5-од");
        (await MentoringScenario.Error(ByDirector(new { orderId = otherSchool.Id }, 400), "orderId"))
            .ShouldStartWith("Такого приказа нет среди локальных актов организации");
        (await MentoringScenario.Error(ByDirector(new { orderId = order.Id, from = "2025-09-01" }, 400), "from"))
            .ShouldContain("раньше приказа (20.09.2025)");

        (await MentoringScenario.Detail(ByDirector(new { orderId = order.Id }, 409)))
            .ShouldStartWith("Нет письменного согласия на участие в паре: Зуева Ольга Константиновна, Зуев Игорь Петрович.");
        foreach (var person in new[] { mentor, mentee })
            await s.Post($"{s.Pairs}/{pair.Id}/consents", new { personId = person, signedOn = "2025-09-19", documentNumber = "СП-1" });
        (await MentoringScenario.Error(s.Post($"{s.Pairs}/{pair.Id}/consents", new { personId = Guid.NewGuid(), signedOn = "2025-09-19" }, 400),
            "personId")).ShouldContain("участника этой пары");

        var approved = await s.Approve(pair.Id, order.Id, "2025-09-22");
        approved.Status.ShouldBe(MentorshipStatus.Active);
        approved.Approval!.Citation.ShouldBe("от 20.09.2025 № 71-од");
        approved.Approval.From.ShouldBe(new DateOnly(2025, 9, 22));
        approved.Mentees.Single().ConsentDocument.ShouldBe("СП-1");
        (await MentoringScenario.Detail(ByDirector(new { orderId = order.Id }, 409)))
            .ShouldBe("Пара уже закреплена приказом от 20.09.2025 № 71-од.");
        // The platform's administrator may approve too.
        var other = await s.Pair(await s.Mentor("Зуева Анна Сергеевна"), [await s.Mentee("Зуев Кирилл Олегович")]);
        await s.Post($"{s.Pairs}/{other.Id}/approve", new { orderId = order.Id }, 200, api.TokenAs("platform"));

        var history = (await s.Get($"{s.Pairs}/{pair.Id}/history").Json()).EnumerateArray().ToList();
        history.Select(e => e.GetProperty("type").GetString()).ShouldBe(["mentorship_proposed", "pair_consent_recorded", "pair_consent_recorded", "mentorship_approved"]);
        history[^1].GetProperty("userName").GetString().ShouldBe("test.schooldirector");
    }

    [Fact]
    public async Task The_mentor_is_replaced_on_the_mentees_request_with_a_reason()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var pair = await s.ApprovedPair("Шестаков", mentees: 2, capacity: 3);
        var full = await s.Mentor("Шестакова Вера Ильинична", capacity: 1);
        var next = await s.Mentor("Шестакова Ирина Олеговна", capacity: 2);
        var url = $"{s.Pairs}/{pair.Id}/replace-mentor";
        object Body(Guid newMentor, Guid? requestedBy = null) => new
        {
            newMentorId = newMentor, requestedBy = requestedBy ?? pair.Mentees[0].PersonId, requestedOn = "2025-09-29",
            reason = "Ходатайство наставляемого: несовпадение графиков работы", consentSignedOn = "2025-09-30",
        };

        var invalid = await s.Post(url, new { newMentorId = pair.Mentor.PersonId }, 400).Json();
        var errors = invalid.GetProperty("errors");
        errors.GetProperty("newMentorId")[0].GetString().ShouldBe("Это нынешний наставник пары.");
        errors.GetProperty("requestedBy")[0].GetString()!.ShouldContain("ходатайством о замене наставника");
        errors.GetProperty("reason")[0].GetString()!.ShouldContain("причину замены");
        errors.GetProperty("consentSignedOn")[0].GetString()!.ShouldContain("согласия нового наставника");
        (await MentoringScenario.Error(s.Post(url, Body(next, requestedBy: next), 400), "requestedBy")).ShouldContain("наставляемого этой пары");
        (await MentoringScenario.Detail(s.Post(url, Body(full), 409)))
            .ShouldContain("может вести наставляемых: 1, уже ведёт: 0. Ещё 2 не поместятся");

        var replaced = await s.Post(url, Body(next)).Json<MentorshipView>();
        replaced.Mentor.PersonId.ShouldBe(next);
        replaced.Mentor.PairConsentOn.ShouldBe(new DateOnly(2025, 9, 30));
        replaced.Status.ShouldBe(MentorshipStatus.Active);
        var former = replaced.FormerMentors.Single();
        former.PersonId.ShouldBe(pair.Mentor.PersonId);
        former.FullName.ShouldBe("Шестакова Галина Петровна");
        former.Reason.ShouldBe("Ходатайство наставляемого: несовпадение графиков работы");
        former.RequestedByName.ShouldBe("Шестаков Илья Сергеевич");
        former.Until.ShouldBe(new DateOnly(2025, 10, 1));

        (await s.Get<MentorPoolRow>($"/api/schools/{s.School}/mentor-pool/{pair.Mentor.PersonId}")).CapacityLeft.ShouldBe(3);
        (await s.Get<MentorPoolRow>($"/api/schools/{s.School}/mentor-pool/{next}")).CapacityLeft.ShouldBe(0);
        var list = await s.Get<Page<MentorshipRow>>($"{s.Pairs}?mentorId={next}");
        list.Items.Single().MentorReplacements.ShouldBe(1);
        (await s.Get<Page<MentorshipRow>>($"{s.Pairs}?mentorId={pair.Mentor.PersonId}")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_pair_is_dissolved_with_a_reason_once_its_program_is_completed()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var pair = await s.ApprovedPair("Лаврентьев");
        var program = await s.Post(s.Programs, ProgramsTests.Body(pair.Id), 201).Json<ProgramView>();
        var url = $"{s.Pairs}/{pair.Id}/dissolve";

        (await MentoringScenario.Error(s.Post(url, new { reason = " " }, 400), "reason")).ShouldContain("причину");
        (await MentoringScenario.Error(s.Post(url, new { reason = "x", on = "2025-09-01" }, 400), "on")).ShouldContain("раньше начала работы пары");
        (await MentoringScenario.Detail(s.Post(url, new { reason = "Программа выполнена" }, 409)))
            .ShouldContain("незавершённая персонализированная программа");
        (await s.Get<Page<MentorshipRow>>($"{s.Pairs}?search=Лаврентьев")).Items.Single().ProgramId.ShouldBe(program.Id);

        await s.Post($"{s.Programs}/{program.Id}/complete",
            new { reason = "participant_initiative", note = "Наставляемый переведён в другую образовательную организацию" });
        var dissolved = await s.Post(url, new { reason = "Наставляемый переведён в другую образовательную организацию" }).Json<MentorshipView>();
        dissolved.Status.ShouldBe(MentorshipStatus.Dissolved);
        dissolved.DissolvedOn.ShouldBe(new DateOnly(2025, 10, 1));
        (await MentoringScenario.Detail(s.Post(url, new { reason = "ещё раз" }, 409))).ShouldContain("расформирована 01.10.2025");
        await s.Post($"{s.Pairs}/{pair.Id}/consents", new { personId = pair.Mentor.PersonId, signedOn = "2025-09-19" }, 409);
        (await MentoringScenario.Detail(s.Post(s.Programs, ProgramsTests.Body(pair.Id), 409))).ShouldContain("расформирована");

        var rows = await s.Get<Page<MentorshipRow>>($"{s.Pairs}?status=dissolved&search=Лаврентьев");
        rows.Items.Single().StatusName.ShouldBe("Расформирована");
        (await s.Get<Page<MentorshipRow>>($"{s.Pairs}?status=current&search=Лаврентьев")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task The_without_a_mentor_list_leaves_out_paired_mentees_until_their_pair_is_dissolved()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var mentor = await s.Mentor("Чупрова Алла Викторовна");
        var paired = await s.Mentee("Чупров Денис Андреевич");
        var waiting = await s.Mentee("Чупров Ефим Андреевич");
        async Task<List<Guid>> WithoutMentor() =>
            (await s.Get<Page<MenteePoolRow>>($"/api/schools/{s.School}/mentee-pool/without-mentor?search=Чупров")).Items.Select(r => r.PersonId).ToList();

        (await WithoutMentor()).ShouldBe([paired, waiting], ignoreOrder: true);
        var pair = await s.Pair(mentor, [paired]);
        (await WithoutMentor()).ShouldBe([waiting]);
        (await s.Get<Page<MenteePoolRow>>($"/api/schools/{s.School}/mentee-pool?search=Чупров")).Total.ShouldBe(2);
        await s.Post($"{s.Pairs}/{pair.Id}/dissolve", new { reason = "Пара не сложилась: нет взаимного интереса" });
        (await WithoutMentor()).ShouldBe([paired, waiting], ignoreOrder: true);
    }

    [Fact]
    public async Task Lists_filter_and_a_pair_reads_as_it_was_on_a_past_date()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var mentor = await s.Mentor("Истомина Полина Юрьевна", capacity: 3, "teacher_student", "teacher_teacher");
        var student = await s.Mentee("Истомин Глеб Романович", student: true);
        var teacher = await s.Mentee("Истомин Лев Романович");
        var studentPair = await s.Propose(mentor, [student], form: "teacher_student", kind: "short_term", topic: "олимпиадная подготовка")
            .Json<MentorshipView>();
        var teacherPair = await s.Pair(mentor, [teacher]);
        var proposedAt = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromHours(1));
        await s.Approve(teacherPair.Id, (await s.Order("90-од")).Id);

        async Task<List<Guid>> Ids(string q) => (await s.Get<Page<MentorshipRow>>($"{s.Pairs}?{q}")).Items.Select(r => r.Id).ToList();
        (await Ids($"mentorId={mentor}")).ShouldBe([teacherPair.Id, studentPair.Id], ignoreOrder: true);
        (await Ids($"mentorId={mentor}&status=active")).ShouldBe([teacherPair.Id]);
        (await Ids($"mentorId={mentor}&status=proposed")).ShouldBe([studentPair.Id]);
        (await Ids($"mentorId={mentor}&form=teacher_student")).ShouldBe([studentPair.Id]);
        (await Ids($"mentorId={mentor}&kind=short_term")).ShouldBe([studentPair.Id]);
        (await Ids($"menteeId={teacher}")).ShouldBe([teacherPair.Id]);
        (await Ids("search=олимпиадная")).ShouldBe([studentPair.Id]);
        (await Ids("search=Истомин Лев")).ShouldBe([teacherPair.Id]);
        var row = (await s.Get<Page<MentorshipRow>>($"{s.Pairs}?menteeId={teacher}")).Items.Single();
        row.Mentor.FullName.ShouldBe("Истомина Полина Юрьевна");
        row.Mentees.Single().FullName.ShouldBe("Истомин Лев Романович");
        row.OrderCitation.ShouldBe("от 20.09.2025 № 90-од");
        row.KindName.ShouldBe("Традиционное наставничество («один на один»)");
        var bad = await s.Get($"{s.Pairs}?status=x&form=y&kind=z&sort=w", 400).Json();
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["status", "form", "kind", "sort"], ignoreOrder: true);

        var past = await s.Get<MentorshipView>($"{s.Pairs}/{teacherPair.Id}?asOf={Uri.EscapeDataString(proposedAt.AddMinutes(1).ToString("O"))}");
        past.Status.ShouldBe(MentorshipStatus.Proposed);
        past.Approval.ShouldBeNull();
        var now = await s.Get($"{s.Pairs}/{teacherPair.Id}");
        now.Context.Response.Headers.ETag.ToString().ShouldBe("\"4\"");
        (await now.ReadAsJsonAsync<MentorshipView>()).Status.ShouldBe(MentorshipStatus.Active);
    }

    [Fact]
    public async Task Another_school_sees_nothing_of_the_pair_or_its_program()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = Sosh1;
        var pair = await s.ApprovedPair("Рочев");
        var program = await s.Post(s.Programs, ProgramsTests.Body(pair.Id), 201).Json<ProgramView>();

        var other = Oosh;
        await other.Get($"{other.Pairs}/{pair.Id}", 404);
        await other.Get($"{other.Pairs}/{pair.Id}/history", 404);
        await other.Post($"{other.Pairs}/{pair.Id}/dissolve", new { reason = "чужая пара" }, 404);
        await other.Post($"{other.Pairs}/{pair.Id}/approve", new { orderId = Guid.NewGuid() }, 404, other.DirectorToken);
        await other.Get($"{other.Programs}/{program.Id}", 404);
        await other.Get($"{other.Programs}/{program.Id}/evaluations", 404);
        await other.Post($"{other.Programs}/{program.Id}/meetings", new { kind = "organizational", date = "2025-09-25" }, 404);
        (await MentoringScenario.Error(other.Post(other.Programs, ProgramsTests.Body(pair.Id), 400), "mentorshipId"))
            .ShouldBe("Такой наставнической пары нет в организации.");
        (await other.Get<Page<MentorshipRow>>($"{other.Pairs}?search=Рочев")).Total.ShouldBe(0);
        (await other.Get<Page<ProgramRow>>($"{other.Programs}?mentorshipId={pair.Id}")).Total.ShouldBe(0);
        // The school's own pair, through the other school's address: not there either.
        await s.Get($"{other.Pairs}/{pair.Id}", 404);
    }
}

/// <summary>The demo district's schools have pairs approved by order, with programs; one program per school is completed and evaluated.</summary>
public sealed class DemoMentorshipsTests(ApiHost api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Every_demo_school_has_two_to_five_approved_pairs_with_programs_and_one_evaluated_completion()
    {
        foreach (var school in Platform.Tenancy.Demo.DemoDistrict.Schools)
        {
            var s = new MentoringScenario(api, school.SchoolId);
            var pairs = await s.Get<Page<MentorshipRow>>(s.Pairs);
            var programs = await s.Get<Page<ProgramRow>>(s.Programs);
            output.WriteLine($"{school.ShortName}: {pairs.Total} pairs, {programs.Total} programs");
            foreach (var p in programs.Items)
                output.WriteLine($"  {p.Mentor.FullName} → {string.Join(", ", p.Mentees.Select(m => m.FullName))} ({p.FormName}, {p.KindName}); {p.StartOn}–{p.EndOn} "
                    + $"{p.StatusName} {p.CompletionReason} meetings {p.Meetings} plan {p.PlanDone}/{p.PlanRows} eval {p.EvaluationTotal} {p.EvaluationLevelName}");
            pairs.Total.ShouldBeInRange(2, 5, school.ShortName);
            pairs.Items.ShouldAllBe(p => p.Status == "active" && p.OrderCitation != null && p.MissingConsents == 0);
            programs.Total.ShouldBe(pairs.Total);
            var completed = programs.Items.Single(p => p.Status == "completed");
            completed.EvaluationTotal.ShouldNotBeNull();
            programs.Items.Where(p => p.Status == "in_progress").ShouldAllBe(p => p.Meetings >= 1 && p.PlanRows >= 1);
            var withoutMentor = await s.Get<Page<MenteePoolRow>>($"/api/schools/{school.SchoolId}/mentee-pool/without-mentor?pageSize=500");
            withoutMentor.Items.ShouldNotContain(m => pairs.Items.Any(p => p.Mentees.Any(x => x.Id == m.PersonId)));
        }
    }
}

/// <summary>The host with its clock on 10 February 2026 from the start, so the demo is seeded in February.</summary>
public sealed class February2026Api : ApiHost
{
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 2, 10, 9, 0, 0, TimeSpan.Zero));

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Seeded in February, the demo's three-month program has run its course: plan done, final meeting held, optimal evaluation.</summary>
public sealed class DemoMentorshipsInFebruaryTests(February2026Api api) : IClassFixture<February2026Api>
{
    [Fact]
    public async Task The_completed_demo_program_ran_its_whole_plan()
    {
        var s = new MentoringScenario(api, MentoringScenario.Sosh1);
        var completed = (await s.Get<Page<ProgramRow>>($"{s.Programs}?status=completed")).Items.Single();
        completed.CompletionReason.ShouldBe("plan_completed");
        completed.FinalMeetingHeld.ShouldBeTrue();
        completed.PlanDone.ShouldBe(completed.PlanRows);
        completed.EvaluationLevel.ShouldBe("optimal");
        var program = await s.Get<ProgramView>($"{s.Programs}/{completed.Id}");
        program.Meetings.Select(m => m.Kind).Distinct().ShouldBe([MeetingKind.Organizational, MeetingKind.Trial, MeetingKind.Planning, MeetingKind.Regular, MeetingKind.Final]);
        program.Months.ShouldBe(3);
        program.Evaluations.Single().Total.ShouldBe(15);
    }
}
