using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Mentorships;

/// <summary>
/// mentoring.mentorships: the school's pairs and groups for the lists, the mentors' occupied places and the mentees
/// who have a mentor (<see cref="Pools.ActiveMentorships"/>). One mentorship itself is read by replaying its stream.
/// </summary>
public sealed class MentorshipProjection : IInlineProjection
{
    public string Name => "mentorships";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(MentorshipProposed), typeof(PairConsentRecorded), typeof(MentorshipApproved), typeof(MentorReplaced), typeof(MentorshipDissolved),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        const string update = "UPDATE mentoring.mentorships SET {0} WHERE tenant_id = $1 AND id = $2";
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MentorshipProposed p:
                    context.Queue("""
                        INSERT INTO mentoring.mentorships (tenant_id, id, mentor_id, mentee_ids, form, kind, topic, status, proposed_at, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8, $8, $9)
                        """, e.TenantId, p.MentorshipId, p.MentorId, p.MenteeIds, p.Form, p.Kind.Code(), p.Topic, e.Timestamp, e.Version);
                    break;
                case PairConsentRecorded c:
                    context.Queue(string.Format(update, "consented_ids = array_append(array_remove(consented_ids, $3), $3)"), e.TenantId, e.StreamId, c.PersonId);
                    break;
                case MentorshipApproved a:
                    context.Queue(string.Format(update, "status = 'active', order_id = $3, order_number = $4, order_date = $5, active_from = $6"),
                        e.TenantId, e.StreamId, a.OrderId, a.OrderNumber, a.OrderDate, a.From);
                    break;
                case MentorReplaced r:
                    context.Queue(string.Format(update, "mentor_id = $3, mentor_replacements = mentor_replacements + 1"), e.TenantId, e.StreamId, r.NewMentorId);
                    break;
                case MentorshipDissolved d:
                    context.Queue(string.Format(update, "status = 'dissolved', dissolved_on = $3, dissolve_reason = $4"), e.TenantId, e.StreamId, d.On, d.Reason);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not MentorshipProposed).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue(string.Format(update, "updated_at = $3, version = $4"), last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.mentorships WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
