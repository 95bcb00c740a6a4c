using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Platform.Mentoring.Documents;
using static Platform.Mentoring.Documents.Docx;

namespace Platform.Reporting.Dashboard.Documents;

/// <summary>
/// The district's monitoring summary as a document: the dashboard's figures of each school (acts, pools, pairs, programs,
/// coverage, overdue activities, evaluation levels, lagging with its reasons) and the district's totals, A4 landscape in a
/// 9-point table, «по состоянию на» the day it is computed. The figures are <see cref="DashboardEndpoints.DistrictAsync"/>'s:
/// the same as the district's summary page.
/// </summary>
public static class DistrictSummaryDocument
{
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");
    private const int Small = 18;

    // Soft hyphens (U+00AD) in the narrow headers: Word breaks them there, not mid-letter.
    // «№», the school, three acts, pair orders, two pools, pairs, two program counts, two coverages, overdue, evaluations, lagging.
    private static readonly int[] Columns = [400, 2320, 700, 700, 700, 750, 800, 850, 750, 850, 850, 900, 900, 800, 950, 1350]; // = Width(landscape: true)

    public static DocumentKind Kind => DistrictSummaryKind.Kind;

    private static string YesNo(bool value) => value ? "да" : "нет";

    private static string Percent(decimal? value) => value is { } v ? v.ToString("0.#", Ru) + "\u00A0%" : "—";

    private static string Levels(EvaluationLevels e) => $"{e.Optimal} / {e.Acceptable} / {e.Unacceptable}";

    private static string[] Cells(SchoolDashboardRow s) =>
    [
        s.ShortName, YesNo(s.Acts.Regulation), YesNo(s.Acts.RoadMapApproved), YesNo(s.Acts.CuratorAppointed), $"{s.Acts.PairOrders}", $"{s.MentorPool}",
        $"{s.MenteePool}", $"{s.ActiveMentorships}", $"{s.ProgramsActive}", $"{s.ProgramsCompleted}", Percent(s.Teachers.Percent), Percent(s.Students.Percent),
        $"{s.OverdueActivities}", Levels(s.Evaluations), string.Join("; ", s.LaggingReasons),
    ];

    public static DocumentFields Fields(DistrictDashboard d, string district, DateOnly asOf) => new DocumentFields()
        .Set("district", district).Set("school_year", d.SchoolYearText).Set("as_of", OrderLayout.InWords(asOf))
        .Table("schools", d.Schools.Select((s, i) =>
        {
            var c = Cells(s);
            return (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["number"] = $"{i + 1}", ["name"] = c[0], ["regulation"] = c[1], ["road_map"] = c[2], ["curator"] = c[3], ["pair_orders"] = c[4],
                ["mentor_pool"] = c[5], ["mentee_pool"] = c[6], ["pairs"] = c[7], ["programs_active"] = c[8], ["programs_completed"] = c[9],
                ["teachers"] = c[10], ["students"] = c[11], ["overdue"] = c[12], ["evaluations"] = c[13], ["lagging"] = c[14],
            };
        }));

    /// <param name="district">The district's full name.</param>
    /// <param name="asOf">The day the figures are computed (in the district's time zone): also the file's timestamp.</param>
    public static byte[] Write(DistrictDashboard d, string district, DateOnly asOf) =>
        Docx.Write(Content(d, district, asOf), landscape: true, new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private static IEnumerable<OpenXmlElement> Content(DistrictDashboard d, string district, DateOnly asOf)
    {
        yield return Paragraph(district, bold: true, center: true);
        yield return Paragraph("Сводка мониторинга системы наставничества педагогических работников", bold: true, center: true, size: 28);
        yield return Paragraph($"{d.SchoolYearText}, по состоянию на {OrderLayout.InWords(asOf)}", center: true);
        yield return Table(Columns, Rows(d));
        var t = d.Totals;
        yield return Paragraph($"Организаций: {t.Schools}, из них отстают: {t.LaggingSchools}. Охват наставничеством: педагогов — {Percent(t.Teachers.Percent)} "
            + $"(цель {d.TeachersTarget.ToString("0.#", Ru)} %), обучающихся — {Percent(t.Students.Percent)} (цель {d.StudentsTarget.ToString("0.#", Ru)} %).");
        yield return Paragraph("Оценки программ: оптимальный / допустимый / недопустимый уровень (по 9 критериям, 15–18, 9–14, 0–8 баллов).", size: Small);
    }

    private static IEnumerable<TableRow> Rows(DistrictDashboard d)
    {
        yield return Row(Columns, true, Small, "№", "Организация", "Поло­жение", "Дорож­ная карта", "Кура­тор", "При­казы о парах", "Банк настав­ников",
            "Банк настав­ляемых", "Пары (груп­пы)", "Прог­раммы идут", "Прог­раммы завер­шены", "Охват педа­гогов", "Охват обучаю­щихся", "Прос­рочено", "Оценки", "Отставание");
        for (var i = 0; i < d.Schools.Count; i++) yield return Row(Columns, false, Small, [$"{i + 1}", .. Cells(d.Schools[i])]);
        var t = d.Totals;
        yield return Row(Columns, true, Small, "", "Итого по району", $"{t.WithRegulation}", $"{t.WithRoadMapApproved}", $"{t.WithCurator}", $"{t.WithPairOrders}",
            $"{t.MentorPool}", $"{t.MenteePool}", $"{t.ActiveMentorships}", $"{t.ProgramsActive}", $"{t.ProgramsCompleted}", Percent(t.Teachers.Percent),
            Percent(t.Students.Percent), $"{t.OverdueActivities}", Levels(t.Evaluations), $"отстают: {t.LaggingSchools}");
    }
}
