using Platform.Mentoring.Programs;
using Platform.Tenancy.Registry;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>The curator evaluates a program by the nine criteria of seed 003: 2 / 1 / 0 points each, the total gives the level.</summary>
public sealed class EvaluationTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    private static readonly string[] Codes =
    [
        "goals_and_tasks", "principles", "modern_approaches", "psychological_climate", "mentor_reasoning",
        "participants_satisfaction", "partners_satisfaction", "mentee_activity", "mentee_application",
    ];

    private static Dictionary<string, int> Scores(params int[] points) => Codes.Zip(points).ToDictionary(x => x.First, x => x.Second);

    private async Task<ProgramView> Program(string surname)
    {
        var pair = await S.ApprovedPair(surname);
        return await S.Post(S.Programs, ProgramsTests.Body(pair.Id), 201).Json<ProgramView>();
    }

    [Theory]
    [InlineData(0, EvaluationLevel.Unacceptable)]
    [InlineData(8, EvaluationLevel.Unacceptable)]
    [InlineData(9, EvaluationLevel.Acceptable)]
    [InlineData(14, EvaluationLevel.Acceptable)]
    [InlineData(15, EvaluationLevel.Optimal)]
    [InlineData(18, EvaluationLevel.Optimal)]
    public void The_level_follows_the_total(int total, EvaluationLevel level) => EvaluationCriteria.LevelOf(total).ShouldBe(level);

    [Fact]
    public async Task The_nine_criteria_are_worded_as_in_seed_003()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var reference = await S.Get<ProgramReference>($"{S.Programs}/reference");
        reference.Criteria.Select(c => c.Code).ShouldBe(Codes);
        reference.Criteria.GroupBy(c => c.Group).Select(g => (g.Key, g.Count())).ShouldBe([
            ("Достижение целей программы наставничества", 5), ("Мнение всех участников системы", 2), ("Достижение сотрудниками требуемой результативности", 2)]);
        reference.Criteria[0].Indicator.ShouldBe("Соответствие наставнической деятельности цели и задачам, по которым она осуществляется");
        reference.Criteria[3].Indicator.ShouldBe("Наличие комфортного психологического климата");
        reference.Criteria[8].Indicator.ShouldBe(
            "Степень применения наставляемым полученных от наставника знаний, умений и опыта в профессиональных ситуациях, активная гражданская позиция");
        reference.Scores.Select(s => (s.Score, s.Name)).ShouldBe([(2, "В полной мере"), (1, "Частично"), (0, "Не проявился")]);
        reference.Levels.Select(l => (l.Code, l.Name, l.From, l.To)).ShouldBe([
            ("optimal", "оптимальный", 15, 18), ("acceptable", "допустимый", 9, 14), ("unacceptable", "недопустимый", 0, 8)]);
        reference.CompletionReasons.Select(r => r.Code).ShouldBe(["plan_completed", "participant_initiative", "curator_initiative"]);
        reference.MeetingKinds.Select(k => k.Code).ShouldBe(["organizational", "trial", "planning", "regular", "final"]);
        reference.Kinds.Select(k => k.Code).ShouldBe(["virtual", "group", "short_term", "reverse", "situational", "speed", "traditional"]);
        (reference.MinMonths, reference.MaxMonths).ShouldBe((3, 12));
    }

    [Fact]
    public async Task Totals_of_8_9_14_and_15_give_the_seeds_levels_and_every_evaluation_is_kept()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var program = await Program("Ильин");
        var url = $"{S.Programs}/{program.Id}/evaluations";

        Task<EvaluationView> Evaluate(int[] points, string on) =>
            S.Post(url, new { scores = Scores(points), evaluatedOn = on, note = "Промежуточный мониторинг" }, 201).Json<EvaluationView>();

        var eight = await Evaluate([2, 2, 2, 2, 0, 0, 0, 0, 0], "2025-09-26");
        (eight.Total, eight.Level, eight.LevelName, eight.LevelRange, eight.MaxTotal).ShouldBe((8, EvaluationLevel.Unacceptable, "недопустимый", "0–8 баллов", 18));
        eight.Scores.Count.ShouldBe(9);
        eight.Scores[4].ScoreName.ShouldBe("Не проявился");
        eight.Scores[0].Group.ShouldBe("Достижение целей программы наставничества");
        eight.EvaluatedBy.ShouldBe("test.schoolcurator");
        var nine = await Evaluate([2, 2, 2, 2, 1, 0, 0, 0, 0], "2025-09-27");
        (nine.Total, nine.Level, nine.LevelName).ShouldBe((9, EvaluationLevel.Acceptable, "допустимый"));
        nine.Scores[4].ScoreName.ShouldBe("Частично");
        var fourteen = await Evaluate([2, 2, 2, 2, 2, 2, 2, 0, 0], "2025-09-28");
        (fourteen.Total, fourteen.Level).ShouldBe((14, EvaluationLevel.Acceptable));

        // The final evaluation, after the program is completed.
        await S.Post($"{S.Programs}/{program.Id}/complete", new { reason = "participant_initiative", note = "По обоюдному решению: наставляемый переходит в другую школу" });
        var fifteen = await Evaluate([2, 2, 2, 2, 2, 2, 2, 1, 0], "2025-09-30");
        (fifteen.Total, fifteen.Level, fifteen.LevelName).ShouldBe((15, EvaluationLevel.Optimal, "оптимальный"));
        fifteen.Scores[0].ScoreName.ShouldBe("В полной мере");

        var all = await S.Get<List<EvaluationView>>(url);
        all.Select(e => e.Total).ShouldBe([8, 9, 14, 15]);
        all.ShouldAllBe(e => e.EvaluatedBy == "test.schoolcurator" && e.Note == "Промежуточный мониторинг");
        all[1].EvaluatedOn.ShouldBe(new DateOnly(2025, 9, 27));
        var view = await S.Get<ProgramView>($"{S.Programs}/{program.Id}");
        view.Evaluations.Select(e => e.Level).ShouldBe([EvaluationLevel.Unacceptable, EvaluationLevel.Acceptable, EvaluationLevel.Acceptable, EvaluationLevel.Optimal]);
        var row = (await S.Get<Page<ProgramRow>>($"{S.Programs}?level=optimal&search=Ильин")).Items.Single();
        (row.EvaluationTotal, row.EvaluationLevelName, row.EvaluatedOn).ShouldBe((15, "оптимальный", new DateOnly(2025, 9, 30)));
        (await S.Get<Page<ProgramRow>>($"{S.Programs}?level=acceptable&search=Ильин")).Total.ShouldBe(0);
    }

    [Fact]
    public async Task Every_criterion_is_scored_2_1_or_0()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var program = await Program("Климов");
        var url = $"{S.Programs}/{program.Id}/evaluations";
        var scores = new Dictionary<string, int>(Scores(2, 2, 2, 2, 2, 2, 2, 2, 2));
        scores.Remove("mentee_activity");
        scores["principles"] = 3;
        scores["mentor_reasoning"] = -1;
        scores["charisma"] = 2;
        var problem = await S.Post(url, new { scores, evaluatedOn = "2025-10-02" }, 400).Json();
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["scores.principles", "scores.mentor_reasoning", "scores.mentee_activity", "scores.charisma", "evaluatedOn"], ignoreOrder: true);
        errors.GetProperty("scores.mentee_activity")[0].GetString().ShouldBe(
            "Оцените показатель «Активность и заинтересованность наставляемого в участии в мероприятиях, связанных с наставнической деятельностью»: "
            + "2 — в полной мере, 1 — частично, 0 — не проявился.");
        errors.GetProperty("scores.charisma")[0].GetString()!.ShouldStartWith("Такого критерия нет.");
        (await S.Post(url, new { }, 400).Json()).GetProperty("errors").EnumerateObject().Count().ShouldBe(9);
        await S.Post($"{S.Programs}/{Guid.NewGuid()}/evaluations", new { scores = Scores(2, 2, 2, 2, 2, 2, 2, 2, 2) }, 404);
        await S.Get($"{S.Programs}/{Guid.NewGuid()}/evaluations", 404);
        (await S.Get<List<EvaluationView>>(url)).ShouldBeEmpty();
    }
}
