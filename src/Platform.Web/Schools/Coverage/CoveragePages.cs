using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Coverage;
using Platform.Web.Schools.RoadMaps;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Coverage;

/// <param name="Typed">The totals form's values (after a refusal: as typed).</param>
public sealed record CoveragePageModel(CoverageReport Report, int CurrentSchoolYear, IReadOnlyDictionary<string, string?> Typed, FormErrors Errors, string? Notice = null)
{
    public SchoolCoverage School => Report.Schools.Single();
}

/// <summary>
/// «Охват»: the school's coverage in a school year against the region's targets, and the totals (how many teachers and students the
/// school has that year) that the percentages rest on. The query and the decision are the API's (<see cref="CoverageQuery"/>,
/// <see cref="CoverageCommands.EnterTotals"/>), the totals kept in the same stream per school and year.
/// </summary>
public static class CoveragePages
{
    public static RouteGroupBuilder MapCoveragePages(this RouteGroupBuilder school)
    {
        school.MapGet("/coverage", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/coverage/totals", EnterTotals).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static Task<CoverageReport> ReportAsync(DocumentSession session, UiContext ui, int year, CancellationToken ct) =>
        CoverageQuery.ForSchoolsAsync(session, ui.School!.RegionId, [(ui.School.Id, ui.School.ShortName)], year, ct);

    private static Dictionary<string, string?> Typed(SchoolCoverage s) => new()
    {
        ["schoolYear"] = s.SchoolYear.ToString(), ["teachers"] = s.TeachersTotal?.ToString(), ["students"] = s.StudentsTotal?.ToString(),
    };

    private static async Task<IResult> Show(Guid schoolId, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "schoolYear")] string? yearText, HttpContext http,
        DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var current = CoverageQuery.SchoolYearOf(ui.Today);
        var year = int.TryParse(yearText, out var y) && y >= 2000 && y <= current + 1 ? y : current;
        var report = await ReportAsync(session, ui, year, ct);
        return Pages.Render<CoveragePage>(new { Ui = ui, Model = new CoveragePageModel(report, current, Typed(report.Schools.Single()), FormErrors.None) });
    }

    private static async Task<IResult> EnterTotals(Guid schoolId, HttpContext http, DocumentSession session, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var current = CoverageQuery.SchoolYearOf(ui.Today);
        var (form, valid) = await Pages.ReadFormAsync(http);
        var typed = new[] { "schoolYear", "teachers", "students" }.ToDictionary(f => f, f => (string?)form[f].ToString());
        var shown = int.TryParse(typed["schoolYear"], out var y) && y >= 2000 && y <= current + 1 ? y : current;
        var before = await ReportAsync(session, ui, shown, ct);
        IResult Again(FormErrors errors) => Pages.Render<CoveragePage>(new { Ui = ui, Model = new CoveragePageModel(before, current, typed, errors) });
        if (!valid) return Again(FormErrors.General(Pages.StaleForm));
        return await Pages.Attempt(async () =>
        {
            var year = PeriodForm.Number(typed["schoolYear"], "schoolYear", "Учебный год — год его начала, например 2026.")
                ?? throw PeriodForm.Refuse("schoolYear", "Укажите учебный год: год его начала, например 2026.");
            var entered = CoverageCommands.EnterTotals(year, new EnterSchoolYearTotals(
                PeriodForm.Number(typed["teachers"], "teachers", "Укажите число педагогов (0–5000)."),
                PeriodForm.Number(typed["students"], "students", "Укажите число обучающихся (0–50 000).")), current);
            var stream = CoverageCommands.TotalsStream(ui.School!.Id, year);
            if (await session.Events.FetchStreamStateAsync(stream, ct) is null) session.Events.StartStream<SchoolYearTotals>(stream, entered);
            else await session.Events.AppendExclusive(stream, ct, entered);
            await session.SaveChangesAsync(ct);
            var report = await ReportAsync(session, ui, year, ct);
            return Pages.Render<CoveragePage>(new
            {
                Ui = ui, Model = new CoveragePageModel(report, current, Typed(report.Schools.Single()), FormErrors.None,
                    $"Численность за {CoverageQuery.Text(year)} сохранена."),
            });
        }, Again);
    }
}
