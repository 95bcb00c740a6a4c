using Platform.EventStore;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Programs;

namespace Platform.Mentoring.Checklist;

/// <summary>The school's figures at a glance: the totals its lists would show, by their filters, counted in one statement.</summary>
public sealed record SchoolCounts(int MentorsInPool, int MenteesInPool, int ActivePairs, int ProposedPairs, int ProgramsInProgress, int OverduePrograms)
{
    /// <summary>
    /// The totals of <c>PoolList</c> (mentors, mentees), <see cref="MentorshipList"/> (status active, proposed) and <see cref="ProgramList"/> (in
    /// progress; overdue) without their other filters: one round trip for what took six list queries (SchoolCountsTests compares them).
    /// </summary>
    public static async Task<SchoolCounts> ForSchoolAsync(DocumentSession session, Guid schoolId, DateOnly today, CancellationToken ct)
    {
        var rows = await session.QueryAsync($"""
            SELECT (SELECT count(*) FROM mentoring.mentor_profiles m JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
                     WHERE m.tenant_id = $1 AND p.in_mentor_pool)::int,
                   (SELECT count(*) FROM mentoring.mentee_profiles m JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
                     WHERE m.tenant_id = $1 AND p.in_mentee_pool)::int,
                   (SELECT count(*) FROM mentoring.mentorships m WHERE m.tenant_id = $1 AND m.status = 'active' AND m.kind = ANY ($2))::int,
                   (SELECT count(*) FROM mentoring.mentorships m WHERE m.tenant_id = $1 AND m.status = 'proposed' AND m.kind = ANY ($2))::int,
                   (SELECT count(*) FROM mentoring.programs pr JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
                     WHERE pr.tenant_id = $1 AND pr.status = 'in_progress' AND pr.kind = ANY ($2))::int,
                   (SELECT count(*) FROM mentoring.programs pr JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
                     WHERE pr.tenant_id = $1 AND {ProgramList.OverdueRule("$3")} AND pr.kind = ANY ($2))::int
            """, r => new SchoolCounts(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
            ct, schoolId, StoredCode.All<MentoringKind>(), today);
        return rows[0];
    }
}
