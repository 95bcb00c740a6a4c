namespace Platform.Mentoring.RoadMaps;

/// <summary>Who answers for an activity, as road maps name them (the seeds' «Ответственные»).</summary>
public static class ResponsibleRoles
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["director"] = "Руководитель (директор, заведующий)",
        ["deputy_director"] = "Заместитель директора",
        ["administration"] = "Администрация",
        ["curator"] = "Куратор",
        ["coordinator"] = "Координатор",
        ["working_group"] = "Рабочая группа",
        ["psychologist"] = "Педагог-психолог",
        ["methodologist"] = "Методист",
        ["mentors"] = "Наставники",
        ["mentees"] = "Наставляемые",
        ["class_teachers"] = "Классные руководители",
        ["teachers"] = "Педагоги",
        ["technical_specialist"] = "Технический специалист",
        ["district_curator"] = "Муниципальный куратор",
    };

    public static bool IsKnown(string code) => Names.ContainsKey(code);
}
