using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.People;

/// <param name="Categories">Mentee categories; empty without a consent (they are details).</param>
public sealed record PersonRow(Guid Id, string Kind, string? ExternalRole, string FullName, string? Position, int? BirthYear, bool IsMinor,
    bool HasValidConsent, string? ConsentSignedBy, DateOnly? ConsentGivenOn, DateOnly? ConsentWithdrawnOn, string[] Categories, string[] Subjects,
    bool InMentorPool, bool InMenteePool, DateTimeOffset RegisteredAt, long Version);

/// <param name="Class">A student's class, e.g. «7Б» (any spelling «7 б», «7-Б»).</param>
/// <param name="InPool">mentor, mentee, any or none.</param>
/// <param name="Sort">name, kind, class, registered (with «-»: descending).</param>
public sealed record PersonListQuery(string? Kind = null, string? Category = null, string? Class = null, string? Search = null, bool? HasConsent = null,
    string? InPool = null, string? Sort = null, int Page = 1, int PageSize = 50);

/// <summary>The school's people, from mentoring.people and (for categories and subjects) mentoring.person_details.</summary>
public static class PersonList
{
    private static readonly Dictionary<string, string> Sorts = new()
    {
        ["name"] = "p.full_name", ["kind"] = "p.kind", ["class"] = "p.position", ["registered"] = "p.registered_at",
    };

    public static readonly string[] Pools = ["mentor", "mentee", "any", "none"];

    public static Dictionary<string, string[]> Check(PersonListQuery q)
    {
        var errors = new Dictionary<string, string[]>();
        if (q.Kind is not null && !PersonKinds.Names.ContainsKey(q.Kind)) errors["kind"] = ["Вид участника: teacher, student или external."];
        if (q.Category is not null && !MenteeCategories.Names.ContainsKey(q.Category))
            errors["category"] = ["Категория: " + string.Join(", ", MenteeCategories.Names.Keys) + "."];
        if (q.InPool is not null && !Pools.Contains(q.InPool)) errors["inPool"] = ["Банк: mentor, mentee, any или none."];
        if (q.Sort is not null && !Sorts.ContainsKey(q.Sort.TrimStart('-'))) errors["sort"] = ["Сортировка: name, kind, class или registered (с «-» — по убыванию)."];
        return errors;
    }

    public static async Task<Page<PersonRow>> QueryAsync(DocumentSession session, Guid schoolId, DateOnly today, PersonListQuery q, CancellationToken ct)
    {
        var key = (q.Sort ?? "name").TrimStart('-');
        var order = $"{Sorts[key]} {(q.Sort?.StartsWith('-') == true ? "DESC" : "ASC")} NULLS LAST, p.full_name, p.id";
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        var className = q.Class is null ? null : Texts.TryNormalizeClass(q.Class, out var c) ? c : q.Class.Trim();
        var rows = await session.QueryAsync($"""
            SELECT p.id, p.kind, p.external_role, p.full_name, p.position, p.birth_year, p.has_consent, p.consent_signed_by, p.consent_given_on,
                   p.consent_withdrawn_on, coalesce(d.categories, ARRAY[]::text[]), coalesce(d.subjects, ARRAY[]::text[]), p.in_mentor_pool, p.in_mentee_pool,
                   p.registered_at, p.version, count(*) OVER ()
              FROM mentoring.people p
              LEFT JOIN mentoring.person_details d ON d.tenant_id = p.tenant_id AND d.person_id = p.id
             WHERE p.tenant_id = $1
               AND ($2::text IS NULL OR p.kind = $2)
               AND ($3::text IS NULL OR $3 = ANY (d.categories))
               AND ($4::text IS NULL OR (p.kind = 'student' AND upper(p.position) = upper($4)))
               AND ($5::text IS NULL OR p.full_name ILIKE $5 OR p.position ILIKE $5)
               AND ($6::boolean IS NULL OR p.has_consent = $6)
               AND ($7::text IS NULL OR CASE $7 WHEN 'mentor' THEN p.in_mentor_pool WHEN 'mentee' THEN p.in_mentee_pool
                                                  WHEN 'any' THEN p.in_mentor_pool OR p.in_mentee_pool
                                                  ELSE NOT (p.in_mentor_pool OR p.in_mentee_pool) END)
             ORDER BY {order}
             LIMIT $8 OFFSET $9
            """, r => (Row: new PersonRow(r.GetGuid(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5),
                Person.IsMinor(r.GetString(1), r.IsDBNull(5) ? null : r.GetInt32(5), today.Year), r.GetBoolean(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9),
                r.GetFieldValue<string[]>(10), r.GetFieldValue<string[]>(11), r.GetBoolean(12), r.GetBoolean(13),
                r.GetFieldValue<DateTimeOffset>(14), r.GetInt64(15)), Total: (int)r.GetInt64(16)),
            ct, schoolId, q.Kind, q.Category, className, Like(q.Search), q.HasConsent, q.InPool, pageSize, (page - 1) * pageSize);
        return new Page<PersonRow>(rows.Select(r => r.Row).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }

    internal static string? Like(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null : "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}

/// <summary>What other parts of the school workspace ask about people.</summary>
public static class PersonDirectory
{
    /// <summary>
    /// Whether the person (of the session's school) has a valid consent, from the people table. For the mentorships
    /// part: refuse a pair with a person without one. To be safe against a withdrawal committing at the same moment,
    /// append to the person's stream in the same transaction (load it with FetchForWriting&lt;Person&gt;), as the pools do.
    /// </summary>
    public static async Task<bool> HasValidConsentAsync(DocumentSession session, Guid personId, CancellationToken ct)
    {
        var rows = await session.QueryAsync("SELECT has_consent FROM mentoring.people WHERE ($1::uuid IS NULL OR tenant_id = $1) AND id = $2",
            r => r.GetBoolean(0), ct, session.TenantId, personId);
        return rows.Count == 1 && rows[0];
    }
}
