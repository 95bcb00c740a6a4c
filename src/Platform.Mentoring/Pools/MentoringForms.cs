namespace Platform.Mentoring.Pools;

/// <summary>Forms of mentoring (формы наставничества, DOMAIN: MentoringForm): who mentors whom.</summary>
public static class MentoringForms
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["teacher_teacher"] = "Педагог – педагог",
        ["leader_teacher"] = "Руководитель – педагог",
        ["student_student"] = "Ученик – ученик",
        ["teacher_student"] = "Учитель – ученик",
        ["university_student_student"] = "Студент – ученик",
        ["employer_student"] = "Работодатель – студент",
        ["university_teacher_young_teacher"] = "Педагог вуза (колледжа) – молодой педагог",
        ["other"] = "Другая форма",
    };

    public static bool IsKnown(string? code) => code is not null && Names.ContainsKey(code);

    public static string Known => string.Join(", ", Names.Keys);
}
