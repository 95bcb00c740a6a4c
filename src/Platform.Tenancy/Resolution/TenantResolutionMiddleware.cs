using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;

namespace Platform.Tenancy.Resolution;

/// <summary>
/// Runs after authentication and authorization (which answer 401 and, for a role that may not use the
/// endpoint, 403). The route sets the scope: <c>/api/schools/{schoolId}/…</c> a school,
/// <c>/api/districts/{districtId}/…</c> a district. The caller's account must cover it: a school it may
/// not see is answered 404 (no hint that it exists), a district area 403. The resolved scope is the one
/// every transaction of the request sets in PostgreSQL, so the database enforces the same boundary.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public const string TenantItem = "platform.tenant";
    public const string CallerItem = "platform.caller";

    public async Task InvokeAsync(HttpContext http, TenantContext tenant, TenantDirectory directory)
    {
        tenant.Caller = Caller.FromPrincipal(http.User);
        http.Items[CallerItem] = tenant.Caller;
        var routeValues = http.GetRouteData().Values;
        var scopedRoute = routeValues.ContainsKey("schoolId") || routeValues.ContainsKey("districtId") || routeValues.ContainsKey("regionId");
        if (scopedRoute && tenant.Caller is null)
        {
            await Problem(http, StatusCodes.Status401Unauthorized, "Требуется вход в систему.");
            return;
        }

        if (routeValues.TryGetValue("schoolId", out var rawSchool) && Guid.TryParse(rawSchool?.ToString(), out var schoolId))
        {
            var school = await directory.FindSchoolAsync(schoolId, http.RequestAborted);
            if (school is null || !tenant.Caller!.CanSee(school))
            {
                await Problem(http, StatusCodes.Status404NotFound, "Организация не найдена.");
                return;
            }
            tenant.School = school;
            tenant.Scope = TenantScope.School(school.Id);
        }
        else if (routeValues.TryGetValue("districtId", out var rawDistrict) && Guid.TryParse(rawDistrict?.ToString(), out var districtId))
        {
            var district = await directory.FindDistrictAsync(districtId, http.RequestAborted);
            if (district is null) { await Problem(http, StatusCodes.Status404NotFound, "Район не найден."); return; }
            if (!tenant.Caller!.CanSee(district)) { await Problem(http, StatusCodes.Status403Forbidden, "Нет доступа к этому району."); return; }
            tenant.District = district;
            tenant.Scope = TenantScope.District(district.Id);
        }
        else if (routeValues.TryGetValue("regionId", out var rawRegion) && Guid.TryParse(rawRegion?.ToString(), out var regionId))
        {
            var region = await directory.FindRegionAsync(regionId, http.RequestAborted);
            if (region is null) { await Problem(http, StatusCodes.Status404NotFound, "Регион не найден."); return; }
            if (tenant.Caller!.CanSee(region))
                tenant.Scope = TenantScope.Region(region.Id);
            // A district or school of the region reads what the region publishes for them (its indicator set, its targets)
            // in its own scope; the endpoints' policies keep region-level data to the region's officers.
            else if (await InRegionAsync(tenant.Caller, region, directory, http.RequestAborted))
                tenant.Scope = tenant.Caller.Scope;
            else { await Problem(http, StatusCodes.Status403Forbidden, "Нет доступа к этому региону."); return; }
            tenant.Region = region;
        }
        else
        {
            tenant.Scope = tenant.Caller?.Scope;
        }

        http.Items[TenantItem] = tenant.Scope?.ToString();
        await next(http);
    }

    private static async Task<bool> InRegionAsync(Caller caller, RegionEntry region, TenantDirectory directory, CancellationToken ct) => caller.Scope.Kind switch
    {
        ScopeKind.District => (await directory.FindDistrictAsync(caller.Scope.Id, ct))?.RegionId == region.Id,
        ScopeKind.School => (await directory.FindSchoolAsync(caller.Scope.Id, ct))?.RegionId == region.Id,
        _ => false,
    };

    /// <summary>The reason of a refusal, for the web UI's status page (the API answers it as problem details).</summary>
    public const string RefusalItem = "platform.refusal";

    private static Task Problem(HttpContext http, int status, string detail)
    {
        if (!http.Request.Path.StartsWithSegments("/api") && http.Request.Headers.Accept.ToString().Contains("text/html"))
        {
            // A page: the status code page of the web UI renders it in Russian, within the layout.
            http.Items[RefusalItem] = detail;
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        return Results.Problem(statusCode: status, detail: detail).ExecuteAsync(http);
    }
}
