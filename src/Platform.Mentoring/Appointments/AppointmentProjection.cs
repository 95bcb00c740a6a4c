using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Appointments;

/// <summary>
/// mentoring.appointments: who holds which role now and before. A partial unique index keeps one active curator
/// per school even when two appointments race past the check.
/// </summary>
public sealed class AppointmentProjection : IInlineProjection
{
    public string Name => "appointments";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type> { typeof(StaffAppointed), typeof(AppointmentEnded) };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case StaffAppointed a:
                    context.Queue("""
                        INSERT INTO mentoring.appointments (tenant_id, id, role, person_name, position, account_id, order_id, from_date,
                               appointed_at, appointed_by, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11)
                        """, e.TenantId, a.AppointmentId, a.Role.Code(), a.PersonName, a.Position, a.AccountId, a.OrderId, a.From,
                        e.Timestamp, e.UserName, e.Version);
                    break;
                case AppointmentEnded end:
                    context.Queue("""
                        UPDATE mentoring.appointments SET ended_on = $3, end_reason = $4, end_order_id = $5, updated_at = $6, version = $7
                         WHERE tenant_id = $1 AND id = $2
                        """, e.TenantId, e.StreamId, end.Date, end.Reason, end.OrderId, e.Timestamp, e.Version);
                    break;
            }
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.appointments WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
