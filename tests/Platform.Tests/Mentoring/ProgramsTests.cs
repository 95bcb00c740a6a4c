using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;
using static Platform.Tests.Mentoring.PeopleTests;

namespace Platform.Tests.Mentoring;

/// <summary>The personalized program of an approved pair: 3 to 12 months, its plan, the meetings in order, extension, correction, completion.</summary>
public sealed class ProgramsTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    /// <summary>A program of the seed 003 template for a young teacher, 22.09.2025–21.03.2026, with two plan rows.</summary>
    internal static object Body(Guid mentorshipId, string startOn = "2025-09-22", string endOn = "2026-03-21", string firstDeadline = "2025-11-30",
        string secondDeadline = "2026-02-28") => new
    {
        mentorshipId,
        problem = "Затруднения молодого педагога в организации дисциплины на уроке и во взаимодействии с родителями",
        goal = "Сопровождение профессионального становления молодого педагога: устранение выявленных профессиональных затруднений и поддержка его сильных сторон",
        tasks = new[] { "Освоить приёмы управления классом", "Подготовить и провести родительское собрание" },
        plannedResults = "Наставляемый уверенно управляет классом и самостоятельно проводит родительские собрания",
        startOn, endOn,
        conditions = "Встречи в кабинете наставника по средам после уроков",
        methods = "Беседа, консультация, взаимопосещение уроков, анализ урока",
        plan = new object[]
        {
            new { content = "Посещение уроков наставника", expectedResult = "Освоены приёмы управления классом", methods = "Наблюдение, анализ урока",
                  deadline = firstDeadline, control = "Анализ урока" },
            new { content = "Подготовка родительского собрания", expectedResult = "Проведено родительское собрание", methods = "Консультация",
                  deadline = secondDeadline, control = "Протокол собрания" },
        },
    };

    private async Task<ProgramView> Program(Guid mentorshipId, string endOn = "2026-03-21")
    {
        var response = await S.Curator.PostAsJsonAsync(S.Programs,
            Body(mentorshipId, endOn: endOn, secondDeadline: string.CompareOrdinal(endOn, "2026-02-28") < 0 ? "2025-12-15" : "2026-02-28"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ShouldBeOk<ProgramView>();
    }

    private Task<HttpResponseMessage> Meet(Guid program, string kind, string date, string? notes = null) =>
        S.Curator.PostAsJsonAsync($"{S.Programs}/{program}/meetings", new { kind, date, notes });

    private async Task<ProgramView> Met(Guid program, string kind, string date)
    {
        var response = await Meet(program, kind, date);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ShouldBeOk<ProgramView>();
    }

    [Fact]
    public async Task A_program_is_made_for_an_approved_pair_and_lasts_from_3_months_to_a_year()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = S;
        var proposed = await s.Pair(await s.Mentor("Терентьева Алла Ивановна"), [await s.Mentee("Терентьев Антон Ильич")]);
        (await MentoringScenario.Detail(await s.Curator.PostAsJsonAsync(s.Programs, Body(proposed.Id)), HttpStatusCode.Conflict))
            .ShouldStartWith("Пара ещё не закреплена приказом руководителя");

        var pair = await s.ApprovedPair("Носов");
        (await MentoringScenario.Error(await s.Curator.PostAsJsonAsync(s.Programs, Body(pair.Id, endOn: "2025-12-20")), "endOn"))
            .ShouldBe("Персонализированная программа рассчитана на срок от 3 месяцев до 1 года: при начале 22.09.2025 окончание — с 21.12.2025 по 21.09.2026.");
        (await MentoringScenario.Error(await s.Curator.PostAsJsonAsync(s.Programs, Body(pair.Id, endOn: "2026-09-22")), "endOn"))
            .ShouldContain("от 3 месяцев до 1 года");
        (await MentoringScenario.Error(await s.Curator.PostAsJsonAsync(s.Programs, Body(pair.Id, startOn: "2025-09-10", endOn: "2026-03-09", firstDeadline: "2025-11-30")),
            "startOn")).ShouldBe("Программа не может начаться раньше, чем пара закреплена приказом (с 20.09.2025).");
        (await MentoringScenario.Error(await s.Curator.PostAsJsonAsync(s.Programs, Body(pair.Id, firstDeadline: "2026-04-01")), "plan[0].deadline"))
            .ShouldBe("Срок — в пределах программы: с 22.09.2025 по 21.03.2026.");
        var empty = await Problem(await s.Curator.PostAsJsonAsync(s.Programs, new { mentorshipId = pair.Id }), HttpStatusCode.BadRequest);
        empty.GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["problem", "goal", "tasks", "plannedResults", "startOn", "endOn"], ignoreOrder: true);

        var year = await Program(pair.Id, endOn: "2026-09-21");
        year.Months.ShouldBe(12);
        year.Status.ShouldBe(ProgramStatus.InProgress);
        year.StatusName.ShouldBe("Реализуется");
        year.Form.ShouldBe("teacher_teacher");
        year.Kind.ShouldBe(MentoringKind.Traditional);
        year.Mentor.FullName.ShouldBe("Носова Галина Петровна");
        year.Mentees.Single().FullName.ShouldBe("Носов Илья Сергеевич");
        year.Tasks.Length.ShouldBe(2);
        year.Plan.Select(r => r.Control).ShouldBe(["Анализ урока", "Протокол собрания"]);
        year.Principles.Count.ShouldBe(9);
        year.NextMeetings.ShouldBe([MeetingKind.Organizational]);
        (await MentoringScenario.Detail(await s.Curator.PostAsJsonAsync(s.Programs, Body(pair.Id)), HttpStatusCode.Conflict))
            .ShouldContain("уже есть незавершённая программа");

        var shortPair = await s.ApprovedPair("Мезенцев");
        (await Program(shortPair.Id, endOn: "2025-12-21")).Months.ShouldBe(3);
        var pairView = await (await s.Curator.GetAsync($"{s.Pairs}/{pair.Id}")).ShouldBeOk<MentorshipView>();
        pairView.ProgramId.ShouldBe(year.Id);
    }

    [Fact]
    public async Task Meetings_go_in_the_order_of_seed_003_and_the_final_one_comes_once_after_the_others()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var pair = await S.ApprovedPair("Хозяинов");
        var program = await Program(pair.Id);

        (await MentoringScenario.Detail(await Meet(program.Id, "trial", "2025-09-24"), HttpStatusCode.Conflict))
            .ShouldBe("Сначала отметьте организационную встречу: пробная рабочая встреча — вторая.");
        (await MentoringScenario.Detail(await Meet(program.Id, "final", "2025-09-24"), HttpStatusCode.Conflict))
            .ShouldBe("Заключительная встреча — последняя: ещё не проведены «Организационная встреча», «Пробная рабочая встреча», "
                + "«Встреча-планирование рабочего процесса», «Регулярная встреча».");
        (await MentoringScenario.Error(await Meet(program.Id, "organizational", "2025-10-05"), "date")).ShouldContain("не позже сегодняшнего дня");
        (await MentoringScenario.Error(await Meet(program.Id, "organizational", "2025-09-20"), "date")).ShouldContain("в пределах программы");
        (await Problem(await Meet(program.Id, "coffee", "2025-09-23"), HttpStatusCode.BadRequest)).GetProperty("title").GetString().ShouldBe("Некорректный запрос");
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync($"{S.Programs}/{program.Id}/meetings", new { date = "2025-09-23" }), "kind"))
            .ShouldBe("Укажите вид встречи: organizational, trial, planning, regular, final.");

        var first = await Met(program.Id, "organizational", "2025-09-23");
        first.NextMeetings.ShouldBe([MeetingKind.Trial]);
        first.Meetings.Single().KindName.ShouldBe("Организационная встреча");
        (await MentoringScenario.Detail(await Meet(program.Id, "organizational", "2025-09-24"), HttpStatusCode.Conflict))
            .ShouldBe("Организационная встреча уже проведена (23.09.2025): она одна в программе.");
        (await MentoringScenario.Detail(await Meet(program.Id, "regular", "2025-09-24"), HttpStatusCode.Conflict)).ShouldStartWith("Регулярные встречи идут после встречи-планирования");
        (await MentoringScenario.Error(await Meet(program.Id, "trial", "2025-09-22"), "date"))
            .ShouldBe("Пробная рабочая встреча не может пройти раньше 23.09.2025: встречи идут по порядку.");
        await Met(program.Id, "trial", "2025-09-26");
        var planned = await Met(program.Id, "planning", "2025-09-30");
        planned.NextMeetings.ShouldBe([MeetingKind.Regular]);

        api.Clock.AdjustTime(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await Met(program.Id, "regular", "2025-10-14");
        var regular = await Met(program.Id, "regular", "2025-10-28");
        regular.NextMeetings.ShouldBe([MeetingKind.Regular, MeetingKind.Final]);
        (await MentoringScenario.Error(await Meet(program.Id, "final", "2025-10-20"), "date")).ShouldContain("раньше 28.10.2025");
        var final = await (await Meet(program.Id, "final", "2025-11-25", "Подведены итоги: наставляемый самостоятельно провёл открытый урок")).ShouldBeOk<ProgramView>();
        final.Meetings.Select(m => m.Kind).ShouldBe([MeetingKind.Organizational, MeetingKind.Trial, MeetingKind.Planning, MeetingKind.Regular, MeetingKind.Regular, MeetingKind.Final]);
        final.Meetings[^1].Notes.ShouldBe("Подведены итоги: наставляемый самостоятельно провёл открытый урок");
        final.NextMeetings.ShouldBeEmpty();
        (await MentoringScenario.Detail(await Meet(program.Id, "regular", "2025-11-26"), HttpStatusCode.Conflict))
            .ShouldBe("Заключительная встреча уже проведена (25.11.2025): после неё встречи не добавляются.");

        var row = (await (await S.Curator.GetAsync($"{S.Programs}?mentorshipId={pair.Id}")).ShouldBeOk<Page<ProgramRow>>()).Items.Single();
        row.Meetings.ShouldBe(6);
        row.FinalMeetingHeld.ShouldBeTrue();
        row.LastMeetingOn.ShouldBe(new DateOnly(2025, 11, 25));
    }

    [Fact]
    public async Task A_program_is_extended_or_corrected_by_mutual_consent_with_a_reason_and_reads_as_it_was()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var pair = await S.ApprovedPair("Артеев");
        var program = await Program(pair.Id);
        var extend = $"{S.Programs}/{program.Id}/extend";

        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(extend, new { endOn = "2026-09-22", reason = "по обоюдному согласию" }), "endOn"))
            .ShouldBe("Вместе с продлением программа длится не больше 1 года: окончание — не позже 21.09.2026.");
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(extend, new { endOn = "2026-03-01", reason = "по обоюдному согласию" }), "endOn"))
            .ShouldContain("позже нынешней (21.03.2026)");
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(extend, new { endOn = "2026-06-30" }), "reason")).ShouldContain("причину продления");
        var before = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromHours(1));
        var extended = await (await S.Curator.PostAsJsonAsync(extend, new
        {
            endOn = "2026-06-30", reason = "Наставляемый ушёл на больничный; наставник и наставляемый договорились продлить программу", agreedOn = "2025-09-30",
        })).ShouldBeOk<ProgramView>();
        extended.EndOn.ShouldBe(new DateOnly(2026, 6, 30));
        extended.Months.ShouldBe(9);
        var extension = extended.Extensions.Single();
        (extension.From, extension.To, extension.AgreedOn).ShouldBe((new DateOnly(2026, 3, 21), new DateOnly(2026, 6, 30), new DateOnly(2025, 9, 30)));

        var correct = $"{S.Programs}/{program.Id}/correct";
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(correct, new { goal = "Новая цель" }), "reason")).ShouldContain("по обоюдному согласию");
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(correct, new { reason = "по согласию", form = "teacher_teacher" }), "content"))
            .ShouldStartWith("Укажите, что меняется");
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(correct, new { reason = "по согласию", form = "dance_battle" }), "form"))
            .ShouldContain("teacher_teacher");
        var corrected = await (await S.Curator.PostAsJsonAsync(correct, new
        {
            reason = "По обоюдному согласию: добавлена работа с электронным журналом", goal = "Устранение профессиональных затруднений молодого педагога",
            tasks = new[] { "Освоить приёмы управления классом", "Подготовить и провести родительское собрание", "Освоить электронный журнал" },
            kind = "situational",
        })).ShouldBeOk<ProgramView>();
        corrected.Goal.ShouldBe("Устранение профессиональных затруднений молодого педагога");
        corrected.Kind.ShouldBe(MentoringKind.Situational);
        corrected.Problem.ShouldBe(program.Problem);
        corrected.Corrections.Single().Fields.ShouldBe(["goal", "tasks", "kind"]);
        var row = (await (await S.Curator.GetAsync($"{S.Programs}?mentorshipId={pair.Id}&kind=situational")).ShouldBeOk<Page<ProgramRow>>()).Items.Single();
        row.Goal.ShouldBe("Устранение профессиональных затруднений молодого педагога");
        row.EndOn.ShouldBe(new DateOnly(2026, 6, 30));
        row.Extensions.ShouldBe(1);

        var past = await (await S.Curator.GetAsync($"{S.Programs}/{program.Id}?asOf={Uri.EscapeDataString(before.ToString("O"))}")).ShouldBeOk<ProgramView>();
        past.EndOn.ShouldBe(new DateOnly(2026, 3, 21));
        past.Extensions.ShouldBeEmpty();
        past.Mentor.FullName.ShouldBe("Артеева Галина Петровна");
        var history = JsonDocument.Parse(await S.Curator.GetStringAsync($"{S.Programs}/{program.Id}/history")).RootElement.EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).ToList();
        history.ShouldBe(["program_created", "plan_row_added", "plan_row_added", "program_extended", "program_corrected"]);
    }

    [Fact]
    public async Task A_program_is_completed_with_one_of_the_seeds_reasons()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var pair = await S.ApprovedPair("Канев");
        var program = await Program(pair.Id);
        var complete = $"{S.Programs}/{program.Id}/complete";

        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(complete, new { }), "reason"))
            .ShouldBe("Укажите причину завершения: plan_completed, participant_initiative, curator_initiative.");
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(complete, new { reason = "participant_initiative" }), "note"))
            .ShouldContain("уважительные обстоятельства");
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(complete, new { reason = "curator_initiative" }), "note"))
            .ShouldContain("недолжное исполнение");
        (await MentoringScenario.Detail(await S.Curator.PostAsJsonAsync(complete, new { reason = "plan_completed" }), HttpStatusCode.Conflict))
            .ShouldStartWith("Не выполнено мероприятий плана: 2 из 2.");

        api.Clock.AdjustTime(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        foreach (var (row, on) in program.Plan.Zip(new[] { "2025-11-28", "2026-02-20" }))
            (await S.Curator.PostAsJsonAsync($"{S.Programs}/{program.Id}/plan/{row.Id}/done", new { doneOn = on })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await S.Curator.PostAsJsonAsync($"{S.Programs}/{program.Id}/plan/{program.Plan[0].Id}/done", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await S.Curator.PostAsJsonAsync($"{S.Programs}/{program.Id}/plan/{Guid.NewGuid()}/done", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MentoringScenario.Detail(await S.Curator.PostAsJsonAsync(complete, new { reason = "plan_completed" }), HttpStatusCode.Conflict))
            .ShouldBe("Заключительная встреча наставника и наставляемого ещё не проведена.");
        foreach (var (kind, date) in new[] { ("organizational", "2025-09-23"), ("trial", "2025-09-30"), ("planning", "2025-10-07"), ("regular", "2025-11-11"),
                     ("regular", "2026-01-20"), ("final", "2026-03-17") })
            await Met(program.Id, kind, date);
        (await MentoringScenario.Error(await S.Curator.PostAsJsonAsync(complete, new { reason = "plan_completed", completedOn = "2026-03-16" }), "completedOn"))
            .ShouldContain("раньше заключительной встречи (17.03.2026)");

        var done = await (await S.Curator.PostAsJsonAsync(complete, new { reason = "plan_completed", completedOn = "2026-03-18" })).ShouldBeOk<ProgramView>();
        done.Status.ShouldBe(ProgramStatus.Completed);
        done.StatusName.ShouldBe("Завершена");
        done.PlanDone.ShouldBe(2);
        done.Completion!.Reason.ShouldBe(CompletionReason.PlanCompleted);
        done.Completion.ReasonName.ShouldBe("Завершение плана мероприятий персонализированной программы наставничества в полном объеме");
        done.Completion.CompletedOn.ShouldBe(new DateOnly(2026, 3, 18));
        (await MentoringScenario.Detail(await S.Curator.PostAsJsonAsync(complete, new { reason = "plan_completed" }), HttpStatusCode.Conflict))
            .ShouldBe("Программа уже завершена (18.03.2026).");
        (await S.Curator.PostAsJsonAsync($"{S.Programs}/{program.Id}/extend", new { endOn = "2026-06-30", reason = "ещё" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await S.Curator.PostAsJsonAsync($"{S.Programs}/{program.Id}/plan", new { content = "ещё", deadline = "2026-03-19" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // By the curator's initiative, on another pair; and the first pair may start its next program.
        var second = await Program((await S.ApprovedPair("Шахов")).Id);
        var byCurator = await (await S.Curator.PostAsJsonAsync($"{S.Programs}/{second.Id}/complete", new
        {
            reason = "curator_initiative", note = "Встречи не проводились с ноября, план взаимодействия не выполняется",
        })).ShouldBeOk<ProgramView>();
        byCurator.Completion!.ReasonName.ShouldStartWith("По инициативе куратора (в случае недолжного исполнения");
        byCurator.Completion.Note.ShouldBe("Встречи не проводились с ноября, план взаимодействия не выполняется");
        var rows = await (await S.Curator.GetAsync($"{S.Programs}?status=completed&search=Шахов")).ShouldBeOk<Page<ProgramRow>>();
        rows.Items.Single().CompletionReason.ShouldBe("curator_initiative");
        (await S.Curator.PostAsJsonAsync(S.Programs, Body(pair.Id, startOn: "2026-03-20", endOn: "2026-09-19", firstDeadline: "2026-04-30", secondDeadline: "2026-08-31")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_program_past_its_end_is_overdue_in_the_list()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var pair = await S.ApprovedPair("Прохоров");
        var program = await Program(pair.Id, endOn: "2025-12-21");
        api.Clock.AdjustTime(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
        (await (await S.Curator.GetAsync($"{S.Programs}/{program.Id}")).ShouldBeOk<ProgramView>()).Overdue.ShouldBeTrue();
        var overdue = await (await S.Curator.GetAsync($"{S.Programs}?overdue=true&search=Прохоров")).ShouldBeOk<Page<ProgramRow>>();
        overdue.Items.Single().Id.ShouldBe(program.Id);
        (await (await S.Curator.GetAsync($"{S.Programs}?overdue=false&search=Прохоров")).ShouldBeOk<Page<ProgramRow>>()).Total.ShouldBe(0);
        (await (await S.Curator.GetAsync($"{S.Programs}?mentorId={pair.Mentor.PersonId}")).ShouldBeOk<Page<ProgramRow>>()).Items.Single().Id.ShouldBe(program.Id);
        (await (await S.Curator.GetAsync($"{S.Programs}?menteeId={pair.Mentees[0].PersonId}")).ShouldBeOk<Page<ProgramRow>>()).Total.ShouldBe(1);
        var bad = await Problem(await S.Curator.GetAsync($"{S.Programs}?status=x&level=y&sort=z"), HttpStatusCode.BadRequest);
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["status", "level", "sort"], ignoreOrder: true);
    }
}
