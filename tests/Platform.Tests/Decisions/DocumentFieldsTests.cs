using Platform.Mentoring.Appointments;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.DistrictActs.Documents;
using Platform.Mentoring.DistrictDeadlines;
using Platform.Mentoring.Documents;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.LocalActs.Documents;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;
using Platform.Mentoring.Programs.Documents;
using Platform.Mentoring.Recognition.Contests;
using Platform.Mentoring.RoadMaps;
using Platform.Mentoring.RoadMaps.Documents;
using Platform.Reporting.Dashboard;
using Platform.Reporting.Dashboard.Documents;

namespace Platform.Tests.Decisions;

/// <summary>
/// Each document's data fills exactly the placeholders its kind declares (what a district's own template may use): no
/// undeclared field, none left out; every kind is in <see cref="DocumentKinds.All"/> once.
/// </summary>
public sealed class DocumentFieldsTests
{
    private static readonly DateOnly Day = new(2026, 3, 20);
    private static readonly OrderRequisites Requisites = new("МБОУ СОШ № 1", "Директор", "20 марта 2026 г.", "№ 1", "О чём-то");
    private static readonly LocalAct Act = new(Guid.NewGuid(), LocalActKind.PairApproval, "1", Day, "О парах", null, null, null, []);

    internal static ProgramView Program()
    {
        var person = new PersonRef(Guid.NewGuid(), "Петров Иван Иванович", "teacher", "учитель");
        var evaluation = EvaluationView.From(Guid.NewGuid(), Day, EvaluationCriteria.All.Select(c => new CriterionScore(c.Code, 2)).ToList(), 18,
            EvaluationLevel.Optimal, null);
        return new ProgramView(Guid.NewGuid(), Guid.NewGuid(), person, [person with { FullName = "Иванова Мария Петровна" }], "Проблема", "Цель", ["Задача"],
            "teacher_teacher", "Педагог – педагог", MentoringKind.Traditional, "Традиционная", "Результаты", "Условия", "Методы", ProgramView.TemplatePrinciples,
            Day.AddMonths(-6), Day, 6, ProgramStatus.Completed, "Завершена", false,
            [new PlanRowView(Guid.NewGuid(), "Содержание", "Результат", "Методы", Day, "Контроль", true, Day, null, false)], 1,
            [new MeetingView(Guid.NewGuid(), MeetingKind.Organizational, "Организационная встреча", Day, null)], [],
            [new ExtensionView(Day.AddMonths(-1), Day, "Причина", Day.AddMonths(-2))], [],
            new CompletionView(CompletionReason.PlanCompleted, "Завершение плана", Day, null), [evaluation], DateTimeOffset.UnixEpoch, 1);
    }

    private static DistrictDashboard Dashboard()
    {
        var coverage = new CoverageFigure(1, 10, 10m, 30m, false);
        var row = new SchoolDashboardRow(Guid.NewGuid(), Guid.NewGuid(), "СОШ № 1", "school", new RequiredActs(true, true, true, true, 1), 1, 1, 0, 1, 1, 0,
            coverage, coverage, 0, new EvaluationLevels(1, 0, 0), false, []);
        return new DistrictDashboard(Guid.NewGuid(), "Район", 2025, "2025/2026 учебный год", 30m, 10m,
            new DashboardTotals(1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, coverage, coverage, 0, new EvaluationLevels(1, 0, 0)), 1, [row]);
    }

    public static TheoryData<string> Kinds() => new(DocumentKinds.All.Select(k => k.Code));

    private static DocumentFields FieldsOf(string code)
    {
        var program = Program();
        var activity = new ActivityView(Guid.NewGuid(), Guid.NewGuid(), "Мероприятие", null, null, "сентябрь", null, false, [], [], "Куратор", "Результат",
            ActivityStatus.Planned, null, 0);
        return code switch
        {
            "road_map" => RoadMapDocument.Fields(new RoadMapView(Guid.NewGuid(), "Карта", 2025, 1, "2025/2026 учебный год", null, 1, 1, 0, 0,
                [new StageView(Guid.NewGuid(), "Этап", null, [activity])]), "МБОУ СОШ № 1"),
            "pair_order" => PairOrderDocument.Fields(Act, "МБОУ СОШ № 1", "Директор", [new FixedPair("Наставник", ["Наставляемый"], "Педагог – педагог", "Традиционная", Day)]),
            "approval_order" => ApprovalOrderDocument.Fields(new ApprovalOrder(Requisites, LocalActKind.Regulation, Day, new RegulationRef("Положение", "от 20.03.2026 № 1"),
                new RoadMapRef("Карта", "2025/2026 учебный год"))),
            "curator_order" => CuratorOrderDocument.Fields(new CuratorOrder(Requisites, [new AppointedPerson(StaffRole.Curator, "Кузьмина Ольга Николаевна", null, Day)])),
            "encouragement_order" => EncouragementOrderDocument.Fields(new EncouragementOrder(Requisites, Day.AddYears(-1), Day,
                [new EncouragedMentor("Петров Иван Иванович", "учитель", 1, 17)])),
            "program" => ProgramDocument.Fields(program, "МБОУ СОШ № 1", "Директор"),
            "program_completion_order" => ProgramCompletionOrderDocument.Fields(Requisites, program),
            "program_extension_order" => ProgramExtensionOrderDocument.Fields(Requisites, program),
            "district_order" => DistrictActDocument.Fields(new DistrictAct(Guid.NewGuid(), DistrictActKind.MentoringSystemOrder, "237", Day, "Об организации", null, null, null),
                "Управление образования", "МР «Район»",
                [new DistrictDeadlineView(Guid.NewGuid(), "Принять положение", Day, null, null, 2026, "до 20.03.2026", null, null, CompletedBy.RegulationAdopted,
                    "Принято положение", false, null, 1)]),
            "district_summary" => DistrictSummaryDocument.Fields(Dashboard(), "Управление образования", Day),
            "award_order" => AwardOrderDocument.Fields(new Contest(Guid.NewGuid(), ContestLevel.District, Guid.NewGuid(), Nomination.MentorOfYear, "Наставник года",
                Day.AddMonths(-1), Day, null, [], [new Candidate(Guid.NewGuid(), Guid.NewGuid(), "СОШ № 1", Guid.NewGuid(), [], "Петров Иван Иванович", 17, "оптимальный",
                    null, [new Score(Guid.NewGuid(), 9, null)], 1)], Day, DateTimeOffset.UnixEpoch), "Управление образования", "Начальник Управления образования"),
            _ => throw new InvalidOperationException($"No sample data for the kind {code}: add it here."),
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_fields_are_the_declared_placeholders(string code)
    {
        var kind = DocumentKinds.Find(code)!;
        FieldsOf(code).Names().Order().ShouldBe(kind.Placeholders.Select(p => p.Name).Order());
        kind.Placeholders.ShouldAllBe(p => p.Description.Length > 0);
    }

    [Fact]
    public void Every_kind_is_listed_once_with_a_Russian_name()
    {
        DocumentKinds.All.Select(k => k.Code).ShouldBeUnique();
        DocumentKinds.All.ShouldAllBe(k => k.Name.Length > 0 && k.Name[0] >= 'А' && k.Name[0] <= 'Я');
    }

    [Fact]
    public void A_regulation_registered_by_its_order_s_title_is_named_as_a_regulation()
    {
        ApprovalOrderDocument.RegulationName("Положение о системе наставничества педагогических работников МБОУ СОШ № 1")
            .ShouldBe("Положение о системе наставничества педагогических работников МБОУ СОШ № 1");
        ApprovalOrderDocument.RegulationName("Об утверждении положения о системе наставничества педагогических работников")
            .ShouldBe(ApprovalOrderDocument.RegulationDefault);
    }
}
