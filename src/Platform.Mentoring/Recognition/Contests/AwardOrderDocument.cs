using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Mentoring.Documents;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.Recognition.Contests;

/// <summary>
/// The award order (приказ о поощрении победителей конкурса) as the organiser files it: its requisites, «ПРИКАЗ», the date and
/// number left to fill when it is signed, «О поощрении победителей конкурса …», the grounds (the contest, its period, the
/// jury's decision), «ПРИКАЗЫВАЮ:», the table of winners with their places and the jury's average, and the head's signature.
/// Names stay in the nominative inside the table, as the seeds' orders list them.
/// </summary>
public static class AwardOrderDocument
{
    private static readonly int[] Columns = [900, 3400, 3138, 2200]; // = Width(landscape: false)

    public static readonly DocumentKind Kind = new("award_order", "Приказ о поощрении победителей конкурса",
    [
        new("organisation", "Организатор конкурса: организация, Управление образования, регион"),
        new("head", "Должность руководителя: «Директор», «Начальник Управления образования»"),
        new("contest_title", "Название конкурса"),
        new("nomination", "Номинация: «Наставник года», «Лучшая пара»…"),
        new("from", "Начало конкурса: «01.09.2025»"),
        new("to", "Окончание конкурса"),
        new("announced_on", "Дата решения жюри"),
        new("winners.place", "Место"),
        new("winners.names", "Победитель: ФИО (пара — через «; »)"),
        new("winners.school", "Организация победителя"),
        new("winners.average", "Средний балл жюри"),
    ]);

    public static DocumentFields Fields(Contest contest, string organisation, string head) => new DocumentFields()
        .Set("organisation", organisation).Set("head", head).Set("contest_title", contest.Title).Set("nomination", contest.Nomination.Russian())
        .Set("from", contest.From.ToString("dd.MM.yyyy")).Set("to", contest.To.ToString("dd.MM.yyyy"))
        .Set("announced_on", contest.AnnouncedOn?.ToString("dd.MM.yyyy"))
        .Table("winners", contest.Winners.Select(w => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["place"] = $"{w.Place}", ["names"] = w.Names, ["school"] = w.SchoolName, ["average"] = Average(w.Average),
        }));

    private static string Average(decimal? average) => average?.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("ru-RU")) ?? "";

    /// <param name="organisation">The organiser's full name: the school, the education authority, the region.</param>
    /// <param name="head">The signature line: «Директор», «Заведующий», «Начальник Управления образования».</param>
    /// <param name="stamp">When the contest last changed.</param>
    public static byte[] Write(Contest contest, string organisation, string head, DateTimeOffset stamp) => Platform.Mentoring.Documents.Docx.Write(
        OrderLayout.Order(organisation, OrderLayout.BlankDate, OrderLayout.BlankNumber, $"О поощрении победителей конкурса «{contest.Title}»",
            $"По итогам конкурса «{contest.Title}» ({contest.Nomination.Russian()}), проведённого с {contest.From:dd.MM.yyyy} по {contest.To:dd.MM.yyyy}, "
            + $"на основании решения жюри от {contest.AnnouncedOn:dd.MM.yyyy}",
        [
            Paragraph($"1. Наградить победителей конкурса «{contest.Title}» почётными грамотами:"),
            Table(Columns, Rows(contest)),
            Paragraph("2. Объявить благодарность участникам конкурса."),
            Paragraph("3. Контроль за исполнением приказа оставляю за собой."),
        ], head), landscape: false, stamp);

    private static IEnumerable<TableRow> Rows(Contest contest)
    {
        yield return Row(Columns, header: true, "Место", "Победитель", "Организация", "Средний балл жюри");
        foreach (var w in contest.Winners)
            yield return Row(Columns, header: false, $"{w.Place}", w.Names, w.SchoolName, Average(w.Average));
    }
}
