using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.LocalActs;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.Mentorships;

/// <param name="MissingConsents">How many participants' written consents to the pair are missing.</param>
/// <param name="ProgramId">The personalized program in progress, if any.</param>
public sealed record MentorshipRow(
    Guid Id, string Status, string StatusName, string Form, string FormName, string Kind, string KindName, string? Topic, PersonRef Mentor,
    IReadOnlyList<PersonRef> Mentees, int MissingConsents, DateOnly? ActiveFrom, string? OrderCitation, DateOnly? DissolvedOn, Guid? ProgramId,
    int MentorReplacements, DateTimeOffset ProposedAt, DateTimeOffset UpdatedAt, long Version);

/// <param name="Status">proposed, active or dissolved; current = proposed or active.</param>
/// <param name="Search">Words of a participant's name or of the pair's direction of work.</param>
/// <param name="Sort">proposed, from (approval), mentor (name), updated; with «-»: descending. Newest first by default.</param>
public sealed record MentorshipListQuery(string? Status = null, string? Form = null, string? Kind = null, Guid? MentorId = null, Guid? MenteeId = null,
    string? Search = null, string? Sort = null, int Page = 1, int PageSize = 50);

/// <summary>The school's mentorships, from mentoring.mentorships with the people's names.</summary>
public static class MentorshipList
{
    private static readonly Dictionary<string, string> Sorts = new()
    {
        ["proposed"] = "m.proposed_at", ["from"] = "m.active_from", ["mentor"] = "mp.full_name", ["updated"] = "m.updated_at",
    };

    public static Dictionary<string, string[]> Check(MentorshipListQuery q)
    {
        var errors = new Dictionary<string, string[]>();
        if (q.Status is not null && q.Status != "current" && !MentorshipStatuses.TryParse(q.Status, out _))
            errors["status"] = ["Статус: proposed, active, dissolved или current (сформированные и закреплённые)."];
        if (q.Form is not null && !MentoringForms.IsKnown(q.Form)) errors["form"] = ["Форма наставничества: " + MentoringForms.Known + "."];
        if (q.Kind is not null && !MentoringKinds.TryParse(q.Kind, out _)) errors["kind"] = ["Вид наставничества: " + MentoringKinds.Known + "."];
        if (q.Sort is not null && !Sorts.ContainsKey(q.Sort.TrimStart('-'))) errors["sort"] = ["Сортировка: proposed, from, mentor или updated (с «-» — по убыванию)."];
        return errors;
    }

    /// <summary>
    /// The names of a row's mentees, in the pair's order: ids, names, kinds, positions. Each name is looked up by its key: joined,
    /// PostgreSQL read every person of the school for each row (it cannot count an array's elements), 9 of 12 ms of a program list.
    /// </summary>
    internal const string MenteeArrays = """
        ARRAY(SELECT coalesce((SELECT p.full_name FROM mentoring.people p WHERE p.tenant_id = {0}.tenant_id AND p.id = u.id), '')
                FROM unnest({0}.mentee_ids) WITH ORDINALITY u(id, n) ORDER BY u.n),
        ARRAY(SELECT coalesce((SELECT p.kind FROM mentoring.people p WHERE p.tenant_id = {0}.tenant_id AND p.id = u.id), '')
                FROM unnest({0}.mentee_ids) WITH ORDINALITY u(id, n) ORDER BY u.n),
        ARRAY(SELECT coalesce((SELECT p.position FROM mentoring.people p WHERE p.tenant_id = {0}.tenant_id AND p.id = u.id), '')
                FROM unnest({0}.mentee_ids) WITH ORDINALITY u(id, n) ORDER BY u.n)
        """;

    internal static List<PersonRef> Mentees(NpgsqlDataReader r, int at)
    {
        var ids = r.GetFieldValue<Guid[]>(at);
        var names = r.GetFieldValue<string[]>(at + 1);
        var kinds = r.GetFieldValue<string[]>(at + 2);
        var positions = r.GetFieldValue<string[]>(at + 3);
        return ids.Select((id, i) => names[i].Length == 0 ? PersonRef.Unknown(id) : new PersonRef(id, names[i], kinds[i], positions[i].Length == 0 ? null : positions[i]))
            .ToList();
    }

    internal static PersonRef Person(NpgsqlDataReader r, int idAt, int nameAt) =>
        r.IsDBNull(nameAt) ? PersonRef.Unknown(r.GetGuid(idAt))
            : new PersonRef(r.GetGuid(idAt), r.GetString(nameAt), r.GetString(nameAt + 1), r.IsDBNull(nameAt + 2) ? null : r.GetString(nameAt + 2));

    public static async Task<Page<MentorshipRow>> QueryAsync(DocumentSession session, Guid schoolId, MentorshipListQuery q, CancellationToken ct)
    {
        var sort = q.Sort ?? "-proposed";
        var order = $"{Sorts[sort.TrimStart('-')]} {(sort.StartsWith('-') ? "DESC" : "ASC")} NULLS LAST, m.proposed_at DESC, m.id";
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        var rows = await session.QueryAsync($"""
            SELECT m.id, m.status, m.form, m.kind, m.topic, m.mentor_id, mp.full_name, mp.kind, mp.position, m.mentee_ids,
                   {string.Format(MenteeArrays, "m")},
                   (SELECT count(*) FROM unnest(m.mentee_ids || m.mentor_id) x WHERE NOT x = ANY (m.consented_ids))::int,
                   m.active_from, m.order_number, m.order_date, m.dissolved_on, pr.id, m.mentor_replacements, m.proposed_at, m.updated_at, m.version,
                   count(*) OVER ()
              FROM mentoring.mentorships m
              LEFT JOIN mentoring.people mp ON mp.tenant_id = m.tenant_id AND mp.id = m.mentor_id
              LEFT JOIN mentoring.programs pr ON pr.tenant_id = m.tenant_id AND pr.mentorship_id = m.id AND pr.status = 'in_progress'
             WHERE m.tenant_id = $1
               AND ($2::text IS NULL OR m.status = $2 OR ($2 = 'current' AND m.status <> 'dissolved'))
               AND ($3::text IS NULL OR m.form = $3)
               AND ($4::text IS NULL OR m.kind = $4)
               AND ($5::uuid IS NULL OR m.mentor_id = $5)
               AND ($6::uuid IS NULL OR $6 = ANY (m.mentee_ids))
               AND ($7::text IS NULL OR m.topic ILIKE $7 OR EXISTS (SELECT 1 FROM mentoring.people p
                     WHERE p.tenant_id = m.tenant_id AND (p.id = m.mentor_id OR p.id = ANY (m.mentee_ids)) AND p.full_name ILIKE $7))
               AND m.kind = ANY ($10)
             ORDER BY {order}
             LIMIT $8 OFFSET $9
            """, r => (Row: Read(r), Total: (int)r.GetInt64(23)),
            ct, schoolId, q.Status, q.Form, q.Kind is null ? null : MentoringKinds.Parse(q.Kind).Code(), q.MentorId, q.MenteeId, PersonList.Like(q.Search),
            pageSize, (page - 1) * pageSize, StoredCode.All<MentoringKind>());
        return new Page<MentorshipRow>(rows.Select(r => r.Row).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }

    private static MentorshipRow Read(NpgsqlDataReader r)
    {
        var status = r.GetString(1);
        var form = r.GetString(2);
        var kind = MentoringKinds.Parse(r.GetString(3));
        MentorshipStatuses.TryParse(status, out var s);
        var orderNumber = r.IsDBNull(15) ? null : r.GetString(15);
        return new MentorshipRow(r.GetGuid(0), status, s.Russian(), form, MentoringForms.Names.GetValueOrDefault(form, form), kind.Code(), kind.Russian(),
            r.IsDBNull(4) ? null : r.GetString(4), Person(r, 5, 6), Mentees(r, 9), r.GetInt32(13),
            r.IsDBNull(14) ? null : r.GetFieldValue<DateOnly>(14), orderNumber is null ? null : LocalAct.Citation(orderNumber, r.GetFieldValue<DateOnly>(16)),
            r.IsDBNull(17) ? null : r.GetFieldValue<DateOnly>(17), r.IsDBNull(18) ? null : r.GetGuid(18), r.GetInt32(19),
            r.GetFieldValue<DateTimeOffset>(20), r.GetFieldValue<DateTimeOffset>(21), r.GetInt64(22));
    }

    /// <summary>The pair's personalized program not completed yet, if any.</summary>
    public static async Task<Guid?> ProgramInProgressAsync(DocumentSession session, Guid mentorshipId, CancellationToken ct) =>
        (await session.QueryAsync("SELECT id FROM mentoring.programs WHERE tenant_id = $1 AND mentorship_id = $2 AND status = 'in_progress'",
            r => r.GetGuid(0), ct, session.Events.TenantId, mentorshipId)).Select(id => (Guid?)id).FirstOrDefault();
}
