using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Platform.Domain;

namespace Platform.Mentoring.Documents;

/// <summary>One sheet of a workbook: its name, the width of each column (in characters) and its rows of cells.</summary>
public sealed record XlsxSheet(string Name, double[] Widths, IEnumerable<IEnumerable<Cell>> Rows);

/// <summary>
/// Workbooks (XLSX) the platform gives out: sheets of inline-text and number cells, a bold style for headers. Written with
/// OpenXmlWriter (streamed), with fixed relationship ids and <see cref="DeterministicZip"/>: the same data, the same bytes.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <param name="stamp">When the data last changed: the timestamp of the file's entries.</param>
    public static byte[] Write(IReadOnlyList<XlsxSheet> sheets, DateTimeOffset stamp)
    {
        using var raw = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(raw, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            var styles = workbook.AddNewPart<WorkbookStylesPart>($"rId{sheets.Count + 1}");
            styles.Stylesheet = Styles();
            for (var i = 0; i < sheets.Count; i++) WriteSheet(workbook.AddNewPart<WorksheetPart>($"rId{i + 1}"), sheets[i]);
            workbook.Workbook = new Workbook(new Sheets(sheets.Select((s, i) => new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" })));
        }
        return DeterministicZip.Rewrite(raw.ToArray(), stamp);
    }

    /// <remarks>
    /// An inline string is never computed by Excel, whatever it starts with; it still goes through <see cref="SpreadsheetText.Safe"/>
    /// so that the workbook, saved again as CSV, stays harmless, and the XLSX and the CSV of one export hold the same text.
    /// </remarks>
    public static Cell Text(string? text, bool bold = false) =>
        new(new InlineString(new Text(SpreadsheetText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = Style(bold) };

    public static Cell Number(decimal value, bool bold = false) =>
        new(new CellValue(value.ToString(CultureInfo.InvariantCulture))) { DataType = CellValues.Number, StyleIndex = Style(bold) };

    public static Cell Empty() => new();

    private static uint Style(bool bold) => bold ? 1u : 0u;

    private static void WriteSheet(WorksheetPart part, XlsxSheet sheet)
    {
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        if (sheet.Widths.Length > 0)
        {
            w.WriteStartElement(new Columns());
            // Neighbouring columns of one width are one range, as Excel writes them.
            for (var from = 0; from < sheet.Widths.Length;)
            {
                var to = from;
                while (to + 1 < sheet.Widths.Length && sheet.Widths[to + 1] == sheet.Widths[from]) to++;
                w.WriteElement(new Column { Min = (uint)from + 1, Max = (uint)to + 1, Width = sheet.Widths[from], CustomWidth = true });
                from = to + 1;
            }
            w.WriteEndElement();
        }
        w.WriteStartElement(new SheetData());
        uint index = 1;
        foreach (var cells in sheet.Rows)
        {
            w.WriteStartElement(new Row { RowIndex = index++ });
            foreach (var c in cells) w.WriteElement(c);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}
