using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Checklist;
using Platform.Mentoring.Coverage;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Districts.Campaigns;
using Platform.Web.Shell;

namespace Platform.Web.Districts;

public sealed record DistrictSchoolRow(SchoolCard School, SchoolChecklist Checklist, SchoolCoverage? Coverage);

public sealed record DistrictHomeModel(DistrictEntry District, CoverageReport Coverage, IReadOnlyList<DistrictSchoolRow> Schools);

public sealed record DistrictLink(Guid Id, string Name, int Schools);

/// <summary>
/// The district curator's home: the district's schools with what each has adopted and its coverage, each a link to the
/// school's pages (read-only for the district). The district dashboard (its own branch) takes the slot at the top.
/// </summary>
public static class DistrictPages
{
    public static IEndpointRouteBuilder MapDistrictPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/districts").ExcludeFromDescription();
        pages.MapGet("", List).RequireAuthorization(Policies.DistrictRead);
        pages.MapGet("/{districtId:guid}", Home).RequireAuthorization(Policies.DistrictRead);
        pages.MapGroup("/{districtId:guid}").MapCampaignPages();
        return app;
    }

    private static async Task<IResult> List(HttpContext http, DocumentSession session, TenantContext tenant, TenantDirectory directory, CancellationToken ct)
    {
        var rows = await session.QueryAsync("""
            SELECT d.id, d.short_name, (SELECT count(*) FROM registry.schools s WHERE s.district_id = d.id AND s.closed_on IS NULL)
              FROM registry.districts d ORDER BY d.short_name
            """, r => new DistrictLink(r.GetGuid(0), r.GetString(1), (int)r.GetInt64(2)), ct);
        var visible = new List<DistrictLink>();
        foreach (var row in rows)
            if (await directory.FindDistrictAsync(row.Id, ct) is { } d && tenant.Caller!.CanSee(d)) visible.Add(row);
        return Pages.Render<DistrictListPage>(new { Ui = UiContext.For(http), Districts = visible });
    }

    private static async Task<IResult> Home(Guid districtId, HttpContext http, DocumentSession session, TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        var ui = UiContext.For(http);
        var district = tenant.District!;
        var schools = await SchoolList.QueryAsync(session, districtId, new SchoolListQuery(Status: "open", Sort: "name", PageSize: 500), ct);
        var pairs = schools.Items.Select(s => (s.Id, s.ShortName)).ToList();
        var checklists = (await SchoolChecklists.BuildAsync(session, pairs, ct)).ToDictionary(c => c.SchoolId);
        var coverage = await CoverageQuery.ForSchoolsAsync(session, district.RegionId, pairs, CoverageQuery.SchoolYearOf(ui.Today), ct);
        var bySchool = coverage.Schools.ToDictionary(c => c.SchoolId);
        var rows = schools.Items.Select(s => new DistrictSchoolRow(s, checklists[s.Id], bySchool.GetValueOrDefault(s.Id))).ToList();
        return Pages.Render<DistrictHomePage>(new { Ui = ui, Model = new DistrictHomeModel(district, coverage, rows) });
    }
}
