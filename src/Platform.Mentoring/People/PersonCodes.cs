using System.Text.RegularExpressions;

namespace Platform.Mentoring.People;

/// <summary>
/// Who a person of the school is (DOMAIN: teachers, students, and mentors from outside; in a kindergarten, its children —
/// воспитанники, in groups such as «средняя группа», not classes).
/// </summary>
public static class PersonKinds
{
    public const string Teacher = "teacher";
    public const string Student = "student";
    public const string External = "external";
    public const string Preschooler = "preschooler";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Teacher] = "Педагог",
        [Student] = "Обучающийся",
        [External] = "Внешний участник",
        [Preschooler] = "Воспитанник детского сада",
    };
}

/// <summary>Mentors from outside the school (seed 003, 4.9): parents, alumni, employers, entrepreneurs, veteran teachers, universities and colleges.</summary>
public static class ExternalRoles
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["parent"] = "Родитель обучающегося",
        ["alumnus"] = "Выпускник",
        ["employer"] = "Представитель предприятия (работодатель)",
        ["entrepreneur"] = "Предприниматель или общественный деятель",
        ["veteran_teacher"] = "Ветеран педагогического труда",
        ["university_teacher"] = "Преподаватель вуза или колледжа",
        ["college_student"] = "Студент вуза или колледжа",
        ["other"] = "Другое",
    };
}

public static class QualificationCategories
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["none"] = "Без категории",
        ["first"] = "Первая квалификационная категория",
        ["highest"] = "Высшая квалификационная категория",
    };
}

/// <summary>
/// Who may be a mentee (DOMAIN; seed 003, 4.7–4.8): teachers and students in one list, each category for one kind.
/// A young specialist is usually a teacher under 35 with under 3 years of service; the curator decides.
/// </summary>
public static class MenteeCategories
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["young_specialist"] = "Молодой специалист",
        ["adapting"] = "Адаптация на новом месте работы",
        ["burnout"] = "Эмоциональное выгорание, хроническая усталость",
        ["digital_skills"] = "Хочет овладеть цифровыми навыками, ИКТ",
        ["gifted"] = "Проявляет выдающиеся способности",
        ["low_results"] = "Неудовлетворительные образовательные результаты",
        ["disabilities"] = "Ограниченные возможности здоровья",
        ["hard_life_situation"] = "Трудная жизненная ситуация",
        ["behaviour"] = "Проблемы с поведением",
        ["disengaged"] = "Не участвует в жизни школы, отстранён от коллектива",
    };

    public static readonly IReadOnlySet<string> ForTeachers = new HashSet<string> { "young_specialist", "adapting", "burnout", "digital_skills" };
    public static readonly IReadOnlySet<string> ForStudents = new HashSet<string> { "gifted", "low_results", "disabilities", "hard_life_situation", "behaviour", "disengaged" };
}

public static class ConsentSigners
{
    public const string Self = "self";
    public const string Guardian = "guardian";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Self] = "Сам участник",
        [Guardian] = "Законный представитель",
    };
}

/// <summary>Small text helpers the people, pools and questionnaires share.</summary>
internal static partial class Texts
{
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : Spaces().Replace(text.Trim(), " ");

    /// <summary>Trimmed, without empty items and repeats (compared without case).</summary>
    public static string[] CleanList(IEnumerable<string?>? items) =>
        (items ?? []).Select(Clean).OfType<string>().DistinctBy(s => s.ToLowerInvariant()).ToArray();

    public static Validation List(this Validation v, IReadOnlyList<string?>? items, string field, string label, int maxItems, int maxLength)
    {
        if (items is null) return v;
        v.Require(items.Count <= maxItems, field, $"Не больше {maxItems} пунктов в поле «{label}».");
        for (var i = 0; i < items.Count; i++)
            v.Require(items[i] is null || items[i]!.Trim().Length <= maxLength, $"{field}[{i}]", $"Пункт поля «{label}» длиннее {maxLength} символов.");
        return v;
    }

    public static bool SameList(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b);

    /// <summary>A class as Russian schools write it: «7Б», «10А», «11». «7 б», «7-б» and «7 «Б» класс» become «7Б».</summary>
    public static bool TryNormalizeClass(string? text, out string normalized)
    {
        normalized = "";
        if (text is null) return false;
        var m = ClassName().Match(text);
        if (!m.Success || !int.TryParse(m.Groups[1].Value, out var grade) || grade is < 1 or > 11) return false;
        normalized = grade + m.Groups[2].Value.ToUpperInvariant();
        return true;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\s*(\d{1,2})\s*[-–]?\s*[«""]?\s*([А-ЯЁа-яё])?\s*[»""]?\s*(класс)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ClassName();
}
