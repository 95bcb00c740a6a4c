using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
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

    /// <summary>As <see cref="LoadAsync"/> for many people (an import), in one query; people without details are left out.</summary>
    public static async Task<Dictionary<Guid, PersonDetails>> LoadManyAsync(DocumentSession session, IReadOnlyCollection<Guid> personIds, CancellationToken ct) =>
        (await session.QueryAsync("""
            SELECT person_id, subjects, years_of_service, qualification_category, categories, email, phone
              FROM mentoring.person_details WHERE tenant_id = $1 AND person_id = ANY ($2)
            """, r => (Id: r.GetGuid(0), Details: new PersonDetails(r.GetFieldValue<string[]>(1), r.IsDBNull(2) ? null : r.GetInt32(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<string[]>(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6))),
            ct, session.Events.TenantId, personIds.ToArray())).ToDictionary(x => x.Id, x => x.Details);

    private const string Upsert = """
        INSERT INTO mentoring.person_details (tenant_id, person_id, subjects, years_of_service, qualification_category, categories, email, phone, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (tenant_id, person_id) DO UPDATE SET subjects = EXCLUDED.subjects, years_of_service = EXCLUDED.years_of_service,
               qualification_category = EXCLUDED.qualification_category, categories = EXCLUDED.categories, email = EXCLUDED.email,
               phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
        """;
    private const string Delete = "DELETE FROM mentoring.person_details WHERE tenant_id = $1 AND person_id = $2";

    /// <summary>Writes the row inside the session's open transaction; the caller appends the event and saves.</summary>
    public static Task SaveAsync(DocumentSession session, Guid personId, PersonDetails details, DateTimeOffset now, CancellationToken ct) =>
        details.IsEmpty
            ? DeleteAsync(session, personId, ct)
            : session.ExecuteAsync(Upsert, ct, session.Events.TenantId, personId, details.Subjects, details.YearsOfService, details.QualificationCategory,
                details.Categories, details.Email, details.Phone, now);

    /// <summary>As <see cref="SaveAsync"/> for many people (an import): two statements whatever their number.</summary>
    public static async Task SaveManyAsync(DocumentSession session, IReadOnlyCollection<(Guid PersonId, PersonDetails Details)> rows, DateTimeOffset now,
        CancellationToken ct)
    {
        var kept = rows.Where(r => !r.Details.IsEmpty).ToList();
        var emptied = rows.Where(r => r.Details.IsEmpty).Select(r => r.PersonId).ToArray();
        if (emptied.Length > 0)
            await session.ExecuteAsync("DELETE FROM mentoring.person_details WHERE tenant_id = $1 AND person_id = ANY ($2)", ct, session.Events.TenantId, emptied);
        if (kept.Count == 0) return;
        // Arrays of arrays cannot be unnested row by row: the lists travel as JSON.
        var connection = await session.ConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            INSERT INTO mentoring.person_details (tenant_id, person_id, subjects, years_of_service, qualification_category, categories, email, phone, updated_at)
            SELECT $1, u.person_id, ARRAY(SELECT jsonb_array_elements_text(u.subjects)), u.years, u.category,
                   ARRAY(SELECT jsonb_array_elements_text(u.categories)), u.email, u.phone, $9
              FROM unnest($2::uuid[], $3::jsonb[], $4::int[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
                   AS u(person_id, subjects, years, category, categories, email, phone)
            ON CONFLICT (tenant_id, person_id) DO UPDATE SET subjects = EXCLUDED.subjects, years_of_service = EXCLUDED.years_of_service,
                   qualification_category = EXCLUDED.qualification_category, categories = EXCLUDED.categories, email = EXCLUDED.email,
                   phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
            """, connection, session.Transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = session.Events.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = kept.Select(r => r.PersonId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = kept.Select(r => JsonSerializer.Serialize(r.Details.Subjects)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = kept.Select(r => r.Details.YearsOfService).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = kept.Select(r => r.Details.QualificationCategory).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = kept.Select(r => JsonSerializer.Serialize(r.Details.Categories)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = kept.Select(r => r.Details.Email).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = kept.Select(r => r.Details.Phone).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync(ct);
    }

    public static Task DeleteAsync(DocumentSession session, Guid personId, CancellationToken ct) =>
        session.ExecuteAsync(Delete, ct, session.Events.TenantId, personId);

    /// <summary>
    /// Everything kept about the person under the consent: details, pool profiles, questionnaire and monitoring answers. Called in
    /// the transaction that appends <see cref="ConsentWithdrawn"/>.
    /// </summary>
    public static Task EraseAllAsync(DocumentSession session, Guid personId, CancellationToken ct) =>
        session.ExecuteAsync("""
            WITH details AS (DELETE FROM mentoring.person_details WHERE tenant_id = $1 AND person_id = $2),
                 mentor AS (DELETE FROM mentoring.mentor_profiles WHERE tenant_id = $1 AND person_id = $2),
                 mentee AS (DELETE FROM mentoring.mentee_profiles WHERE tenant_id = $1 AND person_id = $2),
                 monitoring AS (DELETE FROM mentoring.monitoring_answers WHERE tenant_id = $1 AND person_id = $2)
            DELETE FROM mentoring.questionnaire_answers WHERE tenant_id = $1 AND person_id = $2
            """, ct, session.Events.TenantId, personId);
}
