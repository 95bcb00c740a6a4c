using System.Globalization;
using System.Text.Json;
using Alba;
using Platform.Reporting.Dashboard;
using Platform.Reporting.Demo;
using Platform.Reporting.Exports;
using Platform.Tests.Infrastructure;
using Platform.Tests.Web;
using static Platform.Tests.Reporting.ReportingScenario;

namespace Platform.Tests.Reporting;

/// <summary>
/// The figures that go up from the demo district: the dashboard's totals and the submission's XLSX totals are the same
/// weighted percentages; the report column names one campaign; a school without a figure shows «нет данных».
/// </summary>
public sealed class FiguresUpwardTests(ApiHost api) : IClassFixture<ApiHost>
{
    private const string TeachersHeader = "Охват педагогов наставничеством, %";
    private const string StudentsHeader = "Охват обучающихся наставничеством, %";

    private Task<DistrictDashboard> Dashboard(ReportingScenario s) => s.Get(s.DistrictCurator, $"/api/districts/{District}/dashboard").Json<DistrictDashboard>();

    [Fact]
    public async Task The_dashboard_totals_and_the_xlsx_totals_of_the_demo_district_are_the_same_weighted_percentages()
    {
        var s = new ReportingScenario(api);
        // Every school's report in the demo campaign accepted, so that the submission holds the schools the dashboard sums.
        var duties = await api.Database.OwnerListAsync<string>(
            "SELECT tenant_id || ' ' || coalesce(report_id::text, '-') || ' ' || coalesce(report_status, '-') FROM reporting.campaign_schools WHERE campaign_id = $1",
            DemoReporting.CampaignId);
        duties.Count.ShouldBe(6);
        foreach (var duty in duties.Select(d => d.Split(' ')))
        {
            var (school, reportId, status) = (Guid.Parse(duty[0]), duty[1], duty[2]);
            if (status == "accepted") continue;
            var curator = s.Curator(school);
            var id = reportId == "-"
                ? (await s.Post(curator, $"/api/schools/{school}/reports", new { campaignId = DemoReporting.CampaignId }, 201).Json()).GetProperty("id").GetGuid()
                : Guid.Parse(reportId);
            if (status != "submitted")
            {
                await s.Put(curator, $"/api/schools/{school}/reports/{id}/values", new { values = new { website_section = 1 } });
                await s.Post(curator, $"/api/schools/{school}/reports/{id}/submit");
            }
            await s.Post(s.DistrictCurator, $"/api/districts/{District}/reports/{id}/accept");
        }

        var response = await s.Post(s.DistrictCurator, $"/api/districts/{District}/campaigns/{DemoReporting.CampaignId}/submissions", new { }, 202);
        var state = await api.FinishedOperationAsync(s.DistrictCurator, response.Context.Response.Headers.Location.ToString());
        state.GetProperty("status").GetString().ShouldBe("succeeded", state.ToString());
        var url = state.GetProperty("resultUrl").GetString()!;
        var sheet = await Sheet(await s.Get(s.DistrictCurator, $"{url}/export.xlsx"));
        var dashboard = await Dashboard(s);

        sheet.Count.ShouldBe(1 + 6 + 1); // header, the six schools, the district's total
        sheet[^1][1].ShouldBe(SubmissionTable.TotalsLabel);
        var teachers = sheet[0].IndexOf(TeachersHeader);
        var students = sheet[0].IndexOf(StudentsHeader);
        teachers.ShouldBeGreaterThan(1);
        students.ShouldBeGreaterThan(1);
        dashboard.Totals.Teachers.Percent.ShouldNotBeNull();
        dashboard.Totals.Students.Percent.ShouldNotBeNull();
        Number(sheet[^1][teachers]).ShouldBe(dashboard.Totals.Teachers.Percent);
        Number(sheet[^1][students]).ShouldBe(dashboard.Totals.Students.Percent);
        // The schools' own percentages, as in the XLSX and on the dashboard; their mean is not the district's figure.
        foreach (var column in new[] { teachers, students })
        {
            var schools = sheet.Skip(1).Take(6).Select(r => Number(r[column])).Where(v => v is not null).ToList();
            schools.Count.ShouldBe(5); // the support centre entered no numbers
            Math.Round(schools.Average(v => v!.Value), 1).ShouldNotBe(Number(sheet[^1][column])!.Value);
        }
        dashboard.Schools.Select(r => r.Teachers.Percent).Where(p => p is not null).Order()
            .ShouldBe(sheet.Skip(1).Take(6).Select(r => Number(r[teachers])).Where(v => v is not null).Order());
    }

    [Fact]
    public async Task The_report_column_shows_each_school_in_the_campaign_its_header_names_and_no_figure_is_never_zero()
    {
        var s = new ReportingScenario(api);
        // A newer campaign that one school is not part of: the column follows it, and that school shows no report.
        var others = (await Dashboard(s)).Schools.Select(r => r.SchoolId).Where(id => id != Sosh1).ToArray();
        var year = DateTime.UtcNow.Year + 1;
        var opened = await s.Post(s.DistrictCurator, $"/api/districts/{District}/campaigns", new
        {
            title = $"Мониторинг {year}", periodFrom = $"{year}-01-01", periodTo = $"{year}-12-31", participantIds = others,
        }, 201).Json();
        var campaign = opened.GetProperty("campaign").GetProperty("id").GetGuid();

        var dashboard = await Dashboard(s);
        dashboard.Schools.Single(r => r.SchoolId == Sosh1).Campaign.ShouldBeNull();
        dashboard.Schools.Where(r => r.SchoolId != Sosh1).ShouldAllBe(r => r.Campaign != null && r.Campaign.CampaignId == campaign);
        dashboard.Schools.Where(r => r.SchoolId != Sosh1).ShouldAllBe(r => r.Campaign!.Status == "not_started");

        var html = System.Net.WebUtility.HtmlDecode(await api.PageAsync(s.DistrictCurator, $"/districts/{District}"));
        html.ShouldContain($"Отчёт «Мониторинг {year}», до 23 декабря {year}");
        html.ShouldNotContain($"title=\"Мониторинг {DateTime.UtcNow.Year}");
        // The support centre entered no numbers for the year: «нет данных» in both coverage columns, not 0 %.
        var centre = dashboard.Schools.Single(r => r.Teachers.Total is null);
        centre.Teachers.Percent.ShouldBeNull();
        var row = html[html.IndexOf($"/schools/{centre.SchoolId}", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        row.Split("(нет данных)").Length.ShouldBe(3, row);
        row.ShouldNotContain("0\u00A0%");
    }

    private static decimal? Number(string text) => text == "" ? null : decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The first sheet of the XLSX as rows of cell texts (numbers as written, invariant).</summary>
    private static async Task<List<List<string>>> Sheet(IScenarioResult result) => XlsxText.Sheets(await XlsxText.BytesAsync(result))[0];
}
