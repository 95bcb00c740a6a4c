using Platform.EventStore;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.RoadMaps;

public sealed record ActivityRow(Guid Id, Guid RoadMapId, string RoadMapTitle, string StageTitle, string Title, string? PeriodText,
    DateOnly? DueOn, bool Overdue, string[] ResponsibleRoles, string? Responsible, string Status, int Reschedules);

public sealed record ActivityListQuery(Guid? RoadMapId = null, string? Status = null, bool? Overdue = null, string? Role = null,
    DateOnly? DueFrom = null, DateOnly? DueTo = null, string? Search = null, string? Sort = null, int Page = 1, int PageSize = 50);

public sealed record RoadMapSummary(Guid Id, string Title, int FirstYear, int Years, string SchoolYears, string? TemplateId, int Stages,
    int Activities, int Done, int Overdue, DateTimeOffset UpdatedAt, long Version);

/// <summary>
/// The school's activities across its road maps, from mentoring.road_map_activities. «Overdue» compares the
/// last day of the period with today's date in the school's time zone (passed in as <c>today</c>).
/// </summary>
public static class ActivityList
{
    public static readonly string[] Statuses = ["planned", "in_progress", "done", "cancelled"];
    private static readonly Dictionary<string, string> Sorts = new() { ["due"] = "due_on", ["title"] = "a.title", ["stage"] = "a.position" };

    public static bool IsValidSort(string? sort) => sort is null || Sorts.ContainsKey(sort.TrimStart('-'));

    // y.sy: today's school year ($1), kept within the road map's years. A yearly activity is due at its occurrence in that year and
    // has that year's status; a dated one has its stored last day and its one status.
    private const string Year = """
        CROSS JOIN LATERAL (SELECT greatest(m.first_year, least(m.first_year + m.years - 1,
                   extract(year FROM $1::date)::int - CASE WHEN extract(month FROM $1::date) < 9 THEN 1 ELSE 0 END)) AS sy) y
        """;

    private const string Due = """
        CASE WHEN a.period_kind = 'yearly' THEN
             CASE WHEN a.yearly_month IS NULL THEN make_date(y.sy + 1, 6, 30)
                  ELSE (make_date(CASE WHEN a.yearly_month >= 9 THEN y.sy ELSE y.sy + 1 END, a.yearly_month, 1) + interval '1 month - 1 day')::date END
        ELSE a.last_day END
        """;

    private const string Status = "CASE WHEN a.period_kind = 'yearly' THEN coalesce(a.year_statuses ->> y.sy::text, a.status) ELSE a.status END";

    /// <summary>The first rows of the list, without its total (the school's overview: what is next).</summary>
    public static async Task<IReadOnlyList<ActivityRow>> FirstAsync(DocumentSession session, Guid schoolId, DateOnly today, ActivityListQuery q,
        CancellationToken ct) => (await RowsAsync(session, schoolId, today, q, ct)).Take(Math.Clamp(q.PageSize, 1, 500)).ToList();

    public static async Task<Page<ActivityRow>> QueryAsync(DocumentSession session, Guid schoolId, DateOnly today, ActivityListQuery q, CancellationToken ct)
    {
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        var search = Search(q);
        var rows = await RowsAsync(session, schoolId, today, q, ct);
        // The last page (fewer rows than asked for, one more than the page was read) tells the total without counting.
        if (rows.Count <= pageSize && (rows.Count > 0 || page == 1))
            return new Page<ActivityRow>(rows, (page - 1) * pageSize + rows.Count, page, pageSize);
        var total = await session.QueryAsync($"""
            SELECT count(*) FROM (
              SELECT ({Status}) AS status, ({Due}) AS due_on
                FROM mentoring.road_map_activities a
                JOIN mentoring.road_maps m ON m.tenant_id = a.tenant_id AND m.id = a.road_map_id
                {Year}
               WHERE a.tenant_id = $2 AND ($3::uuid IS NULL OR a.road_map_id = $3)
                 AND ($5::text IS NULL OR $5 = ANY (a.responsible_roles)) AND ($6::text IS NULL OR a.title ILIKE $6 OR a.stage_title ILIKE $6)
            ) a
             WHERE ($4::text IS NULL OR status = $4) AND ($7::date IS NULL OR due_on >= $7) AND ($8::date IS NULL OR due_on <= $8)
               AND ($9::boolean IS NULL OR $9 = (status IN ('planned', 'in_progress') AND due_on < $1::date))
            """, r => (int)r.GetInt64(0), ct, today, schoolId, q.RoadMapId, q.Status, q.Role, search, q.DueFrom, q.DueTo, q.Overdue);
        return new Page<ActivityRow>(rows.Take(pageSize).ToList(), total[0], page, pageSize);
    }

    private static string? Search(ActivityListQuery q) =>
        string.IsNullOrWhiteSpace(q.Search) ? null : "%" + q.Search.Trim().Replace("%", "\\%").Replace("_", "\\_") + "%";

    /// <summary>The page's rows and one more, when there is one (it tells whether the page is the last).</summary>
    private static Task<List<ActivityRow>> RowsAsync(DocumentSession session, Guid schoolId, DateOnly today, ActivityListQuery q, CancellationToken ct)
    {
        var key = (q.Sort ?? "due").TrimStart('-');
        var order = $"{Sorts[key]} {(q.Sort?.StartsWith('-') == true ? "DESC" : "ASC")} NULLS LAST, a.position, a.id";
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        return session.QueryAsync($"""
            SELECT * FROM (
              SELECT a.id, a.road_map_id, m.title AS map_title, a.stage_title, a.title, a.period_text, ({Due}) AS due_on,
                     a.responsible_roles, a.responsible, ({Status}) AS status, a.reschedules, a.position
                FROM mentoring.road_map_activities a
                JOIN mentoring.road_maps m ON m.tenant_id = a.tenant_id AND m.id = a.road_map_id
                {Year}
               WHERE a.tenant_id = $2
                 AND ($3::uuid IS NULL OR a.road_map_id = $3)
                 AND ($5::text IS NULL OR $5 = ANY (a.responsible_roles))
                 AND ($6::text IS NULL OR a.title ILIKE $6 OR a.stage_title ILIKE $6)
            ) a
             WHERE ($4::text IS NULL OR status = $4) AND ($7::date IS NULL OR due_on >= $7) AND ($8::date IS NULL OR due_on <= $8)
               AND ($9::boolean IS NULL OR $9 = (status IN ('planned', 'in_progress') AND due_on < $1::date))
             ORDER BY {order}
             LIMIT $10 OFFSET $11
            """, r => new ActivityRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6),
                !r.IsDBNull(6) && r.GetFieldValue<DateOnly>(6) < today && r.GetString(9) is "planned" or "in_progress",
                r.GetFieldValue<string[]>(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetString(9), r.GetInt32(10)),
            ct, today, schoolId, q.RoadMapId, q.Status, q.Role, Search(q), q.DueFrom, q.DueTo, q.Overdue, pageSize + 1, (page - 1) * pageSize);
    }

    public static Task<List<RoadMapSummary>> RoadMapsAsync(DocumentSession session, Guid schoolId, DateOnly today, CancellationToken ct) =>
        session.QueryAsync($"""
            SELECT m.id, m.title, m.first_year, m.years, m.template_id, m.stages, m.updated_at, m.version,
                   count(a.id), count(a.id) FILTER (WHERE ({Status}) = 'done'),
                   count(a.id) FILTER (WHERE ({Status}) IN ('planned', 'in_progress') AND ({Due}) < $1::date)
              FROM mentoring.road_maps m
              LEFT JOIN mentoring.road_map_activities a ON a.tenant_id = m.tenant_id AND a.road_map_id = m.id
              {Year}
             WHERE m.tenant_id = $2
             GROUP BY m.tenant_id, m.id
             ORDER BY m.first_year DESC, m.title
            """, r => new RoadMapSummary(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                RoadMapView.SchoolYearsText(r.GetInt32(2), r.GetInt32(3)), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt32(5),
                (int)r.GetInt64(8), (int)r.GetInt64(9), (int)r.GetInt64(10), r.GetFieldValue<DateTimeOffset>(6), r.GetInt64(7)), ct, today, schoolId);
}
