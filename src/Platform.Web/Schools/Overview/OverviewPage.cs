using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Resolution;
using Platform.Web.Shell;

namespace Platform.Web.Schools.Overview;

public sealed record OverviewModel(SchoolChecklist Checklist, CoverageReport Coverage, int Mentors, int Mentees, int Pairs, int ProposedPairs,
    int Programs, int OverduePrograms, IReadOnlyList<ActivityRow> Overdue, int OverdueTotal, IReadOnlyList<ActivityRow> Next);

/// <summary>The school's overview: acts and appointments, pools, pairs, programs, coverage against the targets, what is due.</summary>
public static class OverviewPages
{
    public static RouteGroupBuilder MapOverview(this RouteGroupBuilder school)
    {
        school.MapGet("", Show).RequireAuthorization(Policies.SchoolRead);
        return school;
    }

    private static async Task<IResult> Show(Guid schoolId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var school = tenant.School!;
        var checklist = (await SchoolChecklists.BuildAsync(session, [(school.Id, school.ShortName)], ct))[0];
        var coverage = await CoverageQuery.ForSchoolsAsync(session, school.RegionId, [(school.Id, school.ShortName)], CoverageQuery.SchoolYearOf(ui.Today), ct);
        var mentors = await PoolList.MentorsAsync(session, schoolId, ui.Today, new MentorPoolQuery(PageSize: 1), ct);
        var mentees = await PoolList.MenteesAsync(session, schoolId, ui.Today, time.GetUtcNow(), new MenteePoolQuery(PageSize: 1), false, ct);
        var pairs = await MentorshipList.QueryAsync(session, schoolId, new MentorshipListQuery(Status: "active", PageSize: 1), ct);
        var proposed = await MentorshipList.QueryAsync(session, schoolId, new MentorshipListQuery(Status: "proposed", PageSize: 1), ct);
        var programs = await ProgramList.QueryAsync(session, schoolId, ui.Today, new ProgramListQuery(Status: "in_progress", PageSize: 1), ct);
        var late = await ProgramList.QueryAsync(session, schoolId, ui.Today, new ProgramListQuery(Status: "in_progress", Overdue: true, PageSize: 1), ct);
        var overdue = await ActivityList.QueryAsync(session, schoolId, ui.Today, new ActivityListQuery(Overdue: true, Sort: "due", PageSize: 5), ct);
        var next = await ActivityList.QueryAsync(session, schoolId, ui.Today,
            new ActivityListQuery(Overdue: false, Status: "planned", DueFrom: ui.Today, Sort: "due", PageSize: 6), ct);
        return Pages.Render<OverviewView>(new
        {
            Ui = ui,
            Model = new OverviewModel(checklist, coverage, mentors.Total, mentees.Total, pairs.Total, proposed.Total, programs.Total, late.Total,
                overdue.Items, overdue.Total, next.Items),
        });
    }
}
