using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.LocalActs;

/// <summary>
/// mentoring.local_acts: the school's list of acts, the lookup of an order cited by an appointment, and the
/// district checklist. The files themselves (mentoring.attachments) are not a projection: a rebuild leaves them.
/// </summary>
public sealed class LocalActProjection : IInlineProjection
{
    public string Name => "local_acts";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(LocalActRegistered), typeof(LocalActChanged), typeof(LocalActRepealed), typeof(LocalActAttachmentAdded), typeof(LocalActAttachmentRemoved),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            const string act = "UPDATE mentoring.local_acts SET {0} WHERE tenant_id = $1 AND id = $2";
            switch (e.Data)
            {
                case LocalActRegistered r:
                    context.Queue("""
                        INSERT INTO mentoring.local_acts (tenant_id, id, kind, number, date, title, note, registered_at, registered_by, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10)
                        """, e.TenantId, r.LocalActId, r.Kind.Code(), r.Number, r.Date, r.Title, r.Note, e.Timestamp, e.UserName, e.Version);
                    break;
                case LocalActChanged c:
                    context.Queue(string.Format(act, "kind = $3, number = $4, date = $5, title = $6, note = $7"),
                        e.TenantId, e.StreamId, c.Kind.Code(), c.Number, c.Date, c.Title, c.Note);
                    break;
                case LocalActRepealed r:
                    context.Queue(string.Format(act, "repealed_on = $3, repeal_reason = $4"), e.TenantId, e.StreamId, r.RepealedOn, r.Reason);
                    break;
                case LocalActAttachmentAdded:
                    context.Queue(string.Format(act, "attachments = attachments + 1"), e.TenantId, e.StreamId);
                    break;
                case LocalActAttachmentRemoved:
                    context.Queue(string.Format(act, "attachments = attachments - 1"), e.TenantId, e.StreamId);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not LocalActRegistered).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue("UPDATE mentoring.local_acts SET updated_at = $3, version = $4 WHERE tenant_id = $1 AND id = $2",
                last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.local_acts WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
