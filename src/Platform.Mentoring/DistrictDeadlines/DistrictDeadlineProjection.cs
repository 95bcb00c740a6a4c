using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.DistrictDeadlines;

/// <summary>mentoring.district_deadlines (the district's) and mentoring.district_deadline_marks (each school's marks).</summary>
public sealed class DistrictDeadlineProjection : IInlineProjection
{
    public string Name => "district_deadlines";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(DistrictDeadlineSet), typeof(DistrictDeadlineChanged), typeof(DistrictDeadlineCancelled),
        typeof(DistrictDeadlineMarkedDone), typeof(DistrictDeadlineMarkUndone),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case DistrictDeadlineSet s:
                    context.Queue("""
                        INSERT INTO mentoring.district_deadlines (tenant_id, id, title, due_on, yearly_month, yearly_day, first_year, act_id, completed_by,
                                                                  set_at, set_by, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $12)
                        """, e.TenantId, s.DistrictDeadlineId, s.Title, s.DueOn, s.YearlyMonth, s.YearlyDay, s.FirstYear, s.ActId, s.CompletedBy.Code(),
                        e.Timestamp, e.UserName, e.Version);
                    break;
                case DistrictDeadlineChanged c:
                    context.Queue("""
                        UPDATE mentoring.district_deadlines SET title = $3, due_on = $4, yearly_month = $5, yearly_day = $6, first_year = $7, act_id = $8,
                               completed_by = $9, updated_at = $10, version = $11
                         WHERE tenant_id = $1 AND id = $2
                        """, e.TenantId, e.StreamId, c.Title, c.DueOn, c.YearlyMonth, c.YearlyDay, c.FirstYear, c.ActId, c.CompletedBy.Code(), e.Timestamp, e.Version);
                    break;
                case DistrictDeadlineCancelled c:
                    context.Queue("""
                        UPDATE mentoring.district_deadlines SET cancelled_on = $3, cancel_reason = $4, updated_at = $5, version = $6 WHERE tenant_id = $1 AND id = $2
                        """, e.TenantId, e.StreamId, c.CancelledOn, c.Reason, e.Timestamp, e.Version);
                    break;
                case DistrictDeadlineMarkedDone m:
                    context.Queue("""
                        INSERT INTO mentoring.district_deadline_marks (tenant_id, deadline_id, year, done_on, note, marked_at, marked_by)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        """, e.TenantId, m.DistrictDeadlineId, m.Year, m.DoneOn, m.Note, e.Timestamp, e.UserName);
                    break;
                case DistrictDeadlineMarkUndone u:
                    context.Queue("DELETE FROM mentoring.district_deadline_marks WHERE tenant_id = $1 AND deadline_id = $2 AND year = $3",
                        e.TenantId, u.DistrictDeadlineId, u.Year);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM mentoring.district_deadlines WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM mentoring.district_deadline_marks WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
