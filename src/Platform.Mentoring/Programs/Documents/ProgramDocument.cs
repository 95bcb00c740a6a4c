using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Mentoring.Documents;
using Platform.Mentoring.Documents.Declension;
using Platform.Mentoring.Mentorships;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.Programs.Documents;

/// <summary>
/// The personalized program as the seed 003 template lays it out: «Утверждаю» with the head's line, «Персонализированная
/// программа наставничества разработана совместно наставником … и наставляемым …» (instrumental), the problem, form, kind, goal,
/// tasks, principles, planned results, term, conditions, means and methods; «План взаимодействия» (content, expected results,
/// methods, deadline, control, done); the meetings held; «III. Критерии оценки выполнения программы и ее эффективности» — the
/// nine indicators with the latest evaluation's scores, the total and the level. A4 portrait. Only the program's facts, nothing
/// of the day it is printed: the same program gives the same bytes.
/// </summary>
public static class ProgramDocument
{
    private static readonly int[] PlanColumns = [500, 2600, 2000, 1600, 1238, 1000, 700]; // = Width(landscape: false)
    private static readonly int[] MeetingColumns = [500, 3400, 1338, 4400];
    private static readonly int[] CriteriaColumns = [2200, 4438, 1000, 1000, 1000];

    public static readonly DocumentKind Kind = new("program", "Персонализированная программа наставничества",
    [
        new("organisation", "Полное наименование организации"),
        new("head", "Должность руководителя: «Директор», «Заведующий»"),
        new("mentor", "Наставник в творительном падеже: «Петровым Иваном Ивановичем»"),
        new("mentees", "Наставляемые в творительном падеже через «, »"),
        new("problem", "Проблема"),
        new("form", "Форма наставничества"),
        new("kind", "Вид наставничества"),
        new("goal", "Цель"),
        new("tasks", "Задачи: по одной в строке"),
        new("principles", "Принципы реализации программы через «; »"),
        new("planned_results", "Планируемые результаты"),
        new("term", "Срок реализации: «с 01.09.2026 по 31.05.2027 (9 мес.)»"),
        new("conditions", "Условия реализации"),
        new("methods", "Средства, методы и приёмы работы"),
        new("plan.number", "Номер строки плана"),
        new("plan.content", "Содержание работы"),
        new("plan.result", "Ожидаемые результаты"),
        new("plan.methods", "Методы работы"),
        new("plan.deadline", "Срок: «15.10.2026»"),
        new("plan.control", "Контроль"),
        new("plan.done", "Выполнено: дата"),
        new("meetings.number", "Номер встречи"),
        new("meetings.kind", "Встреча: «Организационная встреча»"),
        new("meetings.date", "Дата встречи"),
        new("meetings.notes", "Заметки о встрече"),
        new("criteria.group", "Критерий"),
        new("criteria.indicator", "Показатель"),
        new("criteria.score", "Оценка: 2, 1 или 0 (пусто, если оценки нет)"),
        new("evaluation", "Итог оценки: «16 баллов из 18 — оптимальный уровень (15–18 баллов), 20.05.2027»"),
        new("completion", "Завершение: дата и причина"),
    ]);

    public static string Term(ProgramView p) => $"с {p.StartOn:dd.MM.yyyy} по {p.EndOn:dd.MM.yyyy} ({p.Months} мес.)";

    public static string Mentor(ProgramView p) => Person(p.Mentor, GrammaticalCase.Instrumental);

    public static string Mentees(ProgramView p) => string.Join(", ", p.Mentees.Select(m => Person(m, GrammaticalCase.Instrumental)));

    /// <summary>«Петровым Иваном Ивановичем (учитель математики)».</summary>
    public static string Person(PersonRef person, GrammaticalCase @case) =>
        RussianNames.FullName(person.FullName, @case) + (person.Position is { Length: > 0 } position ? $" ({position})" : "");

    /// <summary>«наставляемым», «наставляемой» (by the patronymic), «наставляемыми».</summary>
    private static string MenteesWord(ProgramView p) => p.Mentees.Count > 1 ? "наставляемыми"
        : p.Mentees.Count == 1 && RussianNames.Gender(p.Mentees[0].FullName) == NameGender.Female ? "наставляемой" : "наставляемым";

    public static string? Evaluation(ProgramView p) => p.Evaluations.LastOrDefault() is { } e
        ? $"{ProgramOrders.Points(e.Total)} — {e.LevelName} уровень ({e.LevelRange}), {e.EvaluatedOn:dd.MM.yyyy}"
        : null;

    public static string? Completion(ProgramView p) => p.Completion is { } c ? $"{c.CompletedOn:dd.MM.yyyy}: {c.ReasonName}" : null;

    private static string Score(EvaluationView? e, string code) => e?.Scores.FirstOrDefault(s => s.Code == code)?.Score.ToString() ?? "";

    public static DocumentFields Fields(ProgramView p, string organisation, string head)
    {
        var last = p.Evaluations.LastOrDefault();
        return new DocumentFields()
            .Set("organisation", organisation).Set("head", head).Set("mentor", Mentor(p)).Set("mentees", Mentees(p)).Set("problem", p.Problem)
            .Set("form", p.FormName).Set("kind", p.KindName).Set("goal", p.Goal).Set("tasks", string.Join("\n", p.Tasks))
            .Set("principles", string.Join("; ", p.Principles)).Set("planned_results", p.PlannedResults).Set("term", Term(p))
            .Set("conditions", p.Conditions).Set("methods", p.Methods).Set("evaluation", Evaluation(p)).Set("completion", Completion(p))
            .Table("plan", p.Plan.Select((r, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["number"] = $"{i + 1}", ["content"] = r.Content, ["result"] = r.ExpectedResult ?? "", ["methods"] = r.Methods ?? "",
                ["deadline"] = r.Deadline.ToString("dd.MM.yyyy"), ["control"] = r.Control ?? "", ["done"] = r.DoneOn?.ToString("dd.MM.yyyy") ?? "",
            }))
            .Table("meetings", p.Meetings.Select((m, i) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["number"] = $"{i + 1}", ["kind"] = m.KindName, ["date"] = m.Date.ToString("dd.MM.yyyy"), ["notes"] = m.Notes ?? "",
            }))
            .Table("criteria", EvaluationCriteria.All.Select(c => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["group"] = c.Group, ["indicator"] = c.Indicator, ["score"] = Score(last, c.Code),
            }));
    }

    /// <param name="stamp">When the program last changed (its last event).</param>
    public static byte[] Write(ProgramView p, string organisation, string head, DateTimeOffset stamp) => Docx.Write(Content(p, organisation, head), landscape: false, stamp);

    private static IEnumerable<OpenXmlElement> Content(ProgramView p, string organisation, string head)
    {
        yield return Paragraph(organisation, bold: true, center: true);
        yield return Paragraph("Утверждаю", right: true);
        yield return Paragraph($"{head} _________", right: true);
        yield return Paragraph($"Приказ {OrderLayout.BlankNumber} от {OrderLayout.BlankDate}", right: true);
        yield return Paragraph("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА", bold: true, center: true, size: 28);
        yield return Paragraph($"Персонализированная программа наставничества разработана совместно наставником {Mentor(p)} и "
            + $"{MenteesWord(p)} {Mentees(p)} для решения ПРОБЛЕМЫ: {p.Problem}");
        yield return Labelled("ФОРМА наставничества", p.FormName);
        yield return Labelled("ВИД наставничества", p.KindName);
        yield return Labelled("ЦЕЛЬ", p.Goal);
        yield return Paragraph("ЗАДАЧИ:", bold: true);
        for (var i = 0; i < p.Tasks.Length; i++) yield return Paragraph($"{i + 1}. {p.Tasks[i]}");
        yield return Labelled("ПРИНЦИПЫ реализации программы", string.Join("; ", p.Principles) + ".");
        yield return Labelled("ПЛАНИРУЕМЫЕ РЕЗУЛЬТАТЫ", p.PlannedResults);
        yield return Labelled("СРОК РЕАЛИЗАЦИИ ПРОГРАММЫ", Term(p));
        foreach (var x in p.Extensions) yield return Paragraph($"Продлена по взаимному согласию {x.AgreedOn:dd.MM.yyyy} по {x.To:dd.MM.yyyy}: {x.Reason}");
        if (p.Conditions is { Length: > 0 } conditions) yield return Labelled("УСЛОВИЯ реализации", conditions);
        if (p.Methods is { Length: > 0 } methods) yield return Labelled("Средства, методы и приемы работы", methods);

        yield return Paragraph("ПЛАН ВЗАИМОДЕЙСТВИЯ", bold: true, center: true);
        yield return Table(PlanColumns, PlanRows(p));
        if (p.Meetings.Count > 0)
        {
            yield return Paragraph("ВСТРЕЧИ НАСТАВНИКА И НАСТАВЛЯЕМОГО", bold: true, center: true);
            yield return Table(MeetingColumns, MeetingRows(p));
        }

        yield return Paragraph("III. КРИТЕРИИ ОЦЕНКИ ВЫПОЛНЕНИЯ ПРОГРАММЫ И ЕЕ ЭФФЕКТИВНОСТИ", bold: true, center: true);
        yield return Table(CriteriaColumns, CriteriaRows(p.Evaluations.LastOrDefault()));
        foreach (var level in new[] { EvaluationLevel.Optimal, EvaluationLevel.Acceptable, EvaluationLevel.Unacceptable })
            yield return Paragraph($"{level.Range()} — {level.Russian()} уровень");
        yield return Labelled("Оценка", Evaluation(p) ?? "не проводилась");
        if (Completion(p) is { } completion) yield return Labelled("Программа завершена", completion);
    }

    private static Paragraph Labelled(string label, string text)
    {
        var paragraph = Paragraph("");
        paragraph.RemoveAllChildren<Run>();
        paragraph.Append(Run($"{label}: ", bold: true), Run(text));
        return paragraph;
    }

    private static IEnumerable<TableRow> PlanRows(ProgramView p)
    {
        yield return Row(PlanColumns, header: true, "№", "Содержание работы", "Ожидаемые результаты", "Методы работы", "Сроки", "Контроль", "Вып.");
        for (var i = 0; i < p.Plan.Count; i++)
        {
            var r = p.Plan[i];
            yield return Row(PlanColumns, header: false, $"{i + 1}", r.Content, r.ExpectedResult ?? "", r.Methods ?? "", r.Deadline.ToString("dd.MM.yyyy"),
                r.Control ?? "", r.DoneOn?.ToString("dd.MM.yyyy") ?? "");
        }
    }

    private static IEnumerable<TableRow> MeetingRows(ProgramView p)
    {
        yield return Row(MeetingColumns, header: true, "№", "Встреча", "Дата", "Содержание, итоги");
        for (var i = 0; i < p.Meetings.Count; i++)
        {
            var m = p.Meetings[i];
            yield return Row(MeetingColumns, header: false, $"{i + 1}", m.KindName, m.Date.ToString("dd.MM.yyyy"), m.Notes ?? "");
        }
    }

    private static IEnumerable<TableRow> CriteriaRows(EvaluationView? e)
    {
        yield return Row(CriteriaColumns, header: true, "Критерии", "Показатели", "В полной мере 2 б", "Частично 1 б", "Не проявился 0 б");
        string? group = null;
        foreach (var c in EvaluationCriteria.All)
        {
            var score = Score(e, c.Code);
            // The seed's table names a criterion once, beside the first of its indicators.
            yield return Row(CriteriaColumns, header: false, c.Group == group ? "" : group = c.Group, c.Indicator, score == "2" ? "2" : "", score == "1" ? "1" : "", score == "0" ? "0" : "");
        }
    }
}
