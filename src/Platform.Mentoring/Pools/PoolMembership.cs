using Platform.EventStore;

namespace Platform.Mentoring.Pools;

// The mentor and mentee pools (банк наставников / наставляемых, DOMAIN: MentorPool, MenteePool). Membership is a
// fact in the person's stream (People/Person.cs); the profile — competencies, difficulties, requests… — is personal
// data kept under the consent, so it lives in mentoring.mentor_profiles / mentee_profiles like the person's details:
// the events name the changed fields only, and leaving the pool or withdrawing the consent deletes the row.

public sealed record JoinedMentorPool(Guid PersonId, DateTimeOffset JoinedAt);
public sealed record MentorProfileChanged(Guid PersonId, string[] Fields);
public sealed record LeftMentorPool(Guid PersonId, string Reason, DateTimeOffset LeftAt);

public sealed record JoinedMenteePool(Guid PersonId, DateTimeOffset JoinedAt);
public sealed record MenteeProfileChanged(Guid PersonId, string[] Fields);
public sealed record LeftMenteePool(Guid PersonId, string Reason, DateTimeOffset LeftAt);

/// <summary>What a mentor offers: in what they can help, subjects, how many mentees (1–10), until when, which forms.</summary>
public sealed record MentorProfile(string[] Competencies, string[] Subjects, int Capacity, string? Availability, DateOnly? AvailableUntil,
    string[] PreferredForms)
{
    public string[] ChangedFields(MentorProfile? other)
    {
        if (other is null) return ["competencies", "subjects", "capacity", "availability", "availableUntil", "preferredForms"];
        var fields = new List<string>();
        if (!Competencies.SequenceEqual(other.Competencies)) fields.Add("competencies");
        if (!Subjects.SequenceEqual(other.Subjects)) fields.Add("subjects");
        if (Capacity != other.Capacity) fields.Add("capacity");
        if (Availability != other.Availability) fields.Add("availability");
        if (AvailableUntil != other.AvailableUntil) fields.Add("availableUntil");
        if (!PreferredForms.SequenceEqual(other.PreferredForms)) fields.Add("preferredForms");
        return [.. fields];
    }
}

/// <summary>What a mentee needs: difficulties (затруднения) and requests (профессиональные запросы), subjects, the form they want.</summary>
public sealed record MenteeProfile(string[] Difficulties, string[] Requests, string[] Subjects, string? DesiredForm)
{
    public string[] ChangedFields(MenteeProfile? other)
    {
        if (other is null) return ["difficulties", "requests", "subjects", "desiredForm"];
        var fields = new List<string>();
        if (!Difficulties.SequenceEqual(other.Difficulties)) fields.Add("difficulties");
        if (!Requests.SequenceEqual(other.Requests)) fields.Add("requests");
        if (!Subjects.SequenceEqual(other.Subjects)) fields.Add("subjects");
        if (DesiredForm != other.DesiredForm) fields.Add("desiredForm");
        return [.. fields];
    }
}

/// <summary>The profile rows, written in the transaction that appends the membership event (see the note at the top).</summary>
public static class PoolProfiles
{
    public static async Task<MentorProfile?> LoadMentorAsync(DocumentSession session, Guid personId, CancellationToken ct)
    {
        var rows = await session.QueryAsync("""
            SELECT competencies, subjects, capacity, availability, available_until, preferred_forms
              FROM mentoring.mentor_profiles WHERE tenant_id = $1 AND person_id = $2
            """, r => new MentorProfile(r.GetFieldValue<string[]>(0), r.GetFieldValue<string[]>(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.GetFieldValue<string[]>(5)), ct, session.Events.TenantId, personId);
        return rows.Count == 0 ? null : rows[0];
    }

    public static async Task<MenteeProfile?> LoadMenteeAsync(DocumentSession session, Guid personId, CancellationToken ct)
    {
        var rows = await session.QueryAsync("""
            SELECT difficulties, requests, subjects, desired_form FROM mentoring.mentee_profiles WHERE tenant_id = $1 AND person_id = $2
            """, r => new MenteeProfile(r.GetFieldValue<string[]>(0), r.GetFieldValue<string[]>(1), r.GetFieldValue<string[]>(2),
                r.IsDBNull(3) ? null : r.GetString(3)), ct, session.Events.TenantId, personId);
        return rows.Count == 0 ? null : rows[0];
    }

    public static Task SaveMentorAsync(DocumentSession session, Guid personId, MentorProfile p, DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO mentoring.mentor_profiles (tenant_id, person_id, competencies, subjects, capacity, availability, available_until, preferred_forms, joined_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
            ON CONFLICT (tenant_id, person_id) DO UPDATE SET competencies = EXCLUDED.competencies, subjects = EXCLUDED.subjects,
                   capacity = EXCLUDED.capacity, availability = EXCLUDED.availability, available_until = EXCLUDED.available_until,
                   preferred_forms = EXCLUDED.preferred_forms, updated_at = EXCLUDED.updated_at
            """, ct, session.Events.TenantId, personId, p.Competencies, p.Subjects, p.Capacity, p.Availability, p.AvailableUntil, p.PreferredForms, now);

    public static Task SaveMenteeAsync(DocumentSession session, Guid personId, MenteeProfile p, DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO mentoring.mentee_profiles (tenant_id, person_id, difficulties, requests, subjects, desired_form, joined_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
            ON CONFLICT (tenant_id, person_id) DO UPDATE SET difficulties = EXCLUDED.difficulties, requests = EXCLUDED.requests,
                   subjects = EXCLUDED.subjects, desired_form = EXCLUDED.desired_form, updated_at = EXCLUDED.updated_at
            """, ct, session.Events.TenantId, personId, p.Difficulties, p.Requests, p.Subjects, p.DesiredForm, now);

    public static Task DeleteMentorAsync(DocumentSession session, Guid personId, CancellationToken ct) =>
        session.ExecuteAsync("DELETE FROM mentoring.mentor_profiles WHERE tenant_id = $1 AND person_id = $2", ct, session.Events.TenantId, personId);

    public static Task DeleteMenteeAsync(DocumentSession session, Guid personId, CancellationToken ct) =>
        session.ExecuteAsync("DELETE FROM mentoring.mentee_profiles WHERE tenant_id = $1 AND person_id = $2", ct, session.Events.TenantId, personId);
}
