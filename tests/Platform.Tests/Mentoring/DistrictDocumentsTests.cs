using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Alba;
using Platform.Mentoring.DistrictActs;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Demo;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Mentoring;

/// <summary>
/// The district's documents: its order № 237 (seed 001) with the deadlines it set for the schools, and its monitoring summary
/// — the dashboard's figures, A4 landscape — read by LibreOffice; the same data gives the same bytes.
/// </summary>
public sealed class DistrictDocumentsTests(ApiHost api) : IClassFixture<ApiHost>
{
    private static readonly Guid District = DemoDistrict.DistrictId;
    private string Curator => api.TokenAs($"district:{District}");

    private Task<IScenarioResult> Get(string url, int status = 200, string? token = null) => api.Scenario(s =>
    {
        s.WithBearerToken(token ?? Curator);
        s.Get.Url(url);
        s.StatusCodeShouldBe(status);
    });

    private async Task<byte[]> TwiceTheSame(string url)
    {
        var first = await (await Get(url)).ReadAsBytesAsync();
        (await (await Get(url)).ReadAsBytesAsync()).ShouldBe(first);
        return first;
    }

    [Fact]
    public async Task The_district_order_lists_the_deadlines_it_set_for_the_schools()
    {
        var acts = await (await Get($"/api/districts/{District}/acts")).ReadAsJsonAsync<List<DistrictActView>>();
        var order237 = acts!.Single(a => a.Number == "237");
        var text = await DocxText.CheckAsync(await TwiceTheSame($"/api/districts/{District}/acts/{order237.Id}/document.docx"));
        text.ShouldContain("Управление образования администрации муниципального района «Троицко-Печорский»");
        text.ShouldContain("ПРИКАЗ", Case.Sensitive);
        text.ShouldContain("4 мая 2022 г.");
        text.ShouldContain("№ 237");
        text.ShouldContain(order237.Title);
        text.ShouldContain("1. Руководителям образовательных организаций обеспечить в установленные сроки:");
        text.ShouldContain("Утвердить положение о системе наставничества педагогических работников (п. 4.2)");
        text.ShouldContain("до 20.05.2022");
        text.ShouldContain("Направить результаты мониторинга системы наставничества в Управление образования (п. 4.6)");
        text.ShouldContain("до 23 декабря ежегодно");
        text.ShouldContain("Принято положение о системе наставничества");
        text.ShouldContain("Начальник");

        var other = await api.Scenario(s =>
        {
            s.WithBearerToken(Curator);
            s.Post.Json(new { kind = "other", number = "301", date = "2026-11-02", title = "О семинаре наставников" }).ToUrl($"/api/districts/{District}/acts");
            s.StatusCodeShouldBe(201);
        }).Json<DistrictActView>();
        (await MentoringScenario.Detail(Get($"/api/districts/{District}/acts/{other.Id}/document.docx", 409))).ShouldContain("не задано ни одного срока");
        await Get($"/api/districts/{District}/acts/{Guid.NewGuid()}/document.docx", 404);
        await Get($"/api/districts/{District}/acts/{order237.Id}/document.docx", 403, api.TokenAs($"school:{MentoringScenario.Sosh1}"));
    }

    [Fact]
    public async Task The_monitoring_summary_holds_the_dashboard_s_figures_on_a_landscape_page()
    {
        var dashboard = await (await Get($"/api/districts/{District}/dashboard")).ReadAsJsonAsync<DistrictDashboard>();
        var docx = await TwiceTheSame($"/api/districts/{District}/dashboard/summary.docx");
        var (pdf, pages) = await DocxText.PdfAsync(docx);
        pages.ShouldBeGreaterThanOrEqualTo(1);
        var box = Regex.Match(Encoding.Latin1.GetString(pdf), @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)");
        box.Success.ShouldBeTrue();
        double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture));

        var text = await DocxText.ReadAsync(docx);
        text.ShouldContain("Управление образования администрации муниципального района «Троицко-Печорский»");
        text.ShouldContain("Сводка мониторинга системы наставничества педагогических работников");
        text.ShouldContain($"{dashboard!.SchoolYearText}, по состоянию на");
        foreach (var school in dashboard.Schools) text.ShouldContain(school.ShortName);
        text.ShouldContain("Итого по району");
        text.ShouldContain($"Организаций: {dashboard.Totals.Schools}, из них отстают: {dashboard.Totals.LaggingSchools}.");
        var t = dashboard.Totals;
        text.ShouldContain($"{t.Evaluations.Optimal} / {t.Evaluations.Acceptable} / {t.Evaluations.Unacceptable}");
        text.ShouldContain($"отстают: {t.LaggingSchools}");

        (await MentoringScenario.Error(Get($"/api/districts/{District}/dashboard/summary.docx?schoolYear=1990", 400), "schoolYear")).ShouldNotBeNullOrEmpty();
    }
}
