using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Alba;
using Platform.Reporting.Demo;
using Platform.Tests.Infrastructure;
using Platform.Tests.Mentoring;
using static Platform.Tests.Reporting.ReportingScenario;

namespace Platform.Tests.Reporting;

/// <summary>
/// CSV injection (issue 21): names users type reach the files the platform gives out. The registry and the people list accept
/// a name that starts with «=» or «@»; every CSV and XLSX cell holding such a text starts with «'», and no text cell of any
/// of those files starts with a raw «=», «+», «-», «@». The JSON keeps the name as typed: it is no spreadsheet.
/// </summary>
public sealed class ExportFormulaTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Calc = "=1+2+cmd|' /C calc'!A0";
    private const string At = "@SUM(1+1)*cmd|' /C calc'!A0";
    private static readonly Guid School411 = Guid.Parse("11000000-0000-4000-8000-000000000411");

    [Fact]
    public async Task The_submission_csv_xlsx_and_package_write_a_school_name_starting_as_a_formula_with_a_quote()
    {
        var s = new ReportingScenario(api);
        // Domain validation of a school's short name lets such a name through: the export is what must neutralise it.
        await Rename(s, Sosh1, Calc);
        await Rename(s, School411, At);
        var url = await AssembleAsync(s);

        var csv = await Bytes(s, $"{url}/export.csv");
        var csvCells = CsvCells(csv);
        csvCells.ShouldContain("'" + Calc);
        csvCells.ShouldContain("'" + At);
        NoFormula(csvCells, "csv");

        var sheets = XlsxText.Sheets(await Bytes(s, $"{url}/export.xlsx"));
        var xlsxCells = sheets.SelectMany(rows => rows).SelectMany(cells => cells).ToList();
        xlsxCells.ShouldContain("'" + Calc);
        xlsxCells.ShouldContain("'" + At);
        NoFormula(xlsxCells, "xlsx");
        // The same text in both formats: the schools' column of the workbook is the CSV's first column.
        sheets[0].Skip(1).Select(r => r[1]).ShouldBe(CsvRows(csv).Skip(1).Select(r => r[0]));

        using (var archive = new ZipArchive(new MemoryStream(await Bytes(s, $"{url}/package.zip"))))
        {
            using var inner = new MemoryStream();
            archive.Entries.Single(e => e.FullName.EndsWith(".csv")).Open().CopyTo(inner);
            inner.ToArray().ShouldBe(csv);
        }

        var json = JsonDocument.Parse(await Bytes(s, $"{url}/export.json")).RootElement;
        json.GetProperty("schools").EnumerateArray().Select(x => x.GetProperty("name").GetString()).ShouldBe(new[] { Calc, At }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_people_list_writes_a_name_and_a_position_starting_as_a_formula_with_a_quote()
    {
        var m = new MentoringScenario(api, MentoringScenario.Sosh1);
        // A person's name may hold no digit but may start with «=»; a position is free text.
        await m.Post(m.People, new { kind = "teacher", fullName = "=Формулова Анна Петровна", position = "@учитель информатики" }, 201);
        await m.Post(m.People, new { kind = "teacher", fullName = "+Формулов Пётр Ильич", position = "-учитель; физики" }, 201);

        var sheets = XlsxText.Sheets(await XlsxText.BytesAsync(await m.Get($"{m.People}/export.xlsx?search=Формулов&personal=true")));
        var people = sheets[0].Skip(1).ToList();
        people.Count.ShouldBe(2);
        people.Select(r => r[1]).Order(StringComparer.Ordinal).ShouldBe(["'+Формулов Пётр Ильич", "'=Формулова Анна Петровна"]);
        people.Select(r => r[3]).Order(StringComparer.Ordinal).ShouldBe(["'-учитель; физики", "'@учитель информатики"]);
        NoFormula(sheets.SelectMany(rows => rows).SelectMany(cells => cells).ToList(), "people xlsx");
    }

    private static void NoFormula(IEnumerable<string> cells, string file) =>
        cells.Where(c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(c)).ShouldBeEmpty(file);

    /// <summary>A figure (invariant in XLSX, Russian in CSV): a negative one is a number, not a formula.</summary>
    private static bool IsNumber(string cell) =>
        decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _) || decimal.TryParse(cell, NumberStyles.Number, Platform.Reporting.Exports.SubmissionTable.Russian, out _);

    private static List<string> CsvCells(byte[] csv) => [.. CsvRows(csv).SelectMany(r => r)];

    /// <summary>The rows of the CSV as Excel reads them: «;» between fields, RFC 4180 quotes removed.</summary>
    private static List<List<string>> CsvRows(byte[] csv)
    {
        var text = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else cell.Append(c);
        }
        return rows;
    }

    private Task Rename(ReportingScenario s, Guid school, string shortName) => api.Scenario(x =>
    {
        x.WithBearerToken(s.DistrictCurator);
        x.Patch.Json(new { shortName }).ToUrl($"/api/districts/{District}/schools/{school}");
        x.StatusCodeShouldBe(200);
    });

    private async Task<string> AssembleAsync(ReportingScenario s)
    {
        var response = await s.Post(s.DistrictCurator, $"/api/districts/{District}/campaigns/{DemoReporting.CampaignId}/submissions", new { asOf = (DateTimeOffset?)null }, 202);
        var state = await api.FinishedOperationAsync(s.DistrictCurator, response.Context.Response.Headers.Location.ToString());
        state.GetProperty("status").GetString().ShouldBe("succeeded", state.ToString());
        return state.GetProperty("resultUrl").GetString()!;
    }

    private static async Task<byte[]> Bytes(ReportingScenario s, string url) => await XlsxText.BytesAsync(await s.Get(s.DistrictCurator, url));
}
