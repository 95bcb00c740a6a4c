using System.Text;

namespace Platform.Reporting.Exports;

/// <summary>
/// CSV for Russian Excel: UTF-8 with BOM, «;» between fields, decimal comma, CRLF line ends, RFC 4180 quoting, no text read as a
/// formula (<see cref="SpreadsheetText"/>).
/// </summary>
public static class CsvExport
{
    public static byte[] Write(SubmissionTable t)
    {
        var sb = new StringBuilder();
        // Texts (headers, names) pass through SpreadsheetText.Safe; values do not: they are figures, and a negative one must stay
        // a number for Excel, or «да»/«нет».
        Line(sb, [.. new[] { "Организация", "Идентификатор организации" }.Concat(t.Indicators.Select(SubmissionTable.Header)).Select(SpreadsheetText.Safe)]);
        foreach (var r in t.Rows)
            Line(sb, [SpreadsheetText.Safe(r.SchoolName), r.SchoolId.ToString(), .. t.Indicators.Select(i => SubmissionTable.Text(i, r.Values.GetValueOrDefault(i.Code)))]);
        Line(sb, [SpreadsheetText.Safe(SubmissionTable.TotalsLabel), "", .. t.Indicators.Select(i => SubmissionTable.Text(i, t.Totals[i.Code], total: true))]);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static void Line(StringBuilder sb, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var f in fields)
        {
            if (!first) sb.Append(';');
            first = false;
            if (f.IndexOfAny([';', '"', '\r', '\n']) >= 0) sb.Append('"').Append(f.Replace("\"", "\"\"")).Append('"');
            else sb.Append(f);
        }
        sb.Append("\r\n");
    }
}
