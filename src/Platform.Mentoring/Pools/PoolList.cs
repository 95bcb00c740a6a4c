using Platform.EventStore;
using Platform.Mentoring.People;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.Pools;

public sealed record MentorPoolRow(Guid PersonId, string FullName, string Kind, string? Position, string[] Competencies, string[] Subjects,
    int Capacity, int CapacityLeft, string? Availability, DateOnly? AvailableUntil, bool Available, string[] PreferredForms, DateTimeOffset JoinedAt);

public sealed record MenteePoolRow(Guid PersonId, string FullName, string Kind, string? Position, bool IsMinor, string[] Categories,
    string[] Difficulties, string[] Requests, string[] Subjects, string? DesiredForm, DateTimeOffset JoinedAt, int DaysInPool);

/// <param name="Available">true: only mentors available today (no end date, or not passed).</param>
/// <param name="Sort">name, capacity, joined (with «-»: descending).</param>
public sealed record MentorPoolQuery(string? Kind = null, string? Subject = null, string? Competency = null, string? Form = null, bool? Available = null,
    string? Search = null, string? Sort = null, int Page = 1, int PageSize = 50);

/// <param name="Sort">name, class, joined (with «-»: descending).</param>
public sealed record MenteePoolQuery(string? Kind = null, string? Category = null, string? Class = null, string? Subject = null, string? Form = null,
    string? Search = null, string? Sort = null, int Page = 1, int PageSize = 50);

/// <summary>The pools' lists: the people projection joined with the profile rows.</summary>
public static class PoolList
{
    private static readonly Dictionary<string, string> MentorSorts = new() { ["name"] = "p.full_name", ["capacity"] = "m.capacity", ["joined"] = "m.joined_at" };
    private static readonly Dictionary<string, string> MenteeSorts = new() { ["name"] = "p.full_name", ["class"] = "p.position", ["joined"] = "m.joined_at" };

    public static Dictionary<string, string[]> Check(MentorPoolQuery q) =>
        Check(q.Kind, null, q.Form, q.Sort, MentorSorts, "name, capacity или joined");

    public static Dictionary<string, string[]> Check(MenteePoolQuery q) =>
        Check(q.Kind, q.Category, q.Form, q.Sort, MenteeSorts, "name, class или joined");

    private static Dictionary<string, string[]> Check(string? kind, string? category, string? form, string? sort, Dictionary<string, string> sorts, string sortNames)
    {
        var errors = new Dictionary<string, string[]>();
        if (kind is not null && !PersonKinds.Names.ContainsKey(kind)) errors["kind"] = ["Вид участника: teacher, student или external."];
        if (category is not null && !MenteeCategories.Names.ContainsKey(category)) errors["category"] = ["Категория: " + string.Join(", ", MenteeCategories.Names.Keys) + "."];
        if (form is not null && !MentoringForms.IsKnown(form)) errors["form"] = ["Форма наставничества: " + MentoringForms.Known + "."];
        if (sort is not null && !sorts.ContainsKey(sort.TrimStart('-'))) errors["sort"] = [$"Сортировка: {sortNames} (с «-» — по убыванию)."];
        return errors;
    }

    private static string Order(string? sort, Dictionary<string, string> sorts, string fallback) =>
        $"{sorts[(sort ?? fallback).TrimStart('-')]} {(sort?.StartsWith('-') == true ? "DESC" : "ASC")} NULLS LAST, p.full_name, p.id";

    private const string MentorColumns = """
        p.id, p.full_name, p.kind, p.position, m.competencies, m.subjects, m.capacity, m.availability, m.available_until, m.preferred_forms, m.joined_at
        """;

    private static MentorPoolRow ReadMentor(Npgsql.NpgsqlDataReader r, DateOnly today, IReadOnlyDictionary<Guid, int> taken)
    {
        var until = r.IsDBNull(8) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(8);
        var capacity = r.GetInt32(6);
        return new MentorPoolRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetFieldValue<string[]>(4),
            r.GetFieldValue<string[]>(5), capacity, Math.Max(0, capacity - taken.GetValueOrDefault(r.GetGuid(0))), r.IsDBNull(7) ? null : r.GetString(7),
            until, until is null || until >= today, r.GetFieldValue<string[]>(9), r.GetFieldValue<DateTimeOffset>(10));
    }

    public static async Task<Page<MentorPoolRow>> MentorsAsync(DocumentSession session, Guid schoolId, DateOnly today, MentorPoolQuery q, CancellationToken ct)
    {
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        var rows = await session.QueryAsync($"""
            SELECT {MentorColumns}, count(*) OVER ()
              FROM mentoring.mentor_profiles m
              JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
             WHERE m.tenant_id = $1 AND p.in_mentor_pool
               AND ($2::text IS NULL OR p.kind = $2)
               AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM unnest(m.subjects) s WHERE lower(s) = lower($3)))
               AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM unnest(m.competencies) c WHERE c ILIKE $4))
               AND ($5::text IS NULL OR $5 = ANY (m.preferred_forms))
               AND ($6::boolean IS NULL OR $6 = (m.available_until IS NULL OR m.available_until >= $7))
               AND ($8::text IS NULL OR p.full_name ILIKE $8)
             ORDER BY {Order(q.Sort, MentorSorts, "name")}
             LIMIT $9 OFFSET $10
            """, r => (Row: ReadMentor(r, today, NoneTaken), Total: (int)r.GetInt64(11)),
            ct, schoolId, q.Kind, Texts.Clean(q.Subject), PersonList.Like(q.Competency), q.Form, q.Available, today, PersonList.Like(q.Search),
            pageSize, (page - 1) * pageSize);
        var taken = await ActiveMentorships.MenteesPerMentorAsync(session, rows.Select(r => r.Row.PersonId).ToList(), ct);
        return new Page<MentorPoolRow>(rows.Select(r => r.Row with { CapacityLeft = Math.Max(0, r.Row.Capacity - taken.GetValueOrDefault(r.Row.PersonId)) }).ToList(),
            rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }

    private static readonly IReadOnlyDictionary<Guid, int> NoneTaken = new Dictionary<Guid, int>();

    /// <summary>All mentors of the pool with their profiles, for the suggestions.</summary>
    public static Task<List<MentorCandidate>> MentorCandidatesAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        session.QueryAsync($"""
            SELECT {MentorColumns}
              FROM mentoring.mentor_profiles m
              JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
             WHERE m.tenant_id = $1 AND p.in_mentor_pool
            """, r => new MentorCandidate(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                new MentorProfile(r.GetFieldValue<string[]>(4), r.GetFieldValue<string[]>(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7),
                    r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.GetFieldValue<string[]>(9))), ct, schoolId);

    public static async Task<MentorPoolRow?> MentorAsync(DocumentSession session, Guid schoolId, Guid personId, DateOnly today, CancellationToken ct)
    {
        var taken = await ActiveMentorships.MenteesPerMentorAsync(session, [personId], ct);
        var rows = await session.QueryAsync($"""
            SELECT {MentorColumns}
              FROM mentoring.mentor_profiles m
              JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
             WHERE m.tenant_id = $1 AND m.person_id = $2 AND p.in_mentor_pool
            """, r => ReadMentor(r, today, taken), ct, schoolId, personId);
        return rows.Count == 0 ? null : rows[0];
    }

    private const string MenteeColumns = """
        p.id, p.full_name, p.kind, p.position, p.birth_year, coalesce(d.categories, ARRAY[]::text[]), m.difficulties, m.requests, m.subjects, m.desired_form, m.joined_at
        """;

    private static MenteePoolRow ReadMentee(Npgsql.NpgsqlDataReader r, DateOnly today, DateTimeOffset now)
    {
        var joined = r.GetFieldValue<DateTimeOffset>(10);
        return new MenteePoolRow(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
            Person.IsMinor(r.GetString(2), r.IsDBNull(4) ? null : r.GetInt32(4), today.Year), r.GetFieldValue<string[]>(5), r.GetFieldValue<string[]>(6),
            r.GetFieldValue<string[]>(7), r.GetFieldValue<string[]>(8), r.IsDBNull(9) ? null : r.GetString(9), joined, Math.Max(0, (int)(now - joined).TotalDays));
    }

    /// <param name="withoutMentor">Only mentees not in an active mentorship (see <see cref="ActiveMentorships"/>).</param>
    public static async Task<Page<MenteePoolRow>> MenteesAsync(DocumentSession session, Guid schoolId, DateOnly today, DateTimeOffset now,
        MenteePoolQuery q, bool withoutMentor, CancellationToken ct)
    {
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        var paired = withoutMentor ? (await ActiveMentorships.MenteesWithMentorAsync(session, ct)).ToArray() : [];
        var className = q.Class is null ? null : Texts.TryNormalizeClass(q.Class, out var c) ? c : q.Class.Trim();
        var rows = await session.QueryAsync($"""
            SELECT {MenteeColumns}, count(*) OVER ()
              FROM mentoring.mentee_profiles m
              JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
              LEFT JOIN mentoring.person_details d ON d.tenant_id = m.tenant_id AND d.person_id = m.person_id
             WHERE m.tenant_id = $1 AND p.in_mentee_pool
               AND ($2::text IS NULL OR p.kind = $2)
               AND ($3::text IS NULL OR $3 = ANY (d.categories))
               AND ($4::text IS NULL OR (p.kind = 'student' AND upper(p.position) = upper($4)))
               AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM unnest(m.subjects) s WHERE lower(s) = lower($5)))
               AND ($6::text IS NULL OR m.desired_form = $6)
               AND ($7::text IS NULL OR p.full_name ILIKE $7)
               AND NOT (m.person_id = ANY ($8::uuid[]))
             ORDER BY {Order(q.Sort, MenteeSorts, withoutMentor ? "joined" : "name")}
             LIMIT $9 OFFSET $10
            """, r => (Row: ReadMentee(r, today, now), Total: (int)r.GetInt64(11)),
            ct, schoolId, q.Kind, q.Category, className, Texts.Clean(q.Subject), q.Form, PersonList.Like(q.Search), paired, pageSize, (page - 1) * pageSize);
        return new Page<MenteePoolRow>(rows.Select(r => r.Row).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }

    public static async Task<MenteePoolRow?> MenteeAsync(DocumentSession session, Guid schoolId, Guid personId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await session.QueryAsync($"""
            SELECT {MenteeColumns}
              FROM mentoring.mentee_profiles m
              JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id
              LEFT JOIN mentoring.person_details d ON d.tenant_id = m.tenant_id AND d.person_id = m.person_id
             WHERE m.tenant_id = $1 AND m.person_id = $2 AND p.in_mentee_pool
            """, r => ReadMentee(r, today, now), ct, schoolId, personId);
        return rows.Count == 0 ? null : rows[0];
    }
}
