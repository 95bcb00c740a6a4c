namespace Platform.Mentoring.Programs;

public enum EvaluationLevel { Optimal, Acceptable, Unacceptable }

/// <summary>One criterion's score in an evaluation: 2 in full, 1 partly, 0 not shown.</summary>
public sealed record CriterionScore(string Code, int Score);

/// <param name="Group">The criterion («критерии» column of seed 003).</param>
/// <param name="Indicator">The indicator that is scored («показатели»).</param>
public sealed record EvaluationCriterion(string Code, string Group, string Indicator);

/// <summary>
/// «Критерии оценки выполнения программы и ее эффективности» of seed 003 (the personalized program template): nine
/// indicators in three groups, each scored 2 («в полной мере»), 1 («частично») or 0 («не проявился»); the total gives
/// the level: 15–18 optimal, 9–14 acceptable, 0–8 unacceptable. The wording is the seed's, line breaks of its table
/// joined (the capital «Наставнической» of the seventh indicator included).
/// </summary>
public static class EvaluationCriteria
{
    public const string GoalsGroup = "Достижение целей программы наставничества";
    public const string OpinionGroup = "Мнение всех участников системы";
    public const string ResultsGroup = "Достижение сотрудниками требуемой результативности";

    public const string GoalsAndTasks = "goals_and_tasks";
    public const string Principles = "principles";
    public const string ModernApproaches = "modern_approaches";
    public const string PsychologicalClimate = "psychological_climate";
    public const string MentorReasoning = "mentor_reasoning";
    public const string ParticipantsSatisfaction = "participants_satisfaction";
    public const string PartnersSatisfaction = "partners_satisfaction";
    public const string MenteeActivity = "mentee_activity";
    public const string MenteeApplication = "mentee_application";

    public static readonly IReadOnlyList<EvaluationCriterion> All =
    [
        new(GoalsAndTasks, GoalsGroup, "Соответствие наставнической деятельности цели и задачам, по которым она осуществляется"),
        new(Principles, GoalsGroup, "Соответствие организации наставнической деятельности принципам, заложенным в программе"),
        new(ModernApproaches, GoalsGroup, "Соответствие наставнической деятельности современным подходам и технологиям"),
        new(PsychologicalClimate, GoalsGroup, "Наличие комфортного психологического климата"),
        new(MentorReasoning, GoalsGroup,
            "Логичность деятельности наставника, понимание им ситуации наставляемого и правильность выбора основного направления взаимодействия"),
        new(ParticipantsSatisfaction, OpinionGroup, "Степень удовлетворенности всех участников наставнической деятельности"),
        new(PartnersSatisfaction, OpinionGroup, "Уровень удовлетворенности партнеров от взаимодействия в Наставнической деятельности"),
        new(MenteeActivity, ResultsGroup,
            "Активность и заинтересованность наставляемого в участии в мероприятиях, связанных с наставнической деятельностью"),
        new(MenteeApplication, ResultsGroup,
            "Степень применения наставляемым полученных от наставника знаний, умений и опыта в профессиональных ситуациях, активная гражданская позиция"),
    ];

    public static readonly IReadOnlyDictionary<string, EvaluationCriterion> ByCode = All.ToDictionary(c => c.Code);

    public const int MaxScore = 2;
    public static int MaxTotal => All.Count * MaxScore;

    public static readonly IReadOnlyDictionary<int, string> ScoreNames = new Dictionary<int, string>
    {
        [2] = "В полной мере", [1] = "Частично", [0] = "Не проявился",
    };

    /// <summary>15–18 points: optimal; 9–14: acceptable; 0–8: unacceptable.</summary>
    public static EvaluationLevel LevelOf(int total) => total switch
    {
        >= 15 => EvaluationLevel.Optimal,
        >= 9 => EvaluationLevel.Acceptable,
        _ => EvaluationLevel.Unacceptable,
    };

    public static string Russian(this EvaluationLevel level) => level switch
    {
        EvaluationLevel.Optimal => "оптимальный",
        EvaluationLevel.Acceptable => "допустимый",
        _ => "недопустимый",
    };

    /// <summary>The points of a level as the seed writes them: «15-18 баллов - оптимальный уровень».</summary>
    public static string Range(this EvaluationLevel level) => level switch
    {
        EvaluationLevel.Optimal => "15–18 баллов",
        EvaluationLevel.Acceptable => "9–14 баллов",
        _ => "0–8 баллов",
    };
}
