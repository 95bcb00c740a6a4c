using Platform.EventStore;

namespace Platform.Mentoring.People;

/// <summary>What the school keeps about a person only with a valid consent.</summary>
public sealed record PersonDetails(string[] Subjects, int? YearsOfService, string? QualificationCategory, string[] Categories, string? Email, string? Phone)
{
    public static readonly PersonDetails Empty = new([], null, null, [], null, null);

    public bool IsEmpty => this.Same(Empty);

    /// <summary>The API names of the fields that differ.</summary>
    public string[] ChangedFields(PersonDetails other)
    {
        var fields = new List<string>();
        if (!Subjects.SequenceEqual(other.Subjects)) fields.Add("subjects");
        if (YearsOfService != other.YearsOfService) fields.Add("yearsOfService");
        if (QualificationCategory != other.QualificationCategory) fields.Add("qualificationCategory");
        if (!Categories.SequenceEqual(other.Categories)) fields.Add("categories");
        if (Email != other.Email) fields.Add("email");
        if (Phone != other.Phone) fields.Add("phone");
        return [.. fields];
    }

    private bool Same(PersonDetails other) => ChangedFields(other).Length == 0;
}

/// <summary>
/// mentoring.person_details: one row per person, the details that need a consent (subjects, service, category,
/// mentee categories, contacts). Not a projection and not in the event stream, on purpose: every change writes
/// the row in the same transaction as a <see cref="PersonDetailsChanged"/> event that names the changed fields
/// only, and withdrawing the consent deletes the row in the same transaction as <see cref="ConsentWithdrawn"/>.
/// So a withdrawal really erases the details; the history shows that details changed, never their values, and
/// a person «as of» a past date shows only what the stream holds.
/// </summary>
public static class PersonDetailsTable
{
    public static async Task<PersonDetails?> LoadAsync(DocumentSession session, Guid personId, CancellationToken ct)
    {
        var rows = await session.QueryAsync("""
            SELECT subjects, years_of_service, qualification_category, categories, email, phone
              FROM mentoring.person_details WHERE tenant_id = $1 AND person_id = $2
            """, r => new PersonDetails(r.GetFieldValue<string[]>(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.GetFieldValue<string[]>(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)),
            ct, session.Events.TenantId, personId);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Writes the row inside the session's open transaction; the caller appends the event and saves.</summary>
    public static Task SaveAsync(DocumentSession session, Guid personId, PersonDetails details, DateTimeOffset now, CancellationToken ct) =>
        details.IsEmpty
            ? DeleteAsync(session, personId, ct)
            : session.ExecuteAsync("""
                INSERT INTO mentoring.person_details (tenant_id, person_id, subjects, years_of_service, qualification_category, categories, email, phone, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (tenant_id, person_id) DO UPDATE SET subjects = EXCLUDED.subjects, years_of_service = EXCLUDED.years_of_service,
                       qualification_category = EXCLUDED.qualification_category, categories = EXCLUDED.categories, email = EXCLUDED.email,
                       phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
                """, ct, session.Events.TenantId, personId, details.Subjects, details.YearsOfService, details.QualificationCategory,
                details.Categories, details.Email, details.Phone, now);

    public static Task DeleteAsync(DocumentSession session, Guid personId, CancellationToken ct) =>
        session.ExecuteAsync("DELETE FROM mentoring.person_details WHERE tenant_id = $1 AND person_id = $2", ct, session.Events.TenantId, personId);

    /// <summary>
    /// Everything kept about the person under the consent: details, pool profiles, questionnaire answers. Called in
    /// the transaction that appends <see cref="ConsentWithdrawn"/>.
    /// </summary>
    public static Task EraseAllAsync(DocumentSession session, Guid personId, CancellationToken ct) =>
        session.ExecuteAsync("""
            WITH details AS (DELETE FROM mentoring.person_details WHERE tenant_id = $1 AND person_id = $2),
                 mentor AS (DELETE FROM mentoring.mentor_profiles WHERE tenant_id = $1 AND person_id = $2),
                 mentee AS (DELETE FROM mentoring.mentee_profiles WHERE tenant_id = $1 AND person_id = $2)
            DELETE FROM mentoring.questionnaire_answers WHERE tenant_id = $1 AND person_id = $2
            """, ct, session.Events.TenantId, personId);
}
