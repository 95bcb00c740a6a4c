using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.Checklist;

/// <summary>What each school has adopted and appointed: for the school itself and side by side for its district.</summary>
public static class ChecklistEndpoints
{
    public static IEndpointRouteBuilder MapChecklist(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/schools/{schoolId:guid}/checklist", School).WithTags("Локальные акты").RequireAuthorization(Policies.SchoolRead)
            .WithSummary("Что принято и назначено: положение, дорожная карта, куратор, приказы о парах (с подтверждениями)");
        app.MapGet("/api/districts/{districtId:guid}/checklist", District).WithTags("Локальные акты").RequireAuthorization(Policies.DistrictRead)
            .WithSummary("То же по всем действующим организациям района");
        return app;
    }

    private static async Task<Ok<SchoolChecklist>> School(TenantContext tenant, DocumentSession session, CancellationToken ct)
    {
        var school = tenant.School!;
        var list = await SchoolChecklists.BuildAsync(session, [(school.Id, school.ShortName)], ct);
        return TypedResults.Ok(list[0]);
    }

    // The session is scoped to the district: row-level security shows it its schools' acts, appointments and road maps.
    private static async Task<Ok<DistrictChecklist>> District(Guid districtId, TenantContext tenant, DocumentSession session, CancellationToken ct)
    {
        var schools = await session.QueryAsync(
            "SELECT id, short_name FROM registry.schools WHERE tenant_id = $1 AND closed_on IS NULL ORDER BY short_name, id",
            r => (r.GetGuid(0), r.GetString(1)), ct, districtId);
        return TypedResults.Ok(new DistrictChecklist(districtId, tenant.District!.ShortName, await SchoolChecklists.BuildAsync(session, schools, ct)));
    }
}
