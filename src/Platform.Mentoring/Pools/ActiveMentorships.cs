using Platform.EventStore;

namespace Platform.Mentoring.Pools;

/// <summary>
/// What the pools ask about mentorships (Mentorships/, table mentoring.mentorships): how many mentees each mentor
/// already has (capacity left, suggestions) and which mentees already have a mentor (the «without a mentor» list).
/// A pair counts from the moment it is formed, before the director's order: it already holds the mentor's places
/// and its mentees (the mentorship decisions count the same way), and stops counting once dissolved.
/// </summary>
public static class ActiveMentorships
{
    /// <summary>Mentor id → mentees in current (formed or approved) mentorships. Missing = none.</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> MenteesPerMentorAsync(DocumentSession session, IReadOnlyCollection<Guid> mentorIds, CancellationToken ct)
    {
        if (mentorIds.Count == 0) return new Dictionary<Guid, int>();
        var rows = await session.QueryAsync("""
            SELECT mentor_id, sum(cardinality(mentee_ids))::int FROM mentoring.mentorships
             WHERE ($1::uuid IS NULL OR tenant_id = $1) AND status <> 'dissolved' AND mentor_id = ANY ($2)
             GROUP BY mentor_id
            """, r => (Id: r.GetGuid(0), Count: r.GetInt32(1)), ct, session.TenantId, mentorIds.ToArray());
        return rows.ToDictionary(r => r.Id, r => r.Count);
    }

    /// <summary>The mentees that are in a current (formed or approved) mentorship.</summary>
    public static async Task<IReadOnlySet<Guid>> MenteesWithMentorAsync(DocumentSession session, CancellationToken ct) =>
        (await session.QueryAsync("""
            SELECT DISTINCT u.id FROM mentoring.mentorships m, unnest(m.mentee_ids) AS u(id)
             WHERE ($1::uuid IS NULL OR m.tenant_id = $1) AND m.status <> 'dissolved'
            """, r => r.GetGuid(0), ct, session.TenantId)).ToHashSet();
}
