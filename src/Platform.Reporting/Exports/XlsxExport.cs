using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Reporting.Indicators;

namespace Platform.Reporting.Exports;

/// <summary>
/// The submission as an XLSX workbook in Russian: sheet «Мониторинг» with a row per school and the district totals row,
/// a column per indicator; sheet «Сведения» with the campaign, district and as-of moment. Written with OpenXmlWriter
/// (streamed), with fixed relationship ids, then re-packed with fixed entry timestamps: the same submission gives the same bytes.
/// </summary>
public static class XlsxExport
{
    public static byte[] Write(SubmissionTable t)
    {
        using var raw = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(raw, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            var styles = workbook.AddNewPart<WorkbookStylesPart>("rId3");
            styles.Stylesheet = Styles();
            var data = workbook.AddNewPart<WorksheetPart>("rId1");
            WriteData(data, t);
            var about = workbook.AddNewPart<WorksheetPart>("rId2");
            WriteAbout(about, t);
            workbook.Workbook = new Workbook(new Sheets(
                new Sheet { Name = "Мониторинг", SheetId = 1, Id = "rId1" },
                new Sheet { Name = "Сведения", SheetId = 2, Id = "rId2" }));
        }
        return Platform.Domain.DeterministicZip.Rewrite(raw.ToArray(), t.Stamp);
    }

    private static void WriteData(WorksheetPart part, SubmissionTable t)
    {
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        w.WriteStartElement(new Columns());
        w.WriteElement(new Column { Min = 1, Max = 1, Width = 8, CustomWidth = true });
        w.WriteElement(new Column { Min = 2, Max = 2, Width = 60, CustomWidth = true });
        w.WriteElement(new Column { Min = 3, Max = (uint)(t.Indicators.Count + 2), Width = 18, CustomWidth = true });
        w.WriteEndElement();
        w.WriteStartElement(new SheetData());
        uint row = 1;
        WriteRow(w, row++, [Text("№", 1), Text("Организация", 1), .. t.Indicators.Select(i => Text(SubmissionTable.Header(i), 1))]);
        var n = 1;
        foreach (var r in t.Rows)
            WriteRow(w, row++, [Number(n++), Text(r.SchoolName), .. t.Indicators.Select(i => Value(i, r.Values.GetValueOrDefault(i.Code), false))]);
        WriteRow(w, row, [Text("", 1), Text(SubmissionTable.TotalsLabel, 1), .. t.Indicators.Select(i => Value(i, t.Totals[i.Code], true))]);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteAbout(WorksheetPart part, SubmissionTable t)
    {
        var s = t.Submission;
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        w.WriteStartElement(new SheetData());
        (string, string)[] lines =
        [
            ("Кампания", s.CampaignTitle), ("Район", s.DistrictName),
            ("Данные на", TimeZoneInfo.ConvertTime(s.AsOf, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("dd.MM.yyyy HH:mm", SubmissionTable.Russian) + " (МСК)"),
            ("Организаций должно отчитаться", s.Expected.ToString(CultureInfo.InvariantCulture)),
            ("Принятых отчётов в сводке", t.Rows.Count.ToString(CultureInfo.InvariantCulture)),
            ("Итог по району", "количества — сумма; проценты охвата — сумма наставляемых к сумме численности организаций (как в сводке района); " +
                "проценты, вносимые вручную, — среднее по организациям; да/нет — число организаций с «да»"),
        ];
        uint row = 1;
        foreach (var (k, v) in lines) WriteRow(w, row++, [Text(k, 1), Text(v)]);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter w, uint index, IEnumerable<Cell> cells)
    {
        w.WriteStartElement(new Row { RowIndex = index });
        foreach (var c in cells) w.WriteElement(c);
        w.WriteEndElement();
    }

    private static Cell Text(string text, uint style = 0) =>
        new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = style };

    private static Cell Number(decimal value, uint style = 0) =>
        new(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = style };

    private static Cell Value(Indicator i, decimal? value, bool total) => value switch
    {
        null => new Cell(),
        { } v when i.Kind == IndicatorKind.Flag && !total => Text(v == 1 ? "да" : "нет"),
        { } v => Number(v, total ? 1u : 0u),
    };

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}
