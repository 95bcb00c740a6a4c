using Platform.Mentoring.RoadMaps;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>A school's road map: created with stages and activities, its activities rescheduled, done with evidence, removed.</summary>
public sealed class RoadMapDecisionTests
{
    private static readonly Guid MapId = Guid.Parse("7a000000-0000-4000-8000-000000000001");

    private static Func<Guid> Ids()
    {
        var n = 0;
        return () => Guid.Parse($"7b000000-0000-4000-8000-{++n:D12}");
    }

    private static readonly DateOnly Today = new(2025, 10, 15);

    private static Guid IdNo(int n) => Guid.Parse($"7b000000-0000-4000-8000-{n:D12}");

    private static CreateRoadMap Valid => new(" Дорожная карта 2025/2026 ", 2025, 1, null, [
        new StageDraft(" Подготовка ", " Локальные акты ", [
            new ActivityDraft(" Приказ о положении ", null, Period.Months(2025, 10, 2025, 11), ["director", "curator"], " Директор ", "Приказ издан"),
        ]),
        new StageDraft("Завершение"),
    ]);

    private static RoadMap Map() => RoadMapCommands.Create(MapId, Valid, Now, Ids()).Aggregate(
        (RoadMap?)null, (map, e) => e switch
        {
            RoadMapCreated c => RoadMap.Create(c),
            StageAdded s => map!.Apply(s),
            ActivityAdded a => map!.Apply(a),
            _ => throw new InvalidOperationException(e.GetType().Name),
        })!;

    // Ids: 1 — stage «Подготовка», 2 — its activity, 3 — stage «Завершение».
    private static readonly Guid Preparation = IdNo(1), Order = IdNo(2), Closing = IdNo(3);

    [Fact]
    public void A_road_map_is_created_with_its_stages_and_activities_in_order_and_trimmed()
    {
        var events = RoadMapCommands.Create(MapId, Valid, Now, Ids());
        events.Length.ShouldBe(4);
        events[0].ShouldBe(new RoadMapCreated(MapId, "Дорожная карта 2025/2026", 2025, 1, null, Now));
        events[1].ShouldBe(new StageAdded(Preparation, "Подготовка", "Локальные акты"));
        var activity = events[2].ShouldBeOfType<ActivityAdded>();
        activity.ActivityId.ShouldBe(Order);
        activity.StageId.ShouldBe(Preparation);
        activity.Title.ShouldBe("Приказ о положении");
        activity.Period.ShouldBe(Period.Months(2025, 10, 2025, 11));
        activity.ResponsibleRoles.ShouldBe(["director", "curator"]);
        activity.Responsible.ShouldBe("Директор");
        events[3].ShouldBe(new StageAdded(Closing, "Завершение", null));
    }

    [Fact]
    public void Creating_checks_the_title_the_school_year_the_span_and_every_nested_activity()
    {
        var errors = Invalid(() => RoadMapCommands.Create(MapId, new CreateRoadMap(null, 1999, 11, null, [
            new StageDraft(" ", null, [new ActivityDraft("Приказ", null, new Period(PeriodKind.Months, From: "2025-11", To: "2025-10"), ["janitor"])]),
        ]), Now, Ids()));
        errors["title"].ShouldBe(["Укажите название дорожной карты."]);
        errors["firstYear"].ShouldBe(["Укажите учебный год: год его начала, например 2024 для 2024/2025."]);
        errors["years"].ShouldBe(["Дорожная карта рассчитана на 1–10 учебных лет."]);
        errors["stages[0].title"].ShouldBe(["Укажите название этапа."]);
        errors["stages[0].activities[0].period"].ShouldBe(["Последний месяц не может быть раньше первого."]);
        errors["stages[0].activities[0].responsibleRoles"].Single().ShouldStartWith("Неизвестная роль ответственного. Возможные: director, ");
    }

    [Fact]
    public void Changing_nothing_about_the_map_produces_no_event()
    {
        RoadMapCommands.Change(Map(), new ChangeRoadMap("Дорожная карта 2025/2026", null, 1)).ShouldBeEmpty();
        RoadMapCommands.Change(Map(), new ChangeRoadMap(null, null, 2)).ShouldBe([new RoadMapDetailsChanged("Дорожная карта 2025/2026", 2025, 2)]);
    }

    [Fact]
    public void A_stage_with_activities_is_not_removed()
    {
        Rule(() => RoadMapCommands.RemoveStage(Map(), Preparation)).ShouldBe("В этапе есть мероприятия: сначала удалите их.");
        RoadMapCommands.RemoveStage(Map(), Closing).ShouldBe(new StageRemoved(Closing));
        NotFound(() => RoadMapCommands.RemoveStage(Map(), Guid.NewGuid())).ShouldBe("Этап не найден.");
    }

    [Fact]
    public void An_activity_is_added_to_a_stage_of_this_map_only()
    {
        Invalid(() => RoadMapCommands.AddActivity(Map(), Guid.NewGuid(), new AddActivity(Guid.NewGuid(), "Семинар", null, null, null, null, null)))["stageId"]
            .ShouldBe(["Укажите этап этой дорожной карты."]);
        var e = RoadMapCommands.AddActivity(Map(), IdNo(9), new AddActivity(Closing, " Семинар ", " ", Period.InMonth(2026, 5), null, null, null));
        e.ShouldSatisfyAllConditions(a => a.StageId.ShouldBe(Closing), a => a.Title.ShouldBe("Семинар"), a => a.Content.ShouldBeNull(),
            a => a.ResponsibleRoles.ShouldBeEmpty());
    }

    [Fact]
    public void Rescheduling_needs_a_new_period_and_a_reason_and_counts()
    {
        var e = RoadMapCommands.Reschedule(Map(), Order, new RescheduleActivity(Period.InMonth(2025, 12), " Совпало с каникулами "));
        e.ShouldBe(new ActivityRescheduled(Order, Period.Months(2025, 10, 2025, 11), Period.InMonth(2025, 12), "Совпало с каникулами"));
        Map().Apply(e).FindActivity(Order)!.Reschedules.ShouldBe(1);

        var errors = Invalid(() => RoadMapCommands.Reschedule(Map(), Order, new RescheduleActivity(null, null)));
        errors["period"].ShouldBe(["Укажите новый срок."]);
        errors["reason"].ShouldBe(["Укажите причину переноса."]);
        Rule(() => RoadMapCommands.Reschedule(Map(), Order, new RescheduleActivity(Period.Months(2025, 10, 2025, 11), "Так")))
            .ShouldBe("Новый срок совпадает с прежним.");
    }

    [Fact]
    public void A_done_activity_is_not_rescheduled()
    {
        var done = Map().Apply(new ActivityStatusChanged(Order, ActivityStatus.Planned, ActivityStatus.Done, "Приказ № 12", null));
        Rule(() => RoadMapCommands.Reschedule(done, Order, new RescheduleActivity(Period.InMonth(2026, 1), "Поздно")))
            .ShouldBe("Мероприятие уже выполнено или отменено: переносить нечего.");
    }

    [Fact]
    public void Done_needs_evidence_and_cancelled_needs_a_note()
    {
        Invalid(() => RoadMapCommands.ChangeStatus(Map(), Order, new ChangeActivityStatus(ActivityStatus.Done, " ", null), Today))["evidence"]
            .ShouldBe(["Укажите подтверждение выполнения: протокол, приказ, ссылку на публикацию."]);
        Invalid(() => RoadMapCommands.ChangeStatus(Map(), Order, new ChangeActivityStatus(ActivityStatus.Cancelled, null, null), Today))["note"]
            .ShouldBe(["Укажите, почему мероприятие отменено."]);
        Invalid(() => RoadMapCommands.ChangeStatus(Map(), Order, new ChangeActivityStatus(null, null, null), Today))["status"]
            .ShouldBe(["Укажите статус: planned, in_progress, done или cancelled."]);
    }

    [Fact]
    public void A_status_change_records_from_and_to_and_the_same_status_without_evidence_is_nothing()
    {
        RoadMapCommands.ChangeStatus(Map(), Order, new ChangeActivityStatus(ActivityStatus.Done, " Приказ № 12 ", null), Today)
            .ShouldBe([new ActivityStatusChanged(Order, ActivityStatus.Planned, ActivityStatus.Done, "Приказ № 12", null)]);
        RoadMapCommands.ChangeStatus(Map(), Order, new ChangeActivityStatus(ActivityStatus.Planned, null, null), Today).ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_activities_are_not_found()
    {
        NotFound(() => RoadMapCommands.RemoveActivity(Map(), Guid.NewGuid())).ShouldBe("Мероприятие не найдено.");
        NotFound(() => RoadMapCommands.ChangeStatus(Map(), Guid.NewGuid(), new ChangeActivityStatus(ActivityStatus.Done, "x", null), Today))
            .ShouldBe("Мероприятие не найдено.");
    }

    // A three-year road map (2025/2026 … 2027/2028) with a yearly activity («ежегодно», December) beside the dated one.
    private static readonly Guid Yearly = IdNo(9);

    private static RoadMap ThreeYears() => Map().Apply(new RoadMapDetailsChanged("Дорожная карта 2025–2028", 2025, 3))
        .Apply(new ActivityAdded(Yearly, Closing, "Отчёт о наставничестве в управление образования", null, Period.Yearly(12), ["curator"], null, null));

    [Fact]
    public void A_road_map_runs_one_school_year_up_to_the_whole_programme()
    {
        var events = RoadMapCommands.Create(MapId, Valid with { FirstYear = 2021, Years = 3 }, Now, Ids());
        events[0].ShouldBe(new RoadMapCreated(MapId, "Дорожная карта 2025/2026", 2021, 3, null, Now)); // «2021–2024»
        RoadMapView.SchoolYearsText(2021, 3).ShouldBe("2021/2024 учебные годы");
        RoadMapCommands.Create(MapId, Valid with { Years = RoadMapCommands.MaxYears }, Now, Ids()).ShouldNotBeEmpty();
        Invalid(() => RoadMapCommands.Create(MapId, Valid with { Years = null }, Now, Ids()))["years"].ShouldBe(["Дорожная карта рассчитана на 1–10 учебных лет."]);
        Invalid(() => RoadMapCommands.Create(MapId, Valid with { Years = 0 }, Now, Ids())).Keys.ShouldBe(["years"]);
        RoadMapCommands.Change(Map(), new ChangeRoadMap(null, 2022, 2)).ShouldBe([new RoadMapDetailsChanged("Дорожная карта 2025/2026", 2022, 2)]);
    }

    [Fact]
    public void A_yearly_activity_is_marked_for_the_current_school_year_and_is_open_again_the_next()
    {
        var map = ThreeYears();
        var done = RoadMapCommands.ChangeStatus(map, Yearly, new ChangeActivityStatus(ActivityStatus.Done, "Отчёт № 5 от 20.12.2025", null), new DateOnly(2025, 12, 20));
        done.ShouldBe([new ActivityStatusChanged(Yearly, ActivityStatus.Planned, ActivityStatus.Done, "Отчёт № 5 от 20.12.2025", null, 2025)]);
        map = map.Apply((ActivityStatusChanged)done[0]);

        var activity = map.FindActivity(Yearly)!;
        activity.StatusIn(2025).ShouldBe(ActivityStatus.Done);
        activity.StatusIn(2026).ShouldBe(ActivityStatus.Planned);
        activity.EvidenceIn(2026).ShouldBeNull();

        // The view of 2025/2026 shows it done; of 2026/2027 open, and overdue once 31 December 2026 has passed.
        var thisYear = RoadMapView.From(map, 2, new DateOnly(2026, 1, 10)).Stages[1].Activities.Single(a => a.Id == Yearly);
        (thisYear.Status, thisYear.Overdue, thisYear.SchoolYear, thisYear.Evidence).ShouldBe((ActivityStatus.Done, false, 2025, "Отчёт № 5 от 20.12.2025"));
        var nextYear = RoadMapView.From(map, 2, new DateOnly(2026, 12, 1)).Stages[1].Activities.Single(a => a.Id == Yearly);
        (nextYear.Status, nextYear.Overdue, nextYear.DueOn).ShouldBe((ActivityStatus.Planned, false, new DateOnly(2026, 12, 31)));
        var late = RoadMapView.From(map, 2, new DateOnly(2027, 1, 1));
        late.Stages[1].Activities.Single(a => a.Id == Yearly).Overdue.ShouldBeTrue();
        late.Done.ShouldBe(0);

        // Marking next year's is a change of next year's status: from planned, this year's done stays.
        var next = RoadMapCommands.ChangeStatus(map, Yearly, new ChangeActivityStatus(ActivityStatus.InProgress, null, null), new DateOnly(2026, 11, 2));
        next.ShouldBe([new ActivityStatusChanged(Yearly, ActivityStatus.Planned, ActivityStatus.InProgress, null, null, 2026)]);
        map.Apply((ActivityStatusChanged)next[0]).FindActivity(Yearly)!.StatusIn(2025).ShouldBe(ActivityStatus.Done);
        // Planned in a year where it is planned is nothing; planned again in the year it was done reopens that year only.
        RoadMapCommands.ChangeStatus(map, Yearly, new ChangeActivityStatus(ActivityStatus.Planned, null, null), new DateOnly(2026, 11, 2)).ShouldBeEmpty();
        RoadMapCommands.ChangeStatus(map, Yearly, new ChangeActivityStatus(ActivityStatus.Planned, null, null, 2025), new DateOnly(2026, 11, 2))
            .ShouldBe([new ActivityStatusChanged(Yearly, ActivityStatus.Done, ActivityStatus.Planned, null, null, 2025)]);
    }

    [Fact]
    public void A_school_year_is_named_only_for_a_yearly_activity_and_only_one_of_the_maps_years()
    {
        var map = ThreeYears();
        RoadMapCommands.ChangeStatus(map, Yearly, new ChangeActivityStatus(ActivityStatus.Done, "Отчёт", null, 2027), Today)
            .ShouldBe([new ActivityStatusChanged(Yearly, ActivityStatus.Planned, ActivityStatus.Done, "Отчёт", null, 2027)]);
        Invalid(() => RoadMapCommands.ChangeStatus(map, Yearly, new ChangeActivityStatus(ActivityStatus.Done, "Отчёт", null, 2028), Today))["schoolYear"]
            .ShouldBe(["Учебный год — один из лет дорожной карты: 2025–2027 (год начала учебного года)."]);
        Invalid(() => RoadMapCommands.ChangeStatus(map, Order, new ChangeActivityStatus(ActivityStatus.Done, "Приказ", null, 2025), Today))["schoolYear"]
            .ShouldBe(["Учебный год указывают только для ежегодных мероприятий."]);
        // After the road map's last year a yearly activity is marked in its last year.
        RoadMapCommands.ChangeStatus(map, Yearly, new ChangeActivityStatus(ActivityStatus.Done, "Отчёт", null), new DateOnly(2029, 3, 1))
            .ShouldBe([new ActivityStatusChanged(Yearly, ActivityStatus.Planned, ActivityStatus.Done, "Отчёт", null, 2027)]);
    }
}
