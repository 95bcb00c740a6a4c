using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.EventStore;
using Platform.Tenancy.Resolution;

namespace Platform.Mentoring.RoadMaps.Templates;

public sealed record TemplateSummary(string Id, string Title, string Publisher, string Source, int BaseYear, int Years, int Stages, int Activities,
    bool BuiltIn, DateTimeOffset? PublishedAt)
{
    public static TemplateSummary From(RoadMapTemplate t, bool builtIn, DateTimeOffset? publishedAt) =>
        new(t.Id, t.Title, t.Publisher, t.Source, t.BaseYear, t.Years, t.Stages.Count, t.ActivityCount, builtIn, publishedAt);
}

/// <summary>
/// Model road maps: the regional and school models shipped with the product (seeds 001, 002, 004) and
/// those a district publishes for its schools. A school creates its road map from one and adapts it.
/// </summary>
public static class RoadMapTemplateEndpoints
{
    public static IEndpointRouteBuilder MapRoadMapTemplates(this IEndpointRouteBuilder app)
    {
        var school = app.MapGroup("/api/schools/{schoolId:guid}/road-map-templates").WithTags("Дорожные карты");
        school.MapGet("", ListForSchool).RequireAuthorization(Policies.SchoolRead).WithSummary("Примерные дорожные карты, доступные организации");
        school.MapGet("/{templateId}", GetForSchool).RequireAuthorization(Policies.SchoolRead).WithSummary("Примерная дорожная карта целиком");

        var district = app.MapGroup("/api/districts/{districtId:guid}/road-map-templates").WithTags("Дорожные карты");
        district.MapGet("", ListForDistrict).RequireAuthorization(Policies.DistrictRead).WithSummary("Примерные дорожные карты района и встроенные");
        district.MapPost("", Publish).RequireAuthorization(Policies.DistrictWrite).WithSummary("Опубликовать примерную дорожную карту для школ района");
        district.MapDelete("/{templateId:guid}", Withdraw).RequireAuthorization(Policies.DistrictWrite).WithSummary("Снять с публикации");
        return app;
    }

    private static async Task<Ok<List<TemplateSummary>>> ListForSchool(TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(session, tenant.School!.DistrictId, ct));

    private static async Task<Ok<List<TemplateSummary>>> ListForDistrict(Guid districtId, DocumentSession session, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(session, districtId, ct));

    private static async Task<Results<Ok<RoadMapTemplate>, NotFound>> GetForSchool(string templateId, TenantContext tenant, DocumentSession session, CancellationToken ct) =>
        await FindAsync(session, tenant.School!, templateId, ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    private static async Task<Created<TemplateSummary>> Publish(
        Guid districtId, PublishRoadMapTemplate command, TenantContext tenant, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var published = RoadMapTemplateCommands.Publish(id, tenant.District!.Name, command, time.GetUtcNow());
        session.Events.StartStream<RoadMapTemplateDocument>(id, published);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/districts/{districtId}/road-map-templates/{id}",
            TemplateSummary.From(RoadMapTemplateDocument.Create(published).Template, false, published.PublishedAt));
    }

    private static async Task<Results<NoContent, NotFound>> Withdraw(Guid templateId, DocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<RoadMapTemplateDocument>(templateId, ct);
        if (stream.Aggregate is null) return TypedResults.NotFound();
        if (stream.Aggregate.Withdrawn) throw new DomainRuleException("Примерная дорожная карта уже снята с публикации.");
        stream.AppendOne(new RoadMapTemplateWithdrawn(templateId, time.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>A built-in template by its id, or one the school's district published (and has not withdrawn).</summary>
    public static async Task<RoadMapTemplate?> FindAsync(DocumentSession session, SchoolEntry school, string id, CancellationToken ct)
    {
        if (BuiltInTemplates.Find(id) is { } builtIn) return builtIn;
        if (!Guid.TryParse(id, out var templateId)) return null;
        var rows = await session.QueryAsync("""
            SELECT title, publisher, source, base_year, years, stages::text FROM mentoring.road_map_templates
             WHERE tenant_id = $1 AND id = $2 AND withdrawn_at IS NULL
            """, r => new RoadMapTemplate(id, r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4),
                JsonSerializer.Deserialize<List<StageDraft>>(r.GetString(5), session.Store.Options.Json)!), ct, school.DistrictId, templateId);
        return rows.FirstOrDefault();
    }

    /// <summary>The templates a district's schools may start from: the district's published ones, then the built-in ones.</summary>
    public static async Task<List<TemplateSummary>> ListAsync(DocumentSession session, Guid districtId, CancellationToken ct)
    {
        var published = await session.QueryAsync("""
            SELECT id, title, publisher, source, base_year, years, stages::text, published_at FROM mentoring.road_map_templates
             WHERE tenant_id = $1 AND withdrawn_at IS NULL ORDER BY published_at DESC
            """, r => TemplateSummary.From(new RoadMapTemplate(r.GetGuid(0).ToString(), r.GetString(1), r.GetString(2), r.GetString(3),
                r.GetInt32(4), r.GetInt32(5), JsonSerializer.Deserialize<List<StageDraft>>(r.GetString(6), session.Store.Options.Json)!), false,
                r.GetFieldValue<DateTimeOffset>(7)), ct, districtId);
        return [.. published, .. BuiltInTemplates.All.Select(t => TemplateSummary.From(t, true, null))];
    }
}
