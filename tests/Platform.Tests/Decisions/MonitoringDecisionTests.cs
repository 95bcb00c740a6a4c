using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Monitoring;
using Platform.Mentoring.Programs;
using static Platform.Tests.Decisions.Refusals;

namespace Platform.Tests.Decisions;

/// <summary>The monitoring of a program: each participant's interim and final survey, scored 1–10 on the items of their role.</summary>
public sealed class MonitoringDecisionTests
{
    private static readonly Guid ProgramId = Guid.Parse("7a000000-0000-4000-8000-000000000001");
    private static readonly Guid PairId = Guid.Parse("9a000000-0000-4000-8000-000000000001");
    private static readonly Guid MentorId = Guid.Parse("9e000000-0000-4000-8000-000000000001");
    private static readonly Guid MenteeId = Guid.Parse("9e000000-0000-4000-8000-000000000002");
    private static readonly Guid StrangerId = Guid.Parse("9e000000-0000-4000-8000-000000000003");
    private static readonly Guid NewMentorId = Guid.Parse("9e000000-0000-4000-8000-000000000004");
    private static readonly Guid ResponseId = Guid.Parse("8a000000-0000-4000-8000-000000000001");
    private static readonly DateOnly Today = new(2025, 12, 10);
    private static readonly DateOnly Start = new(2025, 9, 15);

    private static readonly Respondent Mentor = new(MentorId, "Иванова Мария Петровна", true);
    private static readonly Respondent Mentee = new(MenteeId, "Петрова Анна Сергеевна", true);
    private static readonly Respondent Stranger = new(StrangerId, "Сидоров Олег Ильич", true);

    private static Mentorship Pair() => Mentorship.Create(new MentorshipProposed(PairId, MentorId, [MenteeId], "teacher_teacher", MentoringKind.Traditional, null,
            Now.AddDays(-120)))
        .Apply(new MentorshipApproved(Guid.NewGuid(), "45-о", new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 1)));

    private static MentoringProgram Program(DateOnly? end = null) => MentoringProgram.Create(new ProgramCreated(ProgramId, PairId,
        new ProgramContent("Трудности с дисциплиной", "Освоить приёмы управления классом", ["Посетить уроки"], "teacher_teacher", MentoringKind.Traditional,
            "Открытый урок", null, null), Start, end ?? new DateOnly(2026, 5, 31), Now));

    private static Dictionary<string, int?> Answers(SurveyRole role, int score) => MonitoringSurvey.For(role).ToDictionary(i => i.Code, _ => (int?)score);

    private static (MonitoringSurveyTaken Event, Dictionary<string, int> Scores) Take(MentoringProgram program, Respondent? person, TakeSurvey c) =>
        MonitoringCommands.Take(program, Pair(), person, c, Today, ResponseId);

    [Fact]
    public void A_participant_takes_the_survey_of_their_role()
    {
        var (e, scores) = Take(Program(), Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8)));
        e.ShouldBe(new MonitoringSurveyTaken(ResponseId, MentorId, SurveyRole.Mentor, MonitoringStage.Interim, Today, false));
        scores.Count.ShouldBe(11);
        scores["mentee_progress"].ShouldBe(8);
        scores.ShouldNotContainKey("support_felt");
        var (mentee, menteeScores) = Take(Program(), Mentee, new TakeSurvey(MenteeId, MonitoringStage.Final, Answers(SurveyRole.Mentee, 6), new DateOnly(2025, 12, 5)));
        mentee.ShouldBe(new MonitoringSurveyTaken(ResponseId, MenteeId, SurveyRole.Mentee, MonitoringStage.Final, new DateOnly(2025, 12, 5), false));
        menteeScores["support_felt"].ShouldBe(6);
    }

    [Fact]
    public void A_second_survey_of_the_same_stage_replaces_the_first()
    {
        var first = Take(Program(), Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8), new DateOnly(2025, 12, 1))).Event;
        var program = Program().Apply(first);
        Take(program, Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 9))).Event.Replaces.ShouldBeTrue();
        Take(program, Mentee, new TakeSurvey(MenteeId, MonitoringStage.Interim, Answers(SurveyRole.Mentee, 9))).Event.Replaces.ShouldBeFalse();
    }

    [Fact]
    public void Every_item_of_the_role_is_scored_1_to_10_and_no_other()
    {
        var answers = Answers(SurveyRole.Mentee, 7);
        answers.Remove("support_felt");
        answers["comfort"] = 11;
        answers["mentee_progress"] = 5;
        answers["mood"] = 5;
        var errors = Invalid(() => Take(Program(), Mentee, new TakeSurvey(MenteeId, MonitoringStage.Interim, answers)));
        errors.Keys.Order().ShouldBe(["answers.comfort", "answers.mentee_progress", "answers.mood", "answers.support_felt"]);
        errors["answers.support_felt"].ShouldBe(["Нет оценки: «Насколько вы ощущали поддержку наставника?»."]);
        errors["answers.comfort"].ShouldBe(["Оценка — целое число от 1 до 10: «Насколько комфортным было общение с наставником (наставляемым)?»."]);
        errors["answers.mentee_progress"].ShouldBe(["Этот вопрос не задаётся участнику в роли «наставляемый»."]);
        errors["answers.mood"].ShouldBe(["Такого вопроса нет в анкете мониторинга."]);
    }

    [Fact]
    public void The_respondent_is_a_participant_of_the_program_and_the_survey_is_dated_within_it()
    {
        var errors = Invalid(() => Take(Program(), null, new TakeSurvey(null, null, null)));
        errors.Keys.Order().ShouldBe(["answers", "personId", "stage"]);
        errors["personId"].ShouldBe(["Укажите участника программы (personId)."]);
        errors["stage"].ShouldBe(["Укажите этап мониторинга: interim (промежуточный) или final (итоговый)."]);
        errors["answers"].ShouldBe(["Укажите ответы на вопросы анкеты (оценки от 1 до 10)."]);
        Invalid(() => Take(Program(), null, new TakeSurvey(StrangerId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8))))["personId"]
            .ShouldBe(["Такого человека нет среди участников организации."]);
        Invalid(() => Take(Program(), Stranger, new TakeSurvey(StrangerId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8))))["personId"]
            .ShouldBe(["Сидоров Олег Ильич не участвует в этой программе наставничества."]);
        Invalid(() => Take(Program(), Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8), Today.AddDays(1))))["takenOn"]
            .ShouldBe(["Дата анкетирования не может быть в будущем."]);
        Invalid(() => Take(Program(), Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8), new DateOnly(2025, 9, 14))))["takenOn"]
            .ShouldBe(["Дата анкетирования раньше начала программы (15.09.2025)."]);
    }

    [Fact]
    public void Answers_are_not_kept_without_a_valid_consent()
    {
        Rule(() => Take(Program(), Mentor with { HasValidConsent = false }, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8))))
            .ShouldBe("Нет действующего согласия на обработку персональных данных: Иванова Мария Петровна. Ответы анкеты не сохраняются.");
    }

    [Fact]
    public void The_interim_survey_is_taken_during_the_program_and_not_after_the_final_one()
    {
        var completed = Program().Apply(new ProgramCompleted(CompletionReason.ParticipantInitiative, Today, "Переезд"));
        Rule(() => Take(completed, Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8))))
            .ShouldBe("Программа завершена 10.12.2025: промежуточный мониторинг проводится во время её реализации.");
        Take(completed, Mentor, new TakeSurvey(MentorId, MonitoringStage.Final, Answers(SurveyRole.Mentor, 8))).Event.Stage.ShouldBe(MonitoringStage.Final);
        Rule(() => Take(Program(new DateOnly(2025, 11, 30)), Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8))))
            .ShouldBe("Промежуточный мониторинг — в пределах программы (по 30.11.2025).");
        var final = Program().Apply(new MonitoringSurveyTaken(ResponseId, MentorId, SurveyRole.Mentor, MonitoringStage.Final, new DateOnly(2025, 12, 5), false));
        Rule(() => Take(final, Mentor, new TakeSurvey(MentorId, MonitoringStage.Interim, Answers(SurveyRole.Mentor, 8), new DateOnly(2025, 12, 8))))
            .ShouldBe("Итоговая анкета участника уже заполнена 05.12.2025: промежуточная не может быть позже неё.");
        var interim = Program().Apply(new MonitoringSurveyTaken(ResponseId, MentorId, SurveyRole.Mentor, MonitoringStage.Interim, new DateOnly(2025, 12, 1), false));
        Rule(() => Take(interim, Mentor, new TakeSurvey(MentorId, MonitoringStage.Final, Answers(SurveyRole.Mentor, 8), new DateOnly(2025, 11, 20))))
            .ShouldBe("Итоговая анкета не может быть раньше промежуточной (01.12.2025).");
    }

    [Fact]
    public void A_replaced_mentor_still_answers_as_a_mentor()
    {
        var replaced = Pair().Apply(new MentorReplaced(MentorId, NewMentorId, MenteeId, new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 5), "Смена места работы", null));
        MonitoringCommands.RoleOf(replaced, MentorId).ShouldBe(SurveyRole.Mentor);
        MonitoringCommands.RoleOf(replaced, NewMentorId).ShouldBe(SurveyRole.Mentor);
        MonitoringCommands.RoleOf(replaced, MenteeId).ShouldBe(SurveyRole.Mentee);
        MonitoringCommands.RoleOf(replaced, StrangerId).ShouldBeNull();
    }
}
