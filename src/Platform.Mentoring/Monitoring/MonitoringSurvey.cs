using Platform.Mentoring.Programs;

namespace Platform.Mentoring.Monitoring;

/// <summary>
/// Seed 003, 6.4: the curator and mentors run the monitoring twice in a program, interim and final; 6.3: the
/// participants are compared at the "entry" and the "exit" of the program, so the interim survey is the entry point
/// of the comparison and the final survey its exit.
/// </summary>
public enum MonitoringStage { Interim, Final }

public enum SurveyRole { Mentor, Mentee }

/// <summary>satisfaction: личная удовлетворённость участием; quality: качество процесса реализации программы (seed 003, 6.2).</summary>
public sealed record SurveyItem(string Code, string Group, string Text, SurveyRole[] Roles);

/// <summary>
/// The survey of the monitoring: each item is scored on a 1–10 scale (no marks are given to people, 6.5). The items follow
/// the feedback questionnaires of the federal target model of mentoring that the seeds' road maps refer to
/// («анкетирование … мониторинг личной удовлетворённости участием в программе», «мониторинг качества реализации»).
/// </summary>
public static class MonitoringSurvey
{
    public const string Satisfaction = "satisfaction", Quality = "quality";
    public const int MinScore = 1, MaxScore = 10;

    public static readonly IReadOnlyDictionary<string, string> GroupNames = new Dictionary<string, string>
    {
        [Satisfaction] = "Удовлетворённость участием в программе",
        [Quality] = "Качество реализации программы",
    };

    private static readonly SurveyRole[] Both = [SurveyRole.Mentor, SurveyRole.Mentee];

    public static readonly IReadOnlyList<SurveyItem> Items =
    [
        new("overall_satisfaction", Satisfaction, "Насколько вы удовлетворены участием в программе наставничества?", Both),
        new("expectations_met", Satisfaction, "Насколько оправдались ваши ожидания от участия в программе?", Both),
        new("comfort", Satisfaction, "Насколько комфортным было общение с наставником (наставляемым)?", Both),
        new("support_felt", Satisfaction, "Насколько вы ощущали поддержку наставника?", [SurveyRole.Mentee]),
        new("mentee_progress", Satisfaction, "Насколько вы удовлетворены успехами наставляемого?", [SurveyRole.Mentor]),
        new("own_growth", Satisfaction, "Насколько программа помогла вашему профессиональному (личностному) росту?", Both),
        new("meetings_useful", Quality, "Насколько полезными были встречи?", Both),
        new("meetings_regular", Quality, "Насколько регулярными были встречи?", Both),
        new("goals_clear", Quality, "Насколько понятны были цели и задачи программы?", Both),
        new("plan_realistic", Quality, "Насколько выполнимым оказался план взаимодействия?", Both),
        new("curator_support", Quality, "Насколько вы удовлетворены организацией программы куратором?", Both),
        new("wish_to_continue", Quality, "Насколько вы хотели бы продолжить участие в программах наставничества?", Both),
    ];

    public static IEnumerable<SurveyItem> For(SurveyRole role) => Items.Where(i => i.Roles.Contains(role));

    public static string Russian(this MonitoringStage stage) => stage == MonitoringStage.Interim ? "Промежуточный («вход»)" : "Итоговый («выход»)";
    public static string Russian(this SurveyRole role) => role == SurveyRole.Mentor ? "Наставник" : "Наставляемый";
}

/// <summary>
/// A participant of the program took a monitoring survey (appended to the PROGRAM's stream). The scores are in
/// mentoring.monitoring_answers, erased with the person's consent; a second survey of the same stage replaces the first.
/// </summary>
public sealed record MonitoringSurveyTaken(Guid ResponseId, Guid PersonId, SurveyRole Role, MonitoringStage Stage, DateOnly TakenOn, bool Replaces);

public sealed record SurveyTaken(Guid ResponseId, Guid PersonId, SurveyRole Role, MonitoringStage Stage, DateOnly TakenOn);

public static class SurveyProgress
{
    public static IReadOnlyList<SurveyTaken> With(this IReadOnlyList<SurveyTaken> surveys, MonitoringSurveyTaken e) =>
        [.. surveys.Where(s => !(s.PersonId == e.PersonId && s.Stage == e.Stage)), new SurveyTaken(e.ResponseId, e.PersonId, e.Role, e.Stage, e.TakenOn)];

    public static string Code(this MonitoringStage stage) => ProgramNames.Code(stage);
    public static string Code(this SurveyRole role) => ProgramNames.Code(role);
}
