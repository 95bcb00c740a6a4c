using Platform.EventStore;
using Platform.EventStore.PersonalData;
using Platform.EventStore.Projections;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Questionnaires;

namespace Platform.Mentoring.People;

/// <summary>
/// mentoring.people: the list of a school's people, their consent and pool membership, from the person streams.
/// Only this table is rebuilt; person_details and the pool profiles are not projections (see PersonDetailsTable).
/// </summary>
public sealed class PeopleProjection : IInlineProjection
{
    public string Name => "people";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(PersonRegistered), typeof(PersonChanged), typeof(PersonDetailsChanged), typeof(ConsentGiven), typeof(ConsentWithdrawn), typeof(PersonalDataErased),
        typeof(JoinedMentorPool), typeof(MentorProfileChanged), typeof(LeftMentorPool),
        typeof(JoinedMenteePool), typeof(MenteeProfileChanged), typeof(LeftMenteePool), typeof(QuestionnaireAnswered),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        const string update = "UPDATE mentoring.people SET {0} WHERE tenant_id = $1 AND id = $2";
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case PersonRegistered r:
                    context.Queue("""
                        INSERT INTO mentoring.people (tenant_id, id, kind, external_role, full_name, position, birth_year, registered_at, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
                        """, e.TenantId, r.PersonId, r.Kind, r.ExternalRole, r.FullName, r.Position, r.BirthYear, e.Timestamp, e.Version);
                    break;
                case PersonChanged c:
                    context.Queue(string.Format(update, "full_name = $3, position = $4, birth_year = $5, external_role = $6"),
                        e.TenantId, e.StreamId, c.FullName, c.Position, c.BirthYear, c.ExternalRole);
                    break;
                case ConsentGiven c:
                    context.Queue(string.Format(update, "has_consent = true, consent_signed_by = $3, consent_given_on = $4, consent_withdrawn_on = NULL"),
                        e.TenantId, e.StreamId, c.SignedBy, c.GivenOn);
                    break;
                case ConsentWithdrawn w:
                    context.Queue(string.Format(update, "has_consent = false, consent_withdrawn_on = $3"), e.TenantId, e.StreamId, w.WithdrawnOn);
                    break;
                case PersonalDataErased erased:
                    context.Queue(string.Format(update, "full_name = $3, position = NULL, birth_year = NULL, erased_on = $4"),
                        e.TenantId, e.StreamId, PersonalDataMarker.Erased, erased.ErasedOn);
                    break;
                case JoinedMentorPool:
                    context.Queue(string.Format(update, "in_mentor_pool = true"), e.TenantId, e.StreamId);
                    break;
                case LeftMentorPool:
                    context.Queue(string.Format(update, "in_mentor_pool = false"), e.TenantId, e.StreamId);
                    break;
                case JoinedMenteePool:
                    context.Queue(string.Format(update, "in_mentee_pool = true"), e.TenantId, e.StreamId);
                    break;
                case LeftMenteePool:
                    context.Queue(string.Format(update, "in_mentee_pool = false"), e.TenantId, e.StreamId);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not PersonRegistered).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue(string.Format(update, "updated_at = $3, version = $4"), last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId) =>
        context.Queue("DELETE FROM mentoring.people WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
}
