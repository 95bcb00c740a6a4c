using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;

namespace Platform.Mentoring.Mentorships;

/// <summary>Loads what the mentorship decisions need to know about people, at the edge.</summary>
public static class Participants
{
    /// <summary>
    /// The people of the session's school among <paramref name="ids"/>, each read from their stream while holding its
    /// lock until the session commits (in id order, so two decisions never wait on each other crosswise). A consent
    /// withdrawn at the same moment then commits before the lock (and is seen here) or after the pair (and a second
    /// pair for the same mentor waits here until the first is committed, then counts it): no place is given twice.
    /// Missing ids are not in the result.
    /// </summary>
    /// <param name="except">A mentorship whose own places are not counted (the one being changed).</param>
    public static async Task<Dictionary<Guid, ParticipantFacts>> LoadAsync(DocumentSession session, IEnumerable<Guid> ids, Guid? except, CancellationToken ct)
    {
        var people = new Dictionary<Guid, (Person Person, MentorProfile? Profile)>();
        foreach (var id in ids.Distinct().Order())
        {
            EventStream<Person> stream;
            try
            {
                stream = await session.Events.FetchForExclusiveWriting<Person>(id, ct);
            }
            catch (StreamNotFoundException)
            {
                continue;
            }
            if (stream.Aggregate is not { } person) continue;
            people[id] = (person, person.InMentorPool ? await PoolProfiles.LoadMentorAsync(session, id, ct) : null);
        }
        if (people.Count == 0) return [];

        var found = people.Keys.ToArray();
        var taken = (await session.QueryAsync("""
            SELECT mentor_id, sum(cardinality(mentee_ids))::int FROM mentoring.mentorships
             WHERE tenant_id = $1 AND status <> 'dissolved' AND mentor_id = ANY ($2) AND ($3::uuid IS NULL OR id <> $3)
             GROUP BY mentor_id
            """, r => (Id: r.GetGuid(0), Count: r.GetInt32(1)), ct, session.Events.TenantId, found, except)).ToDictionary(x => x.Id, x => x.Count);
        var menteeIn = (await session.QueryAsync("""
            SELECT u.id, m.id FROM mentoring.mentorships m, unnest(m.mentee_ids) AS u(id)
             WHERE m.tenant_id = $1 AND m.status <> 'dissolved' AND u.id = ANY ($2) AND ($3::uuid IS NULL OR m.id <> $3)
            """, r => (Person: r.GetGuid(0), Mentorship: r.GetGuid(1)), ct, session.Events.TenantId, found, except))
            .GroupBy(x => x.Person).ToDictionary(g => g.Key, g => g.First().Mentorship);

        return people.ToDictionary(p => p.Key, p => new ParticipantFacts(p.Key, p.Value.Person.FullName, p.Value.Person.Kind,
            p.Value.Person.HasValidConsent, p.Value.Person.InMentorPool, p.Value.Person.InMenteePool, p.Value.Profile?.Capacity,
            p.Value.Profile?.AvailableUntil, taken.GetValueOrDefault(p.Key), menteeIn.TryGetValue(p.Key, out var m) ? m : null));
    }

    /// <summary>Names, kinds and positions of people (as they are now), from mentoring.people.</summary>
    public static async Task<Dictionary<Guid, PersonRef>> NamesAsync(DocumentSession session, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToArray();
        if (list.Length == 0) return [];
        return (await session.QueryAsync("SELECT id, full_name, kind, position FROM mentoring.people WHERE tenant_id = $1 AND id = ANY ($2)",
            r => new PersonRef(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)), ct, session.Events.TenantId, list))
            .ToDictionary(p => p.Id);
    }
}

/// <summary>A person as lists show them: name, kind (teacher, student, external), position or class.</summary>
public sealed record PersonRef(Guid Id, string FullName, string Kind, string? Position)
{
    public static PersonRef Unknown(Guid id) => new(id, "(нет в списке участников)", "", null);
}
