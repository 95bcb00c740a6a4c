using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.RoadMaps;

/// <summary>mentoring.road_maps and mentoring.road_map_activities: the lists; one road map itself is read by replaying its stream.</summary>
public sealed class RoadMapProjection : IInlineProjection
{
    public string Name => "road_maps";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(RoadMapCreated), typeof(RoadMapDetailsChanged), typeof(StageAdded), typeof(StageChanged), typeof(StageRemoved),
        typeof(ActivityAdded), typeof(ActivityChanged), typeof(ActivityRescheduled), typeof(ActivityStatusChanged), typeof(ActivityRemoved),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            const string activity = "UPDATE mentoring.road_map_activities SET {0} WHERE tenant_id = $1 AND id = $2";
            switch (e.Data)
            {
                case RoadMapCreated c:
                    context.Queue("""
                        INSERT INTO mentoring.road_maps (tenant_id, id, title, first_year, years, template_id, created_at, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
                        """, e.TenantId, c.RoadMapId, c.Title, c.FirstYear, c.Years, c.TemplateId, e.Timestamp, e.Version);
                    break;
                case RoadMapDetailsChanged d:
                    context.Queue("UPDATE mentoring.road_maps SET title = $3, first_year = $4, years = $5 WHERE tenant_id = $1 AND id = $2",
                        e.TenantId, e.StreamId, d.Title, d.FirstYear, d.Years);
                    break;
                case StageAdded s:
                    context.Queue("UPDATE mentoring.road_maps SET stages = stages + 1 WHERE tenant_id = $1 AND id = $2", e.TenantId, e.StreamId);
                    context.Queue("INSERT INTO mentoring.road_map_stages (tenant_id, id, road_map_id, title, position) VALUES ($1, $2, $3, $4, $5)",
                        e.TenantId, s.StageId, e.StreamId, s.Title, (int)e.Version);
                    break;
                case StageChanged s:
                    context.Queue("UPDATE mentoring.road_map_stages SET title = $3 WHERE tenant_id = $1 AND id = $2", e.TenantId, s.StageId, s.Title);
                    context.Queue("UPDATE mentoring.road_map_activities SET stage_title = $3 WHERE tenant_id = $1 AND stage_id = $2", e.TenantId, s.StageId, s.Title);
                    break;
                case StageRemoved s:
                    context.Queue("UPDATE mentoring.road_maps SET stages = stages - 1 WHERE tenant_id = $1 AND id = $2", e.TenantId, e.StreamId);
                    context.Queue("DELETE FROM mentoring.road_map_stages WHERE tenant_id = $1 AND id = $2", e.TenantId, s.StageId);
                    break;
                case ActivityAdded a:
                    context.Queue("""
                        INSERT INTO mentoring.road_map_activities (tenant_id, id, road_map_id, stage_id, stage_title, position, title,
                               period_kind, period_text, last_day, yearly_month, responsible_roles, responsible, status)
                        SELECT $1, $2, $3, $4, st.title, $5, $6, $7, $8, $9, $10, $11, $12, 'planned'
                          FROM mentoring.road_map_stages st WHERE st.tenant_id = $1 AND st.id = $4
                        """, e.TenantId, a.ActivityId, e.StreamId, a.StageId, (int)e.Version, a.Title,
                        Kind(a.Period), a.Period?.Russian(), LastDay(a.Period), a.Period?.Kind == PeriodKind.Yearly ? a.Period.Month : null,
                        a.ResponsibleRoles, a.Responsible);
                    break;
                case ActivityChanged a:
                    context.Queue(string.Format(activity, "title = $3, responsible_roles = $4, responsible = $5"),
                        e.TenantId, a.ActivityId, a.Title, a.ResponsibleRoles, a.Responsible);
                    break;
                case ActivityRescheduled r:
                    context.Queue(string.Format(activity, "period_kind = $3, period_text = $4, last_day = $5, yearly_month = $6, reschedules = reschedules + 1"),
                        e.TenantId, r.ActivityId, Kind(r.To), r.To.Russian(), LastDay(r.To), r.To.Kind == PeriodKind.Yearly ? r.To.Month : null);
                    break;
                case ActivityStatusChanged { SchoolYear: { } year } s: // a yearly activity's status in one school year
                    context.Queue(string.Format(activity, "year_statuses = year_statuses || jsonb_build_object($3::text, $4::text)"),
                        e.TenantId, s.ActivityId, year.ToString(System.Globalization.CultureInfo.InvariantCulture), Code(s.To));
                    break;
                case ActivityStatusChanged s:
                    context.Queue(string.Format(activity, "status = $3"), e.TenantId, s.ActivityId, Code(s.To));
                    break;
                case ActivityRemoved r:
                    context.Queue("DELETE FROM mentoring.road_map_activities WHERE tenant_id = $1 AND id = $2", e.TenantId, r.ActivityId);
                    break;
            }
        }
        // One bookkeeping update per road map of the batch (creating a road map appends hundreds of events).
        foreach (var last in events.Where(e => e.Data is not RoadMapCreated).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue("UPDATE mentoring.road_maps SET updated_at = $3, version = $4 WHERE tenant_id = $1 AND id = $2",
                last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM mentoring.road_map_activities WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM mentoring.road_map_stages WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM mentoring.road_maps WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }

    public static string Code(ActivityStatus s) => s switch
    {
        ActivityStatus.Planned => "planned",
        ActivityStatus.InProgress => "in_progress",
        ActivityStatus.Done => "done",
        _ => "cancelled",
    };

    private static string? Kind(Period? p) => p is null ? null : p.Kind.ToString().ToLowerInvariant();

    private static DateOnly? LastDay(Period? p) => p is null || p.Kind == PeriodKind.Yearly ? null : p.LastDay(0);
}
