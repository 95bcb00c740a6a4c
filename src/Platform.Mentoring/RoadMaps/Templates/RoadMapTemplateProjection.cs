using System.Text.Json;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.RoadMaps.Templates;

/// <summary>mentoring.road_map_templates: the district's model road maps, readable by every school.</summary>
public sealed class RoadMapTemplateProjection : IInlineProjection
{
    public string Name => "road_map_templates";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(RoadMapTemplatePublished), typeof(RoadMapTemplateWithdrawn) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case RoadMapTemplatePublished p:
                    context.Queue("""
                        INSERT INTO mentoring.road_map_templates (tenant_id, id, title, publisher, source, base_year, years, stages, published_at, published_by, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11)
                        """, e.TenantId, p.TemplateId, p.Title, p.Publisher, p.Source, p.BaseYear, p.Years,
                        JsonSerializer.Serialize(p.Stages, context.Session.Store.Options.Json), p.PublishedAt, e.UserName, e.Version);
                    break;
                case RoadMapTemplateWithdrawn w:
                    context.Queue("UPDATE mentoring.road_map_templates SET withdrawn_at = $3, version = $4 WHERE tenant_id = $1 AND id = $2",
                        e.TenantId, w.TemplateId, w.WithdrawnAt, e.Version);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.road_map_templates WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
