using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Platform.Tests.Infrastructure;

/// <summary>A workbook as its cells' texts (numbers as written, invariant), read with the OpenXML SDK.</summary>
internal static class XlsxText
{
    /// <summary>Every sheet, in order, as rows of cell texts.</summary>
    public static List<List<List<string>>> Sheets(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = doc.WorkbookPart!;
        return workbook.Workbook.Sheets!.Elements<Sheet>().Select(sheet => ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InnerText : c.CellValue?.Text ?? "").ToList())
            .ToList()).ToList();
    }

    /// <summary>All the workbook's text, a line per row, cells separated by tabs.</summary>
    public static string All(byte[] xlsx) =>
        string.Join("\n", Sheets(xlsx).SelectMany(rows => rows).Select(cells => string.Join("\t", cells)));

    public static async Task<byte[]> BytesAsync(Alba.IScenarioResult result)
    {
        using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return body.ToArray();
    }
}
