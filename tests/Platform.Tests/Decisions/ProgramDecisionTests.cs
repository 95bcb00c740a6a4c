using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A personalized program of a pair: created with its plan, rows done, meetings in order, extended, corrected, completed, evaluated.</summary>
public sealed class ProgramDecisionTests
{
    private static readonly Guid ProgramId = Guid.Parse("7a000000-0000-4000-8000-000000000001");
    private static readonly Guid PairId = Guid.Parse("9a000000-0000-4000-8000-000000000001");
    private static readonly Guid MentorId = Guid.Parse("9e000000-0000-4000-8000-000000000001");
    private static readonly Guid MenteeId = Guid.Parse("9e000000-0000-4000-8000-000000000002");
    private static readonly Guid Row1 = Guid.Parse("7b000000-0000-4000-8000-000000000001");
    private static readonly Guid Row2 = Guid.Parse("7b000000-0000-4000-8000-000000000002");
    private static readonly Guid MeetingId = Guid.Parse("7c000000-0000-4000-8000-000000000001");
    private static readonly Guid EvaluationId = Guid.Parse("7d000000-0000-4000-8000-000000000001");
    private static readonly DateOnly Today = new(2025, 12, 10);
    private static readonly DateOnly Start = new(2025, 9, 15);
    private static readonly DateOnly End = new(2026, 5, 31);

    private static Mentorship Proposed() => Mentorship.Create(new MentorshipProposed(PairId, MentorId, [MenteeId], "teacher_teacher", MentoringKind.Traditional,
        "Адаптация молодого педагога", Now.AddDays(-120)));

    private static Mentorship Active() => Proposed().Apply(new MentorshipApproved(Guid.NewGuid(), "45-о", new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 1)));

    private static CreateProgram Valid => new(PairId, " Трудности с дисциплиной на уроках ", "Освоить приёмы управления классом",
        ["Посетить уроки наставника", " посетить уроки наставника ", "Провести открытый урок"], "Открытый урок без замечаний", Start, End,
        Plan: [new PlanRowDraft(" Посещение уроков наставника ", "Записи наблюдений", null, new DateOnly(2025, 10, 15), " Анализ "),
               new PlanRowDraft("Открытый урок", Deadline: new DateOnly(2026, 4, 20))]);

    private static object[] Create(CreateProgram c, Mentorship? pair = null, bool otherInProgress = false)
    {
        var ids = new Queue<Guid>([Row1, Row2]);
        return ProgramCommands.Create(ProgramId, c, pair ?? Active(), otherInProgress, Now, ids.Dequeue);
    }

    /// <summary>Folded from the creation's events: the program with its two plan rows, nothing done.</summary>
    private static MentoringProgram Created()
    {
        var events = Create(Valid);
        return events.Skip(1).Cast<PlanRowAdded>().Aggregate(MentoringProgram.Create((ProgramCreated)events[0]), (p, e) => p.Apply(e));
    }

    private static MentoringProgram Meeting(MentoringProgram p, MeetingKind kind, DateOnly date) => p.Apply(new MeetingHeld(Guid.NewGuid(), kind, date, null));

    private static MentoringProgram AllMeetings() => Meeting(Meeting(Meeting(Meeting(Meeting(Created(),
        MeetingKind.Organizational, new(2025, 9, 16)), MeetingKind.Trial, new(2025, 9, 23)), MeetingKind.Planning, new(2025, 9, 30)),
        MeetingKind.Regular, new(2025, 10, 7)), MeetingKind.Final, new(2025, 12, 1));

    private static MentoringProgram Done(MentoringProgram p) => p.Apply(new PlanRowDone(Row1, new(2025, 10, 14), null)).Apply(new PlanRowDone(Row2, new(2025, 11, 20), null));

    private static Dictionary<string, int?> Scores(int score) => EvaluationCriteria.All.ToDictionary(c => c.Code, _ => (int?)score);

    [Fact]
    public void A_program_is_created_for_an_approved_pair_with_its_plan_in_the_pairs_form_and_kind()
    {
        var events = Create(Valid);
        events.Length.ShouldBe(3);
        events[0].ShouldBeOfType<ProgramCreated>().ShouldSatisfyAllConditions(
            e => e.ProgramId.ShouldBe(ProgramId), e => e.MentorshipId.ShouldBe(PairId), e => e.StartOn.ShouldBe(Start), e => e.EndOn.ShouldBe(End),
            e => e.CreatedAt.ShouldBe(Now), e => e.Content.Problem.ShouldBe("Трудности с дисциплиной на уроках"),
            e => e.Content.Tasks.ShouldBe(["Посетить уроки наставника", "Провести открытый урок"]),
            e => e.Content.Form.ShouldBe("teacher_teacher"), e => e.Content.Kind.ShouldBe(MentoringKind.Traditional), e => e.Content.Conditions.ShouldBeNull());
        events[1].ShouldBe(new PlanRowAdded(Row1, "Посещение уроков наставника", "Записи наблюдений", null, new DateOnly(2025, 10, 15), "Анализ"));
        events[2].ShouldBe(new PlanRowAdded(Row2, "Открытый урок", null, null, new DateOnly(2026, 4, 20), null));
    }

    [Fact]
    public void A_program_needs_a_pair_its_content_and_its_period()
    {
        var errors = Invalid(() => ProgramCommands.Create(ProgramId, new CreateProgram(null, null, null, null, null, null, null), null, false, Now, Guid.NewGuid));
        errors.Keys.Order().ShouldBe(["endOn", "form", "goal", "kind", "mentorshipId", "plannedResults", "problem", "startOn", "tasks"]);
        errors["mentorshipId"].ShouldBe(["Укажите наставническую пару (mentorshipId)."]);
        errors["problem"].ShouldBe(["Укажите проблему, для решения которой составлена программа."]);
        errors["tasks"].ShouldBe(["Укажите хотя бы одну задачу программы."]);
        errors["form"].Single().ShouldStartWith("Форма наставничества: teacher_teacher, leader_teacher, ");
        errors["startOn"].ShouldBe(["Укажите дату начала программы."]);
        errors["endOn"].ShouldBe(["Укажите дату окончания программы."]);
        Invalid(() => ProgramCommands.Create(ProgramId, Valid, null, false, Now, Guid.NewGuid))["mentorshipId"].ShouldBe(["Такой наставнической пары нет в организации."]);
    }

    [Fact]
    public void A_program_lasts_from_three_months_to_a_year_and_starts_after_the_pairs_order()
    {
        Invalid(() => Create(Valid with { EndOn = new DateOnly(2025, 12, 13), Plan = null }))["endOn"]
            .ShouldBe(["Персонализированная программа рассчитана на срок от 3 месяцев до 1 года: при начале 15.09.2025 окончание — с 14.12.2025 по 14.09.2026."]);
        Invalid(() => Create(Valid with { EndOn = new DateOnly(2026, 9, 15), Plan = null }))["endOn"].Single().ShouldEndWith("с 14.12.2025 по 14.09.2026.");
        Create(Valid with { EndOn = new DateOnly(2025, 12, 14), Plan = null }).Length.ShouldBe(1);
        Invalid(() => Create(Valid with { StartOn = new DateOnly(2025, 8, 31), EndOn = new DateOnly(2026, 5, 31), Plan = null }))["startOn"]
            .ShouldBe(["Программа не может начаться раньше, чем пара закреплена приказом (с 01.09.2025)."]);
        ProgramCommands.Months(new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31)).ShouldBe(3);
        ProgramCommands.LatestEnd(Start).ShouldBe(new DateOnly(2026, 9, 14));
    }

    [Fact]
    public void Plan_rows_fall_within_the_program()
    {
        var errors = Invalid(() => Create(Valid with { Plan = [new PlanRowDraft(null, Deadline: new DateOnly(2026, 6, 1)), new PlanRowDraft("Встреча")] }));
        errors["plan[0].content"].ShouldBe(["Укажите содержание работы."]);
        errors["plan[0].deadline"].ShouldBe(["Срок — в пределах программы: с 15.09.2025 по 31.05.2026."]);
        errors["plan[1].deadline"].ShouldBe(["Укажите срок."]);
    }

    [Fact]
    public void Only_an_approved_pair_without_another_program_in_progress_gets_a_program()
    {
        Rule(() => Create(Valid, Proposed())).ShouldBe("Пара ещё не закреплена приказом руководителя: программа составляется для закреплённой пары.");
        Rule(() => Create(Valid, Active().Apply(new MentorshipDissolved(Today, "Программа завершена"))))
            .ShouldBe("Пара расформирована 10.12.2025.");
        Rule(() => Create(Valid, otherInProgress: true))
            .ShouldBe("У пары уже есть незавершённая программа: продлите или скорректируйте её, либо сначала завершите.");
    }

    [Fact]
    public void A_plan_row_is_added_and_marked_done_once()
    {
        var rowId = Guid.Parse("7b000000-0000-4000-8000-000000000003");
        ProgramCommands.AddPlanRow(Created(), rowId, new PlanRowDraft(" Анализ урока ", Deadline: new DateOnly(2025, 12, 20)))
            .ShouldBe(new PlanRowAdded(rowId, "Анализ урока", null, null, new DateOnly(2025, 12, 20), null));
        var done = ProgramCommands.MarkDone(Created(), Row1, new MarkPlanRowDone(new DateOnly(2025, 10, 14), " Посещено 4 урока "), Today);
        done.ShouldBe(new PlanRowDone(Row1, new DateOnly(2025, 10, 14), "Посещено 4 урока"));
        Rule(() => ProgramCommands.MarkDone(Created().Apply(done), Row1, new MarkPlanRowDone(), Today))
            .ShouldBe("Мероприятие уже отмечено выполненным (14.10.2025).");
        NotFound(() => ProgramCommands.MarkDone(Created(), Guid.NewGuid(), new MarkPlanRowDone(), Today)).ShouldBe("Такой строки плана взаимодействия нет.");
        var errors = Invalid(() => ProgramCommands.MarkDone(Created(), Row1, new MarkPlanRowDone(Today.AddDays(1)), Today));
        errors["doneOn"].ShouldBe(["Дата выполнения не может быть в будущем."]);
        Invalid(() => ProgramCommands.MarkDone(Created(), Row1, new MarkPlanRowDone(new DateOnly(2025, 9, 14)), Today))["doneOn"]
            .ShouldBe(["Дата выполнения раньше начала программы (15.09.2025)."]);
    }

    [Fact]
    public void Meetings_go_in_order_organizational_trial_planning_regular_final()
    {
        ProgramCommands.HoldMeeting(Created(), MeetingId, new HoldMeeting(MeetingKind.Organizational, new DateOnly(2025, 9, 16), " Знакомство "), Today)
            .ShouldBe(new MeetingHeld(MeetingId, MeetingKind.Organizational, new DateOnly(2025, 9, 16), "Знакомство"));
        Rule(() => ProgramCommands.HoldMeeting(Created(), MeetingId, new HoldMeeting(MeetingKind.Trial, new DateOnly(2025, 9, 20)), Today))
            .ShouldBe("Сначала отметьте организационную встречу: пробная рабочая встреча — вторая.");
        var organized = Meeting(Created(), MeetingKind.Organizational, new DateOnly(2025, 9, 16));
        Rule(() => ProgramCommands.HoldMeeting(organized, MeetingId, new HoldMeeting(MeetingKind.Organizational, new DateOnly(2025, 9, 17)), Today))
            .ShouldBe("Организационная встреча уже проведена (16.09.2025): она одна в программе.");
        Invalid(() => ProgramCommands.HoldMeeting(organized, MeetingId, new HoldMeeting(MeetingKind.Trial, new DateOnly(2025, 9, 15)), Today))["date"]
            .ShouldBe(["Пробная рабочая встреча не может пройти раньше 16.09.2025: встречи идут по порядку."]);
        Rule(() => ProgramCommands.HoldMeeting(organized, MeetingId, new HoldMeeting(MeetingKind.Final, new DateOnly(2025, 12, 1)), Today))
            .ShouldBe("Заключительная встреча — последняя: ещё не проведены «Пробная рабочая встреча», «Встреча-планирование рабочего процесса», «Регулярная встреча».");
        Rule(() => ProgramCommands.HoldMeeting(organized, MeetingId, new HoldMeeting(MeetingKind.Regular, new DateOnly(2025, 10, 1)), Today))
            .ShouldBe("Регулярные встречи идут после встречи-планирования, на которой их число и определяют: сначала отметьте её.");
        Rule(() => ProgramCommands.HoldMeeting(AllMeetings(), MeetingId, new HoldMeeting(MeetingKind.Regular, Today), Today))
            .ShouldBe("Заключительная встреча уже проведена (01.12.2025): после неё встречи не добавляются.");
    }

    [Fact]
    public void A_meeting_is_recorded_once_held_within_the_program()
    {
        var errors = Invalid(() => ProgramCommands.HoldMeeting(Created(), MeetingId, new HoldMeeting(null, null), Today));
        errors["kind"].ShouldBe(["Укажите вид встречи: organizational, trial, planning, regular, final."]);
        errors["date"].ShouldBe(["Укажите дату встречи."]);
        Invalid(() => ProgramCommands.HoldMeeting(Created(), MeetingId, new HoldMeeting(MeetingKind.Organizational, Today.AddDays(1)), Today))["date"]
            .ShouldBe(["Встреча отмечается, когда она состоялась: дата — не позже сегодняшнего дня."]);
        Invalid(() => ProgramCommands.HoldMeeting(Created(), MeetingId, new HoldMeeting(MeetingKind.Organizational, new DateOnly(2025, 9, 1)), Today))["date"]
            .ShouldBe(["Дата встречи — в пределах программы: с 15.09.2025 по 31.05.2026."]);
    }

    [Fact]
    public void A_program_is_extended_by_mutual_consent_up_to_a_year_in_all()
    {
        var e = ProgramCommands.Extend(Created(), new ExtendProgram(new DateOnly(2026, 8, 31), " Болезнь наставляемого "), Today);
        e.ShouldBe(new ProgramExtended(End, new DateOnly(2026, 8, 31), "Болезнь наставляемого", Today));
        var extended = Created().Apply(e);
        extended.EndOn.ShouldBe(new DateOnly(2026, 8, 31));
        extended.Extensions.Count.ShouldBe(1);
        Invalid(() => ProgramCommands.Extend(Created(), new ExtendProgram(new DateOnly(2026, 9, 15), "Болезнь"), Today))["endOn"]
            .ShouldBe(["Вместе с продлением программа длится не больше 1 года: окончание — не позже 14.09.2026."]);
        var errors = Invalid(() => ProgramCommands.Extend(Created(), new ExtendProgram(End, null, Today.AddDays(1)), Today));
        errors["endOn"].ShouldBe(["Продление — это новая дата окончания позже нынешней (31.05.2026)."]);
        errors["reason"].ShouldBe(["Укажите причину продления."]);
        errors["agreedOn"].ShouldBe(["Дата согласия наставника и наставляемого не может быть в будущем."]);
    }

    [Fact]
    public void A_correction_names_the_fields_it_changes_and_must_change_one()
    {
        var e = ProgramCommands.Correct(Created(), new CorrectProgram(" По итогам встречи-планирования ", Goal: "Освоить приёмы работы с родителями"), Today);
        e.Fields.ShouldBe(["goal"]);
        e.Reason.ShouldBe("По итогам встречи-планирования");
        e.AgreedOn.ShouldBe(Today);
        e.Content.Goal.ShouldBe("Освоить приёмы работы с родителями");
        e.Content.Problem.ShouldBe("Трудности с дисциплиной на уроках");
        Invalid(() => ProgramCommands.Correct(Created(), new CorrectProgram("Ничего", Goal: " Освоить приёмы управления классом "), Today))["content"]
            .ShouldBe(["Укажите, что меняется: проблема, цель, задачи, форма, вид, планируемые результаты, условия или методы работы."]);
        Invalid(() => ProgramCommands.Correct(Created(), new CorrectProgram(null, Form: "tandem"), Today)).ShouldSatisfyAllConditions(
            errors => errors["reason"].ShouldBe(["Укажите причину корректировки (по обоюдному согласию наставника и наставляемого)."]),
            errors => errors["form"].Single().ShouldStartWith("Форма наставничества: teacher_teacher"));
    }

    [Fact]
    public void A_program_completes_with_its_plan_done_after_the_final_meeting()
    {
        var e = ProgramCommands.Complete(Done(AllMeetings()), new CompleteProgram(CompletionReason.PlanCompleted), Today);
        e.ShouldBe(new ProgramCompleted(CompletionReason.PlanCompleted, Today, null));
        var completed = Done(AllMeetings()).Apply(e);
        completed.InProgress.ShouldBeFalse();
        Rule(() => ProgramCommands.Complete(completed, new CompleteProgram(CompletionReason.CuratorInitiative, "Ещё раз"), Today))
            .ShouldBe("Программа уже завершена (10.12.2025).");
        Rule(() => ProgramCommands.AddPlanRow(completed, Guid.NewGuid(), new PlanRowDraft("Ещё", Deadline: Today)))
            .ShouldBe("Программа завершена (10.12.2025): изменения не принимаются.");
        Invalid(() => ProgramCommands.Complete(Done(AllMeetings()), new CompleteProgram(CompletionReason.PlanCompleted, null, new DateOnly(2025, 11, 30)), Today))["completedOn"]
            .ShouldBe(["Дата завершения раньше заключительной встречи (01.12.2025)."]);
    }

    [Fact]
    public void The_plan_is_not_declared_completed_with_open_rows_no_rows_or_no_final_meeting()
    {
        Rule(() => ProgramCommands.Complete(AllMeetings().Apply(new PlanRowDone(Row1, new(2025, 10, 14), null)), new CompleteProgram(CompletionReason.PlanCompleted), Today))
            .ShouldBe("Не выполнено мероприятий плана: 1 из 2. Отметьте их выполнение или выберите другую причину завершения.");
        Rule(() => ProgramCommands.Complete(Done(Created()), new CompleteProgram(CompletionReason.PlanCompleted), Today))
            .ShouldBe("Заключительная встреча наставника и наставляемого ещё не проведена.");
        var events = Create(Valid with { Plan = null });
        Rule(() => ProgramCommands.Complete(MentoringProgram.Create((ProgramCreated)events.Single()), new CompleteProgram(CompletionReason.PlanCompleted), Today))
            .ShouldBe("В плане взаимодействия нет мероприятий: «план выполнен в полном объеме» подтвердить нечем.");
    }

    [Fact]
    public void An_early_completion_states_its_circumstances()
    {
        var errors = Invalid(() => ProgramCommands.Complete(Created(), new CompleteProgram(null, null, Today.AddDays(1)), Today));
        errors["reason"].ShouldBe(["Укажите причину завершения: plan_completed, participant_initiative, curator_initiative."]);
        errors["completedOn"].ShouldBe(["Дата завершения не может быть в будущем."]);
        Invalid(() => ProgramCommands.Complete(Created(), new CompleteProgram(CompletionReason.ParticipantInitiative), Today))["note"]
            .ShouldBe(["Укажите уважительные обстоятельства, по которым наставник или наставляемый завершают программу досрочно."]);
        Invalid(() => ProgramCommands.Complete(Created(), new CompleteProgram(CompletionReason.CuratorInitiative), Today))["note"]
            .ShouldBe(["Укажите в чём выразилось недолжное исполнение программы."]);
        ProgramCommands.Complete(Created(), new CompleteProgram(CompletionReason.ParticipantInitiative, " Переезд наставляемого "), Today)
            .ShouldBe(new ProgramCompleted(CompletionReason.ParticipantInitiative, Today, "Переезд наставляемого"));
    }

    [Fact]
    public void An_evaluation_scores_nine_criteria_and_gives_the_level()
    {
        var e = ProgramCommands.Evaluate(Created(), new EvaluateProgram(Scores(2), null, " Итоговая "), Today, EvaluationId);
        e.ShouldSatisfyAllConditions(
            x => x.EvaluationId.ShouldBe(EvaluationId), x => x.EvaluatedOn.ShouldBe(Today), x => x.Total.ShouldBe(18),
            x => x.Level.ShouldBe(EvaluationLevel.Optimal), x => x.Note.ShouldBe("Итоговая"), x => x.Scores.Length.ShouldBe(9),
            x => x.Scores[0].ShouldBe(new CriterionScore("goals_and_tasks", 2)));
        ProgramCommands.Evaluate(Created(), new EvaluateProgram(Scores(1)), Today, EvaluationId).ShouldSatisfyAllConditions(
            x => x.Total.ShouldBe(9), x => x.Level.ShouldBe(EvaluationLevel.Acceptable));
        var low = Scores(1);
        low["goals_and_tasks"] = 0;
        ProgramCommands.Evaluate(Created(), new EvaluateProgram(low), Today, EvaluationId).ShouldSatisfyAllConditions(
            x => x.Total.ShouldBe(8), x => x.Level.ShouldBe(EvaluationLevel.Unacceptable));
    }

    [Fact]
    public void Every_criterion_is_scored_0_to_2_and_no_other_is_accepted()
    {
        var scores = Scores(2);
        scores.Remove("goals_and_tasks");
        scores["principles"] = 3;
        scores["beauty"] = 2;
        var errors = Invalid(() => ProgramCommands.Evaluate(Created(), new EvaluateProgram(scores, new DateOnly(2025, 9, 1)), Today, EvaluationId));
        errors["scores.goals_and_tasks"].ShouldBe(["Оцените показатель «Соответствие наставнической деятельности цели и задачам, по которым она осуществляется»: "
            + "2 — в полной мере, 1 — частично, 0 — не проявился."]);
        errors["scores.principles"].Single().ShouldStartWith("Оцените показатель «Соответствие организации наставнической деятельности принципам");
        errors["scores.beauty"].ShouldBe(["Такого критерия нет. Критерии: goals_and_tasks, principles, modern_approaches, psychological_climate, "
            + "mentor_reasoning, participants_satisfaction, partners_satisfaction, mentee_activity, mentee_application."]);
        errors["evaluatedOn"].ShouldBe(["Дата оценки раньше начала программы (15.09.2025)."]);
    }
}
