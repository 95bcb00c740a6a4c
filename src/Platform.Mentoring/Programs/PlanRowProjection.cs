using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Programs;

/// <summary>
/// mentoring.program_plan_rows: each plan row's deadline, whether it is done and whether its program is still in progress (read
/// by the reminder scans through mentoring.open_plan_row_due_dates).
/// </summary>
public sealed class PlanRowProjection : IInlineProjection
{
    public string Name => "program_plan_rows";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(PlanRowAdded), typeof(PlanRowDone), typeof(ProgramCompleted) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case PlanRowAdded a:
                    context.Queue("""
                        INSERT INTO mentoring.program_plan_rows (tenant_id, row_id, program_id, content, deadline) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (tenant_id, row_id) DO UPDATE SET content = EXCLUDED.content, deadline = EXCLUDED.deadline
                        """, e.TenantId, a.RowId, e.StreamId, a.Content, a.Deadline);
                    break;
                case PlanRowDone d:
                    context.Queue("UPDATE mentoring.program_plan_rows SET done_on = $3 WHERE tenant_id = $1 AND row_id = $2", e.TenantId, d.RowId, d.DoneOn);
                    break;
                case ProgramCompleted:
                    context.Queue("UPDATE mentoring.program_plan_rows SET program_open = false WHERE tenant_id = $1 AND program_id = $2", e.TenantId, e.StreamId);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.program_plan_rows WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
