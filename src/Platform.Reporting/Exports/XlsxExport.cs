using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Mentoring.Documents;
using Platform.Reporting.Indicators;

namespace Platform.Reporting.Exports;

/// <summary>
/// The submission as an XLSX workbook in Russian: sheet «Мониторинг» with a row per school and the district totals row,
/// a column per indicator; sheet «Сведения» with the campaign, district and as-of moment. Figures only, no participant: what
/// leaves the district for the institute is aggregated. The same submission gives the same bytes (<see cref="Xlsx"/>).
/// </summary>
public static class XlsxExport
{
    public static byte[] Write(SubmissionTable t) => Xlsx.Write(
    [
        new XlsxSheet("Мониторинг", [8, 60, .. t.Indicators.Select(_ => 18d)], DataRows(t)),
        new XlsxSheet("Сведения", [], AboutRows(t)),
    ], t.Stamp);

    private static IEnumerable<IEnumerable<Cell>> DataRows(SubmissionTable t)
    {
        yield return [Xlsx.Text("№", bold: true), Xlsx.Text("Организация", bold: true), .. t.Indicators.Select(i => Xlsx.Text(SubmissionTable.Header(i), bold: true))];
        var n = 1;
        foreach (var r in t.Rows)
            yield return [Xlsx.Number(n++), Xlsx.Text(r.SchoolName), .. t.Indicators.Select(i => Value(i, r.Values.GetValueOrDefault(i.Code), false))];
        yield return [Xlsx.Text("", bold: true), Xlsx.Text(SubmissionTable.TotalsLabel, bold: true), .. t.Indicators.Select(i => Value(i, t.Totals[i.Code], true))];
    }

    private static IEnumerable<IEnumerable<Cell>> AboutRows(SubmissionTable t)
    {
        var s = t.Submission;
        (string, string)[] lines =
        [
            ("Кампания", s.CampaignTitle), ("Район", s.DistrictName),
            ("Данные на", TimeZoneInfo.ConvertTime(s.AsOf, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("dd.MM.yyyy HH:mm", SubmissionTable.Russian) + " (МСК)"),
            ("Организаций должно отчитаться", s.Expected.ToString(CultureInfo.InvariantCulture)),
            ("Принятых отчётов в сводке", t.Rows.Count.ToString(CultureInfo.InvariantCulture)),
            ("Итог по району", "количества — сумма; проценты охвата — сумма наставляемых к сумме численности организаций (как в сводке района); " +
                "проценты, вносимые вручную, — среднее по организациям; да/нет — число организаций с «да»"),
        ];
        return lines.Select(l => (IEnumerable<Cell>)[Xlsx.Text(l.Item1, bold: true), Xlsx.Text(l.Item2)]);
    }

    private static Cell Value(Indicator i, decimal? value, bool total) => value switch
    {
        null => Xlsx.Empty(),
        { } v when i.Kind == IndicatorKind.Flag && !total => Xlsx.Text(v == 1 ? "да" : "нет"),
        { } v => Xlsx.Number(v, bold: total),
    };
}
