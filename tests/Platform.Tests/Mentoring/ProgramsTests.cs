using Alba;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

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

    private Task<ProgramView> Program(Guid mentorshipId, string endOn = "2026-03-21") =>
        S.Post(S.Programs, Body(mentorshipId, endOn: endOn, secondDeadline: string.CompareOrdinal(endOn, "2026-02-28") < 0 ? "2025-12-15" : "2026-02-28"), 201)
            .Json<ProgramView>();

    private Task<IScenarioResult> Meet(Guid program, string kind, string date, int status, string? notes = null) =>
        S.Post($"{S.Programs}/{program}/meetings", new { kind, date, notes }, status);

    private Task<ProgramView> Met(Guid program, string kind, string date, string? notes = null) => Meet(program, kind, date, 201, notes).Json<ProgramView>();

    [Fact]
    public async Task A_program_is_made_for_an_approved_pair_and_lasts_from_3_months_to_a_year()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var s = S;
        var proposed = await s.Pair(await s.Mentor("Терентьева Алла Ивановна"), [await s.Mentee("Терентьев Антон Ильич")]);
        (await MentoringScenario.Detail(s.Post(s.Programs, Body(proposed.Id), 409)))
            .ShouldStartWith("Пара ещё не закреплена приказом руководителя");

        var pair = await s.ApprovedPair("Носов");
        (await MentoringScenario.Error(s.Post(s.Programs, Body(pair.Id, endOn: "2025-12-20"), 400), "endOn"))
            .ShouldBe("Персонализированная программа рассчитана на срок от 3 месяцев до 1 года: при начале 22.09.2025 окончание — с 21.12.2025 по 21.09.2026.");
        (await MentoringScenario.Error(s.Post(s.Programs, Body(pair.Id, endOn: "2026-09-22"), 400), "endOn"))
            .ShouldContain("от 3 месяцев до 1 года");
        (await MentoringScenario.Error(s.Post(s.Programs, Body(pair.Id, startOn: "2025-09-10", endOn: "2026-03-09", firstDeadline: "2025-11-30"), 400),
            "startOn")).ShouldBe("Программа не может начаться раньше, чем пара закреплена приказом (с 20.09.2025).");
        (await MentoringScenario.Error(s.Post(s.Programs, Body(pair.Id, firstDeadline: "2026-04-01"), 400), "plan[0].deadline"))
            .ShouldBe("Срок — в пределах программы: с 22.09.2025 по 21.03.2026.");
        var empty = await s.Post(s.Programs, new { mentorshipId = pair.Id }, 400).Json();
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
        (await MentoringScenario.Detail(s.Post(s.Programs, Body(pair.Id), 409)))
            .ShouldContain("уже есть незавершённая программа");

        var shortPair = await s.ApprovedPair("Мезенцев");
        (await Program(shortPair.Id, endOn: "2025-12-21")).Months.ShouldBe(3);
        var pairView = await s.Get<MentorshipView>($"{s.Pairs}/{pair.Id}");
        pairView.ProgramId.ShouldBe(year.Id);
    }

    [Fact]
    public async Task Meetings_go_in_the_order_of_seed_003_and_the_final_one_comes_once_after_the_others()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var pair = await S.ApprovedPair("Хозяинов");
        var program = await Program(pair.Id);

        (await MentoringScenario.Detail(Meet(program.Id, "trial", "2025-09-24", 409)))
            .ShouldBe("Сначала отметьте организационную встречу: пробная рабочая встреча — вторая.");
        (await MentoringScenario.Detail(Meet(program.Id, "final", "2025-09-24", 409)))
            .ShouldBe("Заключительная встреча — последняя: ещё не проведены «Организационная встреча», «Пробная рабочая встреча», "
                + "«Встреча-планирование рабочего процесса», «Регулярная встреча».");
        (await MentoringScenario.Error(Meet(program.Id, "organizational", "2025-10-05", 400), "date")).ShouldContain("не позже сегодняшнего дня");
        (await MentoringScenario.Error(Meet(program.Id, "organizational", "2025-09-20", 400), "date")).ShouldContain("в пределах программы");
        (await Meet(program.Id, "coffee", "2025-09-23", 400).Json()).GetProperty("title").GetString().ShouldBe("Некорректный запрос");
        (await MentoringScenario.Error(S.Post($"{S.Programs}/{program.Id}/meetings", new { date = "2025-09-23" }, 400), "kind"))
            .ShouldBe("Укажите вид встречи: organizational, trial, planning, regular, final.");

        var first = await Met(program.Id, "organizational", "2025-09-23");
        first.NextMeetings.ShouldBe([MeetingKind.Trial]);
        first.Meetings.Single().KindName.ShouldBe("Организационная встреча");
        (await MentoringScenario.Detail(Meet(program.Id, "organizational", "2025-09-24", 409)))
            .ShouldBe("Организационная встреча уже проведена (23.09.2025): она одна в программе.");
        (await MentoringScenario.Detail(Meet(program.Id, "regular", "2025-09-24", 409))).ShouldStartWith("Регулярные встречи идут после встречи-планирования");
        (await MentoringScenario.Error(Meet(program.Id, "trial", "2025-09-22", 400), "date"))
            .ShouldBe("Пробная рабочая встреча не может пройти раньше 23.09.2025: встречи идут по порядку.");
        await Met(program.Id, "trial", "2025-09-26");
        var planned = await Met(program.Id, "planning", "2025-09-30");
        planned.NextMeetings.ShouldBe([MeetingKind.Regular]);

        api.Clock.AdjustTime(new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await Met(program.Id, "regular", "2025-10-14");
        var regular = await Met(program.Id, "regular", "2025-10-28");
        regular.NextMeetings.ShouldBe([MeetingKind.Regular, MeetingKind.Final]);
        (await MentoringScenario.Error(Meet(program.Id, "final", "2025-10-20", 400), "date")).ShouldContain("раньше 28.10.2025");
        var final = await Met(program.Id, "final", "2025-11-25", "Подведены итоги: наставляемый самостоятельно провёл открытый урок");
        final.Meetings.Select(m => m.Kind).ShouldBe([MeetingKind.Organizational, MeetingKind.Trial, MeetingKind.Planning, MeetingKind.Regular, MeetingKind.Regular, MeetingKind.Final]);
        final.Meetings[^1].Notes.ShouldBe("Подведены итоги: наставляемый самостоятельно провёл открытый урок");
        final.NextMeetings.ShouldBeEmpty();
        (await MentoringScenario.Detail(Meet(program.Id, "regular", "2025-11-26", 409)))
            .ShouldBe("Заключительная встреча уже проведена (25.11.2025): после неё встречи не добавляются.");

        var row = (await S.Get<Page<ProgramRow>>($"{S.Programs}?mentorshipId={pair.Id}")).Items.Single();
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

        (await MentoringScenario.Error(S.Post(extend, new { endOn = "2026-09-22", reason = "по обоюдному согласию" }, 400), "endOn"))
            .ShouldBe("Вместе с продлением программа длится не больше 1 года: окончание — не позже 21.09.2026.");
        (await MentoringScenario.Error(S.Post(extend, new { endOn = "2026-03-01", reason = "по обоюдному согласию" }, 400), "endOn"))
            .ShouldContain("позже нынешней (21.03.2026)");
        (await MentoringScenario.Error(S.Post(extend, new { endOn = "2026-06-30" }, 400), "reason")).ShouldContain("причину продления");
        var before = api.Clock.GetUtcNow();
        api.Clock.Advance(TimeSpan.FromHours(1));
        var extended = await S.Post(extend, new
        {
            endOn = "2026-06-30", reason = "Наставляемый ушёл на больничный; наставник и наставляемый договорились продлить программу", agreedOn = "2025-09-30",
        }).Json<ProgramView>();
        extended.EndOn.ShouldBe(new DateOnly(2026, 6, 30));
        extended.Months.ShouldBe(9);
        var extension = extended.Extensions.Single();
        (extension.From, extension.To, extension.AgreedOn).ShouldBe((new DateOnly(2026, 3, 21), new DateOnly(2026, 6, 30), new DateOnly(2025, 9, 30)));

        var correct = $"{S.Programs}/{program.Id}/correct";
        (await MentoringScenario.Error(S.Post(correct, new { goal = "Новая цель" }, 400), "reason")).ShouldContain("по обоюдному согласию");
        (await MentoringScenario.Error(S.Post(correct, new { reason = "по согласию", form = "teacher_teacher" }, 400), "content"))
            .ShouldStartWith("Укажите, что меняется");
        (await MentoringScenario.Error(S.Post(correct, new { reason = "по согласию", form = "dance_battle" }, 400), "form"))
            .ShouldContain("teacher_teacher");
        var corrected = await S.Post(correct, new
        {
            reason = "По обоюдному согласию: добавлена работа с электронным журналом", goal = "Устранение профессиональных затруднений молодого педагога",
            tasks = new[] { "Освоить приёмы управления классом", "Подготовить и провести родительское собрание", "Освоить электронный журнал" },
            kind = "situational",
        }).Json<ProgramView>();
        corrected.Goal.ShouldBe("Устранение профессиональных затруднений молодого педагога");
        corrected.Kind.ShouldBe(MentoringKind.Situational);
        corrected.Problem.ShouldBe(program.Problem);
        corrected.Corrections.Single().Fields.ShouldBe(["goal", "tasks", "kind"]);
        var row = (await S.Get<Page<ProgramRow>>($"{S.Programs}?mentorshipId={pair.Id}&kind=situational")).Items.Single();
        row.Goal.ShouldBe("Устранение профессиональных затруднений молодого педагога");
        row.EndOn.ShouldBe(new DateOnly(2026, 6, 30));
        row.Extensions.ShouldBe(1);

        var past = await S.Get<ProgramView>($"{S.Programs}/{program.Id}?asOf={Uri.EscapeDataString(before.ToString("O"))}");
        past.EndOn.ShouldBe(new DateOnly(2026, 3, 21));
        past.Extensions.ShouldBeEmpty();
        past.Mentor.FullName.ShouldBe("Артеева Галина Петровна");
        var history = (await S.Get($"{S.Programs}/{program.Id}/history").Json()).EnumerateArray()
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

        (await MentoringScenario.Error(S.Post(complete, new { }, 400), "reason"))
            .ShouldBe("Укажите причину завершения: plan_completed, participant_initiative, curator_initiative.");
        (await MentoringScenario.Error(S.Post(complete, new { reason = "participant_initiative" }, 400), "note"))
            .ShouldContain("уважительные обстоятельства");
        (await MentoringScenario.Error(S.Post(complete, new { reason = "curator_initiative" }, 400), "note"))
            .ShouldContain("недолжное исполнение");
        (await MentoringScenario.Detail(S.Post(complete, new { reason = "plan_completed" }, 409)))
            .ShouldStartWith("Не выполнено мероприятий плана: 2 из 2.");

        api.Clock.AdjustTime(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        foreach (var (row, on) in program.Plan.Zip(new[] { "2025-11-28", "2026-02-20" }))
            await S.Post($"{S.Programs}/{program.Id}/plan/{row.Id}/done", new { doneOn = on });
        await S.Post($"{S.Programs}/{program.Id}/plan/{program.Plan[0].Id}/done", new { }, 409);
        await S.Post($"{S.Programs}/{program.Id}/plan/{Guid.NewGuid()}/done", new { }, 404);
        (await MentoringScenario.Detail(S.Post(complete, new { reason = "plan_completed" }, 409)))
            .ShouldBe("Заключительная встреча наставника и наставляемого ещё не проведена.");
        foreach (var (kind, date) in new[] { ("organizational", "2025-09-23"), ("trial", "2025-09-30"), ("planning", "2025-10-07"), ("regular", "2025-11-11"),
                     ("regular", "2026-01-20"), ("final", "2026-03-17") })
            await Met(program.Id, kind, date);
        (await MentoringScenario.Error(S.Post(complete, new { reason = "plan_completed", completedOn = "2026-03-16" }, 400), "completedOn"))
            .ShouldContain("раньше заключительной встречи (17.03.2026)");

        var done = await S.Post(complete, new { reason = "plan_completed", completedOn = "2026-03-18" }).Json<ProgramView>();
        done.Status.ShouldBe(ProgramStatus.Completed);
        done.StatusName.ShouldBe("Завершена");
        done.PlanDone.ShouldBe(2);
        done.Completion!.Reason.ShouldBe(CompletionReason.PlanCompleted);
        done.Completion.ReasonName.ShouldBe("Завершение плана мероприятий персонализированной программы наставничества в полном объеме");
        done.Completion.CompletedOn.ShouldBe(new DateOnly(2026, 3, 18));
        (await MentoringScenario.Detail(S.Post(complete, new { reason = "plan_completed" }, 409)))
            .ShouldBe("Программа уже завершена (18.03.2026).");
        await S.Post($"{S.Programs}/{program.Id}/extend", new { endOn = "2026-06-30", reason = "ещё" }, 409);
        await S.Post($"{S.Programs}/{program.Id}/plan", new { content = "ещё", deadline = "2026-03-19" }, 409);

        // By the curator's initiative, on another pair; and the first pair may start its next program.
        var second = await Program((await S.ApprovedPair("Шахов")).Id);
        const string openRows = "SELECT count(*) FROM mentoring.program_plan_rows WHERE program_id = $1 AND done_on IS NULL AND program_open";
        (await api.Database.OwnerScalarAsync<long>(openRows, second.Id)).ShouldBe(2L, "its plan rows are open, so reminded");
        var byCurator = await S.Post($"{S.Programs}/{second.Id}/complete", new
        {
            reason = "curator_initiative", note = "Встречи не проводились с ноября, план взаимодействия не выполняется",
        }).Json<ProgramView>();
        byCurator.Completion!.ReasonName.ShouldStartWith("По инициативе куратора (в случае недолжного исполнения");
        byCurator.Completion.Note.ShouldBe("Встречи не проводились с ноября, план взаимодействия не выполняется");
        (await api.Database.OwnerScalarAsync<long>(openRows, second.Id)).ShouldBe(0L, "a completed program's rows not done are no longer reminded");
        var rows = await S.Get<Page<ProgramRow>>($"{S.Programs}?status=completed&search=Шахов");
        rows.Items.Single().CompletionReason.ShouldBe("curator_initiative");
        await S.Post(S.Programs, Body(pair.Id, startOn: "2026-03-20", endOn: "2026-09-19", firstDeadline: "2026-04-30", secondDeadline: "2026-08-31"), 201);
    }

    [Fact]
    public async Task A_program_past_its_end_is_overdue_in_the_list()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var pair = await S.ApprovedPair("Прохоров");
        var program = await Program(pair.Id, endOn: "2025-12-21");
        api.Clock.AdjustTime(new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero));
        (await S.Get<ProgramView>($"{S.Programs}/{program.Id}")).Overdue.ShouldBeTrue();
        var overdue = await S.Get<Page<ProgramRow>>($"{S.Programs}?overdue=true&search=Прохоров");
        overdue.Items.Single().Id.ShouldBe(program.Id);
        (await S.Get<Page<ProgramRow>>($"{S.Programs}?overdue=false&search=Прохоров")).Total.ShouldBe(0);
        (await S.Get<Page<ProgramRow>>($"{S.Programs}?mentorId={pair.Mentor.PersonId}")).Items.Single().Id.ShouldBe(program.Id);
        (await S.Get<Page<ProgramRow>>($"{S.Programs}?menteeId={pair.Mentees[0].PersonId}")).Total.ShouldBe(1);
        var bad = await S.Get($"{S.Programs}?status=x&level=y&sort=z", 400).Json();
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["status", "level", "sort"], ignoreOrder: true);
    }
}
