using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.DistrictActs;
using Platform.Mentoring.DistrictDeadlines;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Overview;

public sealed record OverviewModel(SchoolChecklist Checklist, CoverageReport Coverage, int Mentors, int Mentees, int Pairs, int ProposedPairs,
    int Programs, int OverduePrograms, IReadOnlyList<ActivityRow> Overdue, int OverdueTotal, IReadOnlyList<ActivityRow> Next,
    IReadOnlyList<DistrictActView> DistrictActs, IReadOnlyList<SchoolDeadlineRow> DistrictDeadlines);

/// <summary>
/// The school's overview: acts and appointments, pools, pairs, programs, coverage against the targets, what is due, and the
/// district's acts and deadlines (a deadline the school completes itself is marked done here).
/// </summary>
public static class OverviewPages
{
    public static RouteGroupBuilder MapOverview(this RouteGroupBuilder school)
    {
        school.MapGet("", Show).RequireAuthorization(Policies.SchoolRead);
        school.MapPost("/district-deadlines/{id:guid}/done", MarkDone).RequireAuthorization(Policies.SchoolWrite);
        return school;
    }

    private static async Task<IResult> Show(Guid schoolId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var school = tenant.School!;
        var checklist = (await SchoolChecklists.BuildAsync(session, [(school.Id, school.ShortName)], ct))[0];
        var coverage = await CoverageQuery.ForSchoolsAsync(session, school.RegionId, [(school.Id, school.ShortName)], CoverageQuery.SchoolYearOf(ui.Today), ct);
        var counts = await SchoolCounts.ForSchoolAsync(session, schoolId, ui.Today, ct);
        var overdue = await ActivityList.QueryAsync(session, schoolId, ui.Today, new ActivityListQuery(Overdue: true, Sort: "due", PageSize: 5), ct);
        var next = await ActivityList.FirstAsync(session, schoolId, ui.Today,
            new ActivityListQuery(Overdue: false, Status: "planned", DueFrom: ui.Today, Sort: "due", PageSize: 6), ct);
        return Pages.Render<OverviewView>(new
        {
            Ui = ui,
            Model = new OverviewModel(checklist, coverage, counts.MentorsInPool, counts.MenteesInPool, counts.ActivePairs, counts.ProposedPairs,
                counts.ProgramsInProgress, counts.OverduePrograms,
                overdue.Items, overdue.Total, next,
                await DistrictActList.QueryAsync(session, school.DistrictId, includeRepealed: false, ct),
                await DistrictDeadlineList.ForSchoolAsync(session, schoolId, ui.Today, ct)),
        });
    }

    private static async Task<IResult> MarkDone(Guid schoolId, Guid id, HttpContext http, DocumentSession session, TenantContext tenant, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var (f, valid) = await Pages.ReadFormAsync(http);
        if (!valid) return Pages.Render<FormAlert>(new { Errors = FormErrors.General(Pages.StaleForm) }, StatusCodes.Status400BadRequest);
        var rows = await DistrictDeadlineList.ForSchoolAsync(session, schoolId, ui.Today, ct);
        IResult Again(FormErrors errors) => Pages.Render<DistrictDeadlinesCard>(new { Ui = ui, Rows = rows, Errors = errors });
        return await Pages.Attempt(async () =>
        {
            int? year = int.TryParse(f["year"], out var y) ? y : null;
            if (!await DistrictDeadlineEndpoints.MarkAsync(session, tenant.School!, id, ui.Today, ct,
                    (d, marks) => DistrictDeadlineCommands.MarkDone(d, marks, new MarkDistrictDeadline(year), ui.Today)))
                throw new RecordNotFoundException("Такого срока у района нет.");
            return Pages.Render<DistrictDeadlinesCard>(new { Ui = ui, Rows = await DistrictDeadlineList.ForSchoolAsync(session, schoolId, ui.Today, ct) });
        }, Again);
    }
}
