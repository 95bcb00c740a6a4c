using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Reporting.Dashboard;
using Platform.Tenancy.Registry;
using Platform.Tenancy.Resolution;
using Platform.Web.Districts.Acts;
using Platform.Web.Districts.Campaigns;
using Platform.Web.Districts.Clients;
using Platform.Web.Districts.Deadlines;
using Platform.Web.Districts.Templates;
using Platform.Web.Districts.Deliveries;
using Platform.Web.Districts.Recognition;
using Platform.Web.Districts.Accounts;
using Platform.Web.Districts.Schools;
using Platform.Web.Shell;

using Platform.Web.Districts.Publication;

namespace Platform.Web.Districts;

/// <param name="Errors">The filter's problems in Russian, by parameter (then the dashboard is shown unfiltered).</param>
public sealed record DistrictHomeModel(DistrictEntry District, DistrictDashboard Dashboard, DashboardFilter Filter, IReadOnlyDictionary<string, string[]> Errors);

public sealed record DistrictLink(Guid Id, string Name, int Schools);

/// <summary>
/// The district curator's home: the district dashboard (a row per school: acts, pools, pairs, programs, coverage against
/// the targets, overdue activities, evaluations, the campaign report; lagging schools marked with their reasons), filters
/// and a coverage chart; each school opens its pages read-only.
/// </summary>
public static class DistrictPages
{
    public static IEndpointRouteBuilder MapDistrictPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/districts").ExcludeFromDescription();
        pages.MapGet("", List).RequireAuthorization(Policies.DistrictRead);
        pages.MapGet("/{districtId:guid}", Home).RequireAuthorization(Policies.DistrictRead).WithMetadata(new ReadsFromReplicaAttribute());
        pages.MapGroup("/{districtId:guid}").MapCampaignPages();
        pages.MapGroup("/{districtId:guid}").MapDeliveryPages();
        pages.MapGroup("/{districtId:guid}").MapClientPages();
        pages.MapGroup("/{districtId:guid}").MapSchoolRegistryPages();
        pages.MapGroup("/{districtId:guid}").MapAccountPages();
        pages.MapGroup("/{districtId:guid}").MapDistrictActPages();
        pages.MapGroup("/{districtId:guid}").MapDistrictDeadlinePages();
        pages.MapGroup("/{districtId:guid}").MapDocumentTemplatePages();
        pages.MapGroup("/{districtId:guid}").MapDistrictRecognitionPages();
        pages.MapGroup("/{districtId:guid}").MapDistrictPublicationPages();
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

    private static async Task<IResult> Home(Guid districtId, [AsParameters] DashboardFilter filter, HttpContext http, DocumentSession session,
        TenantContext tenant, TimeProvider time, CancellationToken ct)
    {
        // A form sends its empty fields as empty strings: they mean «no filter».
        filter = filter with { Missing = Blank(filter.Missing), Search = Blank(filter.Search), Sort = Blank(filter.Sort) };
        var errors = filter.Check();
        var used = errors.Count == 0 ? filter : new DashboardFilter();
        var dashboard = await DashboardEndpoints.DistrictAsync(used, tenant.District!, session, time.GetUtcNow(), ct);
        return Pages.Render<DistrictHomePage>(new { Ui = UiContext.For(http), Model = new DistrictHomeModel(tenant.District!, dashboard, used, errors) });
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
