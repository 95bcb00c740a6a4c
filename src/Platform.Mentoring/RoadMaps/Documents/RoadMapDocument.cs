using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Mentoring.Documents;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Mentoring.RoadMaps.Documents;

/// <summary>
/// The road map as schools file it (seeds 000 and 003): a title with the organisation and the school years, then one table —
/// «№ п/п», «Мероприятие», «Сроки», «Ответственные», «Ожидаемый результат» — with a row per stage across the table and its
/// activities numbered within it. A4 landscape (five columns of text). The plan only, not the statuses: the same road map
/// gives the same bytes, whatever the day it is printed.
/// </summary>
public static class RoadMapDocument
{
    private static readonly int[] Columns = [800, 5200, 2300, 2970, 3300]; // = Width(landscape: true)

    public static readonly DocumentKind Kind = new("road_map", "Дорожная карта",
    [
        new("organisation", "Полное наименование организации"),
        new("title", "Название дорожной карты"),
        new("school_years", "Учебные годы: «2024–2026»"),
        new("activities.stage", "Этап: «1. Подготовительный»"),
        new("activities.number", "Номер мероприятия: «1.2»"),
        new("activities.activity", "Мероприятие и его содержание"),
        new("activities.period", "Сроки"),
        new("activities.responsible", "Ответственные"),
        new("activities.result", "Ожидаемый результат"),
    ]);

    public static DocumentFields Fields(RoadMapView map, string organisation) => new DocumentFields()
        .Set("organisation", organisation).Set("title", map.Title).Set("school_years", map.SchoolYears)
        .Table("activities", map.Stages.SelectMany((stage, s) => stage.Activities.Select((x, a) => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["stage"] = $"{s + 1}. {stage.Title}",
            ["number"] = $"{s + 1}.{a + 1}",
            ["activity"] = Activity(x),
            ["period"] = x.PeriodText ?? "",
            ["responsible"] = Responsible(x),
            ["result"] = x.ExpectedResult ?? "",
        })));

    /// <param name="stamp">When the road map last changed.</param>
    public static byte[] Write(RoadMapView map, string organisation, DateTimeOffset stamp) => Platform.Mentoring.Documents.Docx.Write(
        [
            Paragraph("Дорожная карта", bold: true, center: true, size: 28),
            Paragraph(map.Title, bold: true, center: true),
            Paragraph($"{organisation} · {map.SchoolYears}", center: true),
            Table(Columns, Rows(map)),
        ], landscape: true, stamp);

    private static IEnumerable<TableRow> Rows(RoadMapView map)
    {
        yield return Row(Columns, header: true, "№ п/п", "Мероприятие", "Сроки", "Ответственные", "Ожидаемый результат");
        for (var s = 0; s < map.Stages.Count; s++)
        {
            var stage = map.Stages[s];
            yield return Across(Columns, $"{s + 1}. {stage.Title}");
            for (var a = 0; a < stage.Activities.Count; a++)
            {
                var x = stage.Activities[a];
                yield return Row(Columns, header: false, $"{s + 1}.{a + 1}", Activity(x), x.PeriodText ?? "", Responsible(x), x.ExpectedResult ?? "");
            }
        }
    }

    private static string Activity(ActivityView x) => x.Content is { Length: > 0 } c ? $"{x.Title}. {c}" : x.Title;

    private static string Responsible(ActivityView x) =>
        string.Join(", ", new[] { string.Join(", ", x.ResponsibleRoleNames), x.Responsible }.Where(t => !string.IsNullOrWhiteSpace(t)));
}
