using Platform.Mentoring.Programs;
using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Mentoring.Recognition.Contests;

/// <summary>
/// mentoring.contests (the organiser's list) and mentoring.contest_candidates (a row per candidate in the candidate's school:
/// the awards of a person, the winners of a school or a district). One contest is read by replaying its stream.
/// </summary>
public sealed class ContestProjection : IInlineProjection
{
    public string Name => "contests";

    public IReadOnlySet<Type> EventTypes { get; } = new HashSet<Type>
    {
        typeof(ContestOpened), typeof(JurorAdded), typeof(CandidateNominated), typeof(CandidateScored), typeof(WinnersAnnounced),
    };

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        const string update = "UPDATE mentoring.contests SET {0} WHERE tenant_id = $1 AND id = $2";
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ContestOpened o:
                    context.Queue("""
                        INSERT INTO mentoring.contests (tenant_id, id, level, nomination, title, from_on, to_on, description, opened_at, opened_by, updated_at, version)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11)
                        """, e.TenantId, o.ContestId, o.Level.Code(), o.Nomination.Code(), o.Title, o.From, o.To, o.Description, e.Timestamp, e.UserName, e.Version);
                    break;
                case JurorAdded:
                    context.Queue(string.Format(update, "jurors = jurors + 1"), e.TenantId, e.StreamId);
                    break;
                case CandidateNominated n:
                    context.Queue(string.Format(update, "candidates = candidates + 1"), e.TenantId, e.StreamId);
                    context.Queue("""
                        INSERT INTO mentoring.contest_candidates (tenant_id, id, contest_id, organiser_id, contest_title, level, program_id, person_ids, names,
                                                                  school_name, evaluation_total, evaluation_level, nominated_at)
                        SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, c.title, c.level, $5::uuid, $6::uuid[], $7::text, $8::text, $9::int, $10::text, $11::timestamptz FROM mentoring.contests c WHERE c.tenant_id = $4 AND c.id = $3
                        """, n.SchoolId, n.CandidateId, e.StreamId, e.TenantId, n.ProgramId, n.PersonIds, n.Names, n.SchoolName, n.EvaluationTotal,
                        n.EvaluationLevel, e.Timestamp);
                    break;
                case WinnersAnnounced w:
                    context.Queue(string.Format(update, "announced_on = $3"), e.TenantId, e.StreamId, w.AnnouncedOn);
                    foreach (var place in w.Places)
                        context.Queue("UPDATE mentoring.contest_candidates SET place = $3, announced_on = $4 WHERE contest_id = $1 AND id = $2",
                            e.StreamId, place.CandidateId, place.Place, w.AnnouncedOn);
                    break;
            }
        }
        foreach (var last in events.Where(e => e.Data is not ContestOpened).GroupBy(e => (e.TenantId, e.StreamId)).Select(g => g.Last()))
            context.Queue(string.Format(update, "updated_at = $3, version = $4"), last.TenantId, last.StreamId, last.Timestamp, last.Version);
        return ValueTask.CompletedTask;
    }

    // The candidates' rows live in their schools but belong to the organiser's streams: they go with the organiser's rebuild.
    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM mentoring.contest_candidates WHERE $1::uuid IS NULL OR organiser_id = $1", tenantId);
        context.Queue("DELETE FROM mentoring.contests WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }
}
