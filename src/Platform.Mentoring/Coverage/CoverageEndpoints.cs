using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Mentoring.RoadMaps;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Coverage;

/// <summary>Coverage against targets: a school's, a district's side by side, and the region's targets.</summary>
public static class CoverageEndpoints
{
    public static IEndpointRouteBuilder MapCoverage(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId:guid}/coverage").WithTags("Охват");
        school.MapGet("", ForSchool).RequireAuthorization(Policies.SchoolRead).WithSummary("Охват наставничеством за учебный год против целевых показателей");
        school.MapPut("/{schoolYear:int}/totals", EnterTotals).RequireAuthorization(Policies.SchoolWrite)
            .WithSummary("Численность педагогов и обучающихся за учебный год (база для процентов)");

        app.MapGet("/api/districts/{districtId:guid}/coverage", ForDistrict).WithTags("Охват").RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Охват по всем организациям района");

        var region = app.MapGroup("/api/regions/{regionId:guid}/coverage-targets").WithTags("Охват");
        region.MapGet("", Targets).RequireAuthorization(Policies.Authenticated).WithSummary("Целевые показатели охвата региона");
        region.MapPut("", SetTargets).RequireAuthorization(Policies.Platform).WithSummary("Установить целевые показатели охвата региона");
        return app;
    }

    private static async Task<Ok<SchoolCoverage>> ForSchool(int? schoolYear, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var school = tenant.School!;
        var year = schoolYear ?? CoverageQuery.SchoolYearOf(RoadMapEndpoints.Today(tenant, time));
        var report = await CoverageQuery.ForSchoolsAsync(session, school.RegionId, [(school.Id, school.ShortName)], year, ct);
        return TypedResults.Ok(report.Schools.Single());
    }

    private static async Task<Ok<CoverageReport>> ForDistrict(
        Guid districtId, int? schoolYear, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var schools = await session.QueryAsync("SELECT id, short_name FROM registry.schools WHERE district_id = $1 AND closed_on IS NULL ORDER BY short_name",
            r => (r.GetGuid(0), r.GetString(1)), ct, districtId);
        var today = Platform.Tenancy.Registry.RussianTimeZones.Today(time.GetUtcNow(), tenant.District!.TimeZone);
        return TypedResults.Ok(await CoverageQuery.ForSchoolsAsync(session, tenant.District.RegionId, schools, schoolYear ?? CoverageQuery.SchoolYearOf(today), ct));
    }

    private static async Task<Ok<SchoolCoverage>> EnterTotals(
        int schoolYear, EnterSchoolYearTotals command, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var school = tenant.School!;
        var entered = CoverageCommands.EnterTotals(schoolYear, command, CoverageQuery.SchoolYearOf(RoadMapEndpoints.Today(tenant, time)));
        var stream = CoverageCommands.TotalsStream(school.Id, schoolYear);
        if (await session.Events.FetchStreamStateAsync(stream, ct) is null) session.Events.StartStream<SchoolYearTotals>(stream, entered);
        else await session.Events.AppendExclusive(stream, ct, entered);
        await session.SaveChangesAsync(ct);
        var report = await CoverageQuery.ForSchoolsAsync(session, school.RegionId, [(school.Id, school.ShortName)], schoolYear, ct);
        return TypedResults.Ok(report.Schools.Single());
    }

    private static async Task<Results<Ok<CoverageTargets>, NotFound>> Targets(Guid regionId, TenantDirectory directory, DocumentSession session, CancellationToken ct)
    {
        if ((await directory.ListRegionsAsync(ct)).All(r => r.Id != regionId)) return TypedResults.NotFound();
        return TypedResults.Ok(await CoverageQuery.TargetsAsync(session, regionId, ct));
    }

    private static async Task<Results<Ok<CoverageTargets>, NotFound>> SetTargets(
        Guid regionId, SetCoverageTargets command, TenantDirectory directory, DocumentSession session, CancellationToken ct)
    {
        if ((await directory.ListRegionsAsync(ct)).All(r => r.Id != regionId)) return TypedResults.NotFound();
        return TypedResults.Ok(await SetTargetsAsync(regionId, command, session, ct));
    }

    /// <summary>Sets the region's coverage targets and who counts as covered. Refusals throw. Shared by the API and the web page.</summary>
    public static async Task<CoverageTargets> SetTargetsAsync(Guid regionId, SetCoverageTargets command, DocumentSession session, CancellationToken ct)
    {
        var set = CoverageCommands.SetTargets(regionId, command);
        var region = session.ForTenant(regionId);
        var stream = CoverageCommands.TargetsStream(regionId);
        if (await region.FetchStreamStateAsync(stream, ct) is null) region.StartStream<CoverageTargets>(stream, set);
        else await region.AppendExclusive(stream, ct, set);
        await session.SaveChangesAsync(ct);
        return CoverageTargets.Create(set);
    }
}
