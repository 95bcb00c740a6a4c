using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Reporting.Campaigns;

/// <summary>
/// Reporting campaigns: a district's for its schools (the district curator opens and follows them), a region's for its
/// districts (opened by the platform's administrator for the institute, read by the region officer).
/// </summary>
public static class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var district = app.MapGroup("/api/districts/{districtId:guid}/campaigns").WithTags("Мониторинг: кампании");
        district.MapGet("", ListForDistrict).RequireAuthorization(Policies.DistrictRead).WithSummary("Кампании мониторинга района");
        district.MapPost("", OpenForDistrict).RequireAuthorization(Policies.DistrictWrite)
            .WithSummary("Открыть кампанию: период, срок сдачи (по умолчанию 23 декабря), дни до просрочки, дата закрытия, организации");
        district.MapGet("/{id:guid}", ProgressForDistrict).RequireAuthorization(Policies.DistrictRead)
            .WithSummary("Кампания: полнота и своевременность — ожидается, сдано, принято, в срок; по каждой организации");
        app.MapGet("/api/districts/{districtId:guid}/region-campaigns", RegionCampaignsOfDistrict).WithTags("Мониторинг: кампании")
            .RequireAuthorization(Policies.DistrictRead).WithSummary("Кампании региона, в которых район должен сдать сводный отчёт");

        var region = app.MapGroup("/api/regions/{regionId:guid}/campaigns").WithTags("Мониторинг: кампании");
        region.MapGet("", ListForRegion).RequireAuthorization(Policies.RegionRead).WithSummary("Кампании мониторинга региона");
        region.MapPost("", OpenForRegion).RequireAuthorization(Policies.Platform)
            .WithSummary("Открыть кампанию региона для районов (срок по умолчанию 28 декабря)");
        region.MapGet("/{id:guid}", ProgressForRegion).RequireAuthorization(Policies.RegionRead)
            .WithSummary("Кампания региона: какие районы сдали сводный отчёт, в срок ли; полнота по организациям района");
        return app;
    }

    private static async Task<Ok<List<CampaignView>>> ListForDistrict(Guid districtId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await CampaignQueries.ListAsync(session, districtId, ct));

    private static async Task<Created<DistrictCampaignProgress>> OpenForDistrict(
        Guid districtId, OpenCampaign command, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var id = await OpenAsync(districtId, command, tenant, session, time, ct);
        return TypedResults.Created($"/api/districts/{districtId}/campaigns/{id}", (await CampaignQueries.DistrictAsync(session, districtId, id, time.GetUtcNow(), ct))!);
    }

    /// <summary>Opens the district's campaign for its schools and returns its id (also used by the web UI).</summary>
    public static async Task<Guid> OpenAsync(Guid districtId, OpenCampaign command, TenantContext tenant, DocumentSession session, TimeProvider time,
        CancellationToken ct)
    {
        var schools = await session.QueryAsync(
            "SELECT id, short_name FROM registry.schools WHERE district_id = $1 AND closed_on IS NULL ORDER BY short_name",
            r => new CampaignParticipant(r.GetGuid(0), r.GetString(1)), ct, districtId);
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        session.Events.StartStream<Campaign>(id, CampaignCommands.Open(id, CampaignLevel.District, districtId, tenant.District!.TimeZone, command, schools, now));
        await session.SaveChangesAsync(ct);
        return id;
    }

    private static async Task<Results<Ok<DistrictCampaignProgress>, NotFound>> ProgressForDistrict(
        Guid districtId, Guid id, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        await CampaignQueries.DistrictAsync(session, districtId, id, time.GetUtcNow(), ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound();

    public sealed record RegionDuty(Guid CampaignId, Guid RegionId, string Title, DateOnly DueOn, int LateAfterDays, DateOnly? LockOn, Guid? SubmissionId,
        DateTimeOffset? SubmittedAt, bool? Late);

    private static async Task<Ok<List<RegionDuty>>> RegionCampaignsOfDistrict(Guid districtId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await session.QueryAsync("""
            SELECT campaign_id, region_id, title, due_on, late_after_days, lock_on, submission_id, submitted_at, late
              FROM reporting.campaign_districts WHERE tenant_id = $1 ORDER BY due_on DESC
            """, r => new RegionDuty(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetInt32(4),
                r.IsDBNull(5) ? null : r.GetFieldValue<DateOnly>(5), r.IsDBNull(6) ? null : r.GetGuid(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
                r.IsDBNull(8) ? null : r.GetBoolean(8)), ct, districtId));

    /// <summary>The region of the route, if the caller's account covers it (a region officer: its own region; the platform: any).</summary>
    internal static async Task<RegionEntry?> RegionAsync(Guid regionId, TenantContext tenant, TenantDirectory directory, CancellationToken ct)
    {
        var caller = tenant.Caller;
        if (caller is null || !(caller.Scope.Kind == ScopeKind.Platform || (caller.Scope.Kind == ScopeKind.Region && caller.Scope.Id == regionId))) return null;
        return (await directory.ListRegionsAsync(ct)).FirstOrDefault(r => r.Id == regionId);
    }

    private static async Task<Results<Ok<List<CampaignView>>, NotFound>> ListForRegion(
        Guid regionId, TenantContext tenant, TenantDirectory directory, DocumentSession session, CancellationToken ct) =>
        await RegionAsync(regionId, tenant, directory, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await CampaignQueries.ListAsync(session, regionId, ct));

    private static async Task<Results<Created<RegionCampaignProgress>, NotFound>> OpenForRegion(
        Guid regionId, OpenCampaign command, TenantContext tenant, TenantDirectory directory, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        if (await RegionAsync(regionId, tenant, directory, ct) is not { } region) return TypedResults.NotFound();
        var districts = await session.QueryAsync("SELECT id, short_name FROM registry.districts WHERE region_id = $1 ORDER BY short_name",
            r => new CampaignParticipant(r.GetGuid(0), r.GetString(1)), ct, regionId);
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        session.ForTenant(regionId).StartStream<Campaign>(id, CampaignCommands.Open(id, CampaignLevel.Region, regionId, region.TimeZone, command, districts, now));
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/regions/{regionId}/campaigns/{id}", (await CampaignQueries.RegionAsync(session, regionId, id, now, ct))!);
    }

    private static async Task<Results<Ok<RegionCampaignProgress>, NotFound>> ProgressForRegion(
        Guid regionId, Guid id, TenantContext tenant, TenantDirectory directory, DocumentSession session, TimeProvider time, CancellationToken ct) =>
        await RegionAsync(regionId, tenant, directory, ct) is not null && await CampaignQueries.RegionAsync(session, regionId, id, time.GetUtcNow(), ct) is { } p
            ? TypedResults.Ok(p)
            : TypedResults.NotFound();
}
