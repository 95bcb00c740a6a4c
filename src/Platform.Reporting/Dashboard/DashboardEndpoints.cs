using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.Documents;
using Platform.Reporting.Dashboard.Documents;
using Platform.Tenancy.Resolution;

namespace Platform.Reporting.Dashboard;

/// <summary>
/// The district curator's and the region officer's dashboard: one row per school (or per district), totals, lagging
/// marks with their reasons, and a read-only look into one school. Everything here only reads.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/districts/{districtId:guid}/dashboard", District).WithMetadata(new ReadsFromReplicaAttribute()).WithTags("Сводка").RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Сводка по организациям района: акты, банки, пары, программы, охват, просрочки, оценки; итоги; отстающие с причинами");
        app.MapGet("/api/districts/{districtId:guid}/dashboard/summary.docx", SummaryDocument).WithTags("Сводка").RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Сводка мониторинга района документом DOCX (A4, альбомная): показатели организаций и итоги района; schoolYear — учебный год");
        app.MapGet("/api/regions/{regionId:guid}/dashboard", Region).WithMetadata(new ReadsFromReplicaAttribute()).WithTags("Сводка").RequireAuthorization(Policies.RegionRead)
            .WithSummary("Сводка по районам региона: итоги района и отстающие районы с причинами");
        app.MapGet("/api/schools/{schoolId:guid}/dashboard", School).WithMetadata(new ReadsFromReplicaAttribute()).WithTags("Сводка").RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Организация в сводке (только чтение): показатели и программы, имена — только при согласии");
        return app;
    }

    private static DateOnly Today(DateTimeOffset now, string timeZone) =>
        Tenancy.Registry.RussianTimeZones.Today(now, timeZone);

    private static async Task<Results<Ok<DistrictDashboard>, ValidationProblem>> District(
        [AsParameters] DashboardFilter filter, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var errors = filter.Check();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        return TypedResults.Ok(await DistrictAsync(filter, tenant.District!, session, time.GetUtcNow(), ct));
    }

    /// <summary>The whole district (the filter's school year only), as of today in the district's time zone.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem>> SummaryDocument(
        int? schoolYear, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var filter = new DashboardFilter(SchoolYear: schoolYear);
        var errors = filter.Check();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        var district = tenant.District!;
        var now = time.GetUtcNow();
        var dashboard = await DistrictAsync(filter, district, session, now, ct);
        var today = Today(now, district.TimeZone);
        return await DocumentFiles.ProduceAsync(session, district.Id, DistrictSummaryDocument.Kind, DistrictSummaryDocument.Fields(dashboard, district.Name, today),
            () => DistrictSummaryDocument.Write(dashboard, district.Name, today), $"Сводка {dashboard.SchoolYear}-{dashboard.SchoolYear + 1}.docx",
            new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ct);
    }

    /// <summary>The district's dashboard for a filter already checked (the web UI's district home reads it too).</summary>
    public static async Task<DistrictDashboard> DistrictAsync(DashboardFilter filter, DistrictEntry district, DocumentSession session, DateTimeOffset now,
        CancellationToken ct)
    {
        var year = filter.SchoolYear ?? SchoolYears.Of(Today(now, district.TimeZone));
        var targets = await CoverageQuery.TargetsAsync(session, district.RegionId, ct);
        var rows = await DashboardQuery.SchoolRowsAsync(session, district.Id, null, null, now, year, targets, ct);
        var shown = filter.Apply(rows);
        return new DistrictDashboard(district.Id, district.ShortName, year, CoverageQuery.Text(year), targets.TeachersPercent,
            targets.StudentsPercent, DashboardQuery.Totals(rows, targets), shown.Count, shown);
    }

    private static async Task<Results<Ok<RegionDashboard>, ValidationProblem>> Region(
        [AsParameters] DashboardFilter filter, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var errors = filter.Check(forDistricts: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        var region = tenant.Region!;
        var now = time.GetUtcNow();
        var year = filter.SchoolYear ?? SchoolYears.Of(Today(now, region.TimeZone));
        var targets = await CoverageQuery.TargetsAsync(session, region.Id, ct);
        var rows = await DashboardQuery.SchoolRowsAsync(session, null, region.Id, null, now, year, targets, ct);
        var districts = await session.QueryAsync("SELECT id, short_name FROM registry.districts WHERE region_id = $1",
            r => (Id: r.GetGuid(0), Name: r.GetString(1)), ct, region.Id);
        var bySchool = rows.ToLookup(r => r.DistrictId);
        var districtRows = districts.Select(d =>
        {
            var totals = DashboardQuery.Totals(bySchool[d.Id].ToList(), targets);
            var reasons = Lagging.DistrictReasons(totals);
            return new DistrictDashboardRow(d.Id, d.Name, totals, reasons.Count > 0, reasons);
        });
        var shown = filter.Apply(districtRows);
        return TypedResults.Ok(new RegionDashboard(region.Id, region.Name, year, CoverageQuery.Text(year), targets.TeachersPercent,
            targets.StudentsPercent, DashboardQuery.Totals(rows, targets), shown.Count, shown));
    }

    private static async Task<Results<Ok<SchoolDashboard>, ValidationProblem>> School(
        int? schoolYear, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var errors = new DashboardFilter(SchoolYear: schoolYear).Check();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Проверьте параметры запроса");
        var school = tenant.School!;
        var now = time.GetUtcNow();
        var year = schoolYear ?? SchoolYears.Of(Today(now, school.TimeZone));
        var targets = await CoverageQuery.TargetsAsync(session, school.RegionId, ct);
        var row = (await DashboardQuery.SchoolRowsAsync(session, null, null, school.Id, now, year, targets, ct)).Single();
        var programs = await DashboardQuery.ProgramsAsync(session, school.Id, ct);
        return TypedResults.Ok(new SchoolDashboard(school.Id, school.ShortName, school.FullName, year, CoverageQuery.Text(year), row, programs));
    }
}
