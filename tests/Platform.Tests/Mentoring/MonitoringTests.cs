using System.Text.Json;
using Alba;
using Platform.Mentoring.Monitoring;
using Platform.Mentoring.Programs;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>Seed 003, section 6: interim and final surveys of every participant, compared at the program's entry and exit.</summary>
public sealed class MonitoringTests(FakeClockApi api) : IClassFixture<FakeClockApi>
{
    private MentoringScenario S => new(api, MentoringScenario.Sosh1);

    private static Dictionary<string, int> Scores(SurveyRole role, int score, params (string Code, int Score)[] except)
    {
        var scores = MonitoringSurvey.For(role).ToDictionary(i => i.Code, _ => score);
        foreach (var (code, value) in except) scores[code] = value;
        return scores;
    }

    private async Task<(ProgramView Program, Guid Mentor, Guid Mentee, string Url)> Program(string surname)
    {
        var pair = await S.ApprovedPair(surname);
        var program = await S.Post(S.Programs, ProgramsTests.Body(pair.Id), 201).Json<ProgramView>();
        return (program, pair.Mentor.PersonId, pair.Mentees[0].PersonId, $"{S.Programs}/{program.Id}/monitoring");
    }

    private Task<IScenarioResult> Take(string url, Guid person, string stage, object answers, string? takenOn = null, int status = 201) =>
        S.Post(url, new { personId = person, stage, answers, takenOn }, status);

    [Fact]
    public async Task The_survey_has_satisfaction_and_quality_items_on_a_1_to_10_scale_for_each_role()
    {
        var reference = await S.Get<SurveyReference>($"/api/schools/{S.School}/monitoring/survey");
        (reference.MinScore, reference.MaxScore).ShouldBe((1, 10));
        reference.Stages.Select(s => s.Code).ShouldBe(["interim", "final"]);
        reference.Items.Select(i => i.Group).Distinct().ShouldBe(["satisfaction", "quality"]);
        reference.Items.Single(i => i.Code == "support_felt").Roles.ShouldBe(["mentee"]);
        reference.Items.Single(i => i.Code == "mentee_progress").Roles.ShouldBe(["mentor"]);
        reference.Items.Count(i => i.Roles.Contains("mentor")).ShouldBe(11);
    }

    [Fact]
    public async Task The_demo_schools_programs_have_their_interim_surveys_and_the_completed_ones_their_final()
    {
        var summary = await S.Get<List<MonitoringSummaryRow>>($"/api/schools/{S.School}/monitoring");
        var demo = summary.Where(r => r.Problem.StartsWith("Профессиональные затруднения") || r.Problem.StartsWith("Затруднения обучающегося")).ToList();
        demo.ShouldNotBeEmpty();
        demo.ShouldContain(r => r.InterimTaken > 0);
        demo.Where(r => r.StartOn.AddDays(45) <= DateOnly.FromDateTime(DateTime.UtcNow)).ShouldAllBe(r => r.InterimTaken == r.Participants);
        demo.Where(r => r.Status == "completed" && r.InterimTaken > 0).ShouldAllBe(r => r.FinalTaken == r.Participants && r.SatisfactionExit >= r.SatisfactionEntry);
    }

    [Fact]
    public async Task Every_item_of_the_role_must_be_scored_from_1_to_10_by_a_participant_of_the_program()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var (_, mentor, mentee, url) = await Program("Мониторов");
        var outsider = await S.Teacher("Посторонняя Анна Ивановна");

        var missing = Scores(SurveyRole.Mentee, 7);
        missing.Remove("support_felt");
        (await MentoringScenario.Error(Take(url, mentee, "interim", missing, status: 400), "answers.support_felt")).ShouldContain("Нет оценки");
        (await MentoringScenario.Error(Take(url, mentee, "interim", Scores(SurveyRole.Mentee, 7, ("comfort", 11)), status: 400), "answers.comfort"))
            .ShouldStartWith("Оценка — целое число от 1 до 10");
        (await MentoringScenario.Error(Take(url, mentee, "interim", Scores(SurveyRole.Mentee, 7, ("mentee_progress", 5)), status: 400), "answers.mentee_progress"))
            .ShouldContain("не задаётся участнику в роли «наставляемый»");
        (await MentoringScenario.Error(Take(url, outsider, "interim", Scores(SurveyRole.Mentee, 7), status: 400), "personId"))
            .ShouldBe("Посторонняя Анна Ивановна не участвует в этой программе наставничества.");
        (await MentoringScenario.Error(Take(url, mentor, "entry", Scores(SurveyRole.Mentor, 7), status: 400), "stage")).ShouldContain("Значение не распознано");
        (await MentoringScenario.Error(Take(url, mentor, "interim", Scores(SurveyRole.Mentor, 7), "2025-09-01", 400), "takenOn"))
            .ShouldContain("раньше начала программы");

        var view = await S.Get<ProgramMonitoringView>(url);
        view.Responses.ShouldBeEmpty();
        view.Awaited.Select(a => (a.PersonId, a.Stage)).ShouldBe([(mentor, MonitoringStage.Interim), (mentor, MonitoringStage.Final),
            (mentee, MonitoringStage.Interim), (mentee, MonitoringStage.Final)]);
    }

    [Fact]
    public async Task Entry_and_exit_are_compared_per_item_and_group_and_a_second_survey_replaces_the_first()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var (program, mentor, mentee, url) = await Program("Сравнёв");

        await Take(url, mentee, "interim", Scores(SurveyRole.Mentee, 4), "2025-09-30");
        // Entered wrongly: the curator enters the paper form again.
        await Take(url, mentee, "interim", Scores(SurveyRole.Mentee, 5, ("overall_satisfaction", 4)), "2025-09-30");
        await Take(url, mentor, "interim", Scores(SurveyRole.Mentor, 6), "2025-09-30");
        (await MentoringScenario.Detail(Take(url, mentee, "final", Scores(SurveyRole.Mentee, 9), "2025-09-29", 409)))
            .ShouldBe("Итоговая анкета не может быть раньше промежуточной (30.09.2025).");

        api.Clock.AdjustTime(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await Take(url, mentee, "final", Scores(SurveyRole.Mentee, 8, ("overall_satisfaction", 9)));
        var view = await Take(url, mentor, "final", Scores(SurveyRole.Mentor, 7)).Json<ProgramMonitoringView>();

        view.Responses.Count.ShouldBe(4);
        view.Awaited.ShouldBeEmpty();
        var overall = view.Items.Single(i => i.Code == "overall_satisfaction" && i.Role == SurveyRole.Mentee);
        (overall.Entry, overall.Exit, overall.Change, overall.EntryCount, overall.ExitCount).ShouldBe((4.0, 9.0, 5.0, 1, 1));
        var menteeSatisfaction = view.Groups.Single(g => g.Code == "satisfaction" && g.Role == SurveyRole.Mentee);
        // Entry: 4 + 5·4 over five items = 4.8; exit: 9 + 8·4 = 8.2.
        (menteeSatisfaction.Entry, menteeSatisfaction.Exit, menteeSatisfaction.Change).ShouldBe((4.8, 8.2, 3.4));
        view.Groups.Single(g => g.Code == "quality" && g.Role == SurveyRole.Mentor).Change.ShouldBe(1.0);

        // The events say who answered when; the scores are not in them.
        var history = await S.Get<JsonElement>($"{S.Programs}/{program.Id}/history");
        var surveys = history.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "monitoring_survey_taken").ToList();
        surveys.Count.ShouldBe(5);
        surveys[1].GetProperty("data").GetProperty("replaces").GetBoolean().ShouldBeTrue();
        surveys.ShouldAllBe(e => !e.GetProperty("data").ToString().Contains("answers") && !e.GetProperty("data").ToString().Contains("scores"));

        var summary = await S.Get<List<MonitoringSummaryRow>>($"/api/schools/{S.School}/monitoring");
        var row = summary.Single(r => r.ProgramId == program.Id);
        (row.Participants, row.InterimTaken, row.FinalTaken).ShouldBe((2, 2, 2));
        row.SatisfactionExit.ShouldNotBeNull();
        await S.Get($"/api/schools/{S.School}/monitoring?status=closed", 400);
    }

    [Fact]
    public async Task A_withdrawn_consent_erases_the_scores_and_no_new_survey_is_kept()
    {
        api.Clock.AdjustTime(MentoringScenario.October2025);
        var (_, _, mentee, url) = await Program("Отозванов");
        await Take(url, mentee, "interim", Scores(SurveyRole.Mentee, 6));

        await S.Post($"/api/schools/{S.School}/people/{mentee}/consents/withdraw", new { documentNumber = "Заявление № 7" });
        var view = await S.Get<ProgramMonitoringView>(url);
        view.Responses.ShouldBeEmpty();
        (await MentoringScenario.Detail(Take(url, mentee, "final", Scores(SurveyRole.Mentee, 8), status: 409)))
            .ShouldStartWith("Нет действующего согласия на обработку персональных данных");
        var rows = await api.Database.OwnerScalarAsync<long>("SELECT count(*) FROM mentoring.monitoring_answers WHERE person_id = $1", mentee);
        rows.ShouldBe(0);
    }
}
