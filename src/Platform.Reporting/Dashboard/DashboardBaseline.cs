using Platform.EventStore;

namespace Platform.Reporting.Dashboard;

/// <summary>One school's figures as the baseline computes them.</summary>
public sealed record BaselineRow(
    Guid SchoolId, bool Regulation, bool RoadMapApproved, bool RoadMapOnPlatform, bool Curator, int PairOrders, int MentorPool, int MenteePool,
    int MentorshipsProposed, int MentorshipsActive, int ProgramsActive, int ProgramsCompleted, int Optimal, int Acceptable, int Unacceptable,
    int TeacherMentees, int StudentMentees, int? Teachers, int? Students, int Overdue);

/// <summary>
/// The dashboard's figures written by hand straight over the mentoring read models, without the rollup: grouped scans of
/// the whole tables, coverage by CoverageQuery's rule for the school year. The benchmark's baseline, and what tests
/// compare the rollup with.
/// </summary>
public static class DashboardBaseline
{
    public const string Sql = """
        WITH s AS (
          SELECT s.id, (($3::timestamptz AT TIME ZONE s.time_zone))::date AS today
            FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id
           WHERE s.closed_on IS NULL AND ($1::uuid IS NULL OR d.id = $1) AND ($2::uuid IS NULL OR d.region_id = $2)),
        acts AS (
          SELECT tenant_id, bool_or(kind = 'regulation') AS regulation, bool_or(kind = 'road_map_approval') AS approval,
                 count(*) FILTER (WHERE kind = 'pair_approval')::int AS pair_orders
            FROM mentoring.local_acts WHERE repealed_on IS NULL AND tenant_id IN (SELECT id FROM s) GROUP BY tenant_id),
        maps AS (SELECT DISTINCT tenant_id FROM mentoring.road_maps WHERE tenant_id IN (SELECT id FROM s)),
        curators AS (SELECT DISTINCT tenant_id FROM mentoring.appointments WHERE role = 'curator' AND ended_on IS NULL AND tenant_id IN (SELECT id FROM s)),
        pools AS (
          SELECT tenant_id, count(*) FILTER (WHERE in_mentor_pool)::int AS mentors, count(*) FILTER (WHERE in_mentee_pool)::int AS mentees
            FROM mentoring.people WHERE tenant_id IN (SELECT id FROM s) GROUP BY tenant_id),
        pairs AS (
          SELECT tenant_id, count(*) FILTER (WHERE status = 'proposed')::int AS proposed, count(*) FILTER (WHERE status = 'active')::int AS active
            FROM mentoring.mentorships WHERE tenant_id IN (SELECT id FROM s) GROUP BY tenant_id),
        progs AS (
          SELECT tenant_id, count(*) FILTER (WHERE status = 'in_progress')::int AS active, count(*) FILTER (WHERE status = 'completed')::int AS completed,
                 count(*) FILTER (WHERE evaluation_level = 'optimal')::int AS optimal, count(*) FILTER (WHERE evaluation_level = 'acceptable')::int AS acceptable,
                 count(*) FILTER (WHERE evaluation_level = 'unacceptable')::int AS unacceptable
            FROM mentoring.programs WHERE tenant_id IN (SELECT id FROM s) GROUP BY tenant_id),
        -- the mentees of the pairs active in the school year, and their mentors where the region counts them as covered
        covered AS (
          SELECT m.tenant_id, count(DISTINCT u.id) FILTER (WHERE p.kind = 'teacher')::int AS teachers,
                 count(DISTINCT u.id) FILTER (WHERE p.kind = 'student')::int AS students
            FROM mentoring.mentorships m
           CROSS JOIN LATERAL unnest(m.mentee_ids || CASE WHEN $5 THEN ARRAY[m.mentor_id] ELSE '{}'::uuid[] END) AS u(id)
            JOIN mentoring.people p ON p.tenant_id = m.tenant_id AND p.id = u.id
           WHERE m.tenant_id IN (SELECT id FROM s) AND m.active_from IS NOT NULL AND m.active_from <= make_date($4 + 1, 8, 31)
             AND (m.dissolved_on IS NULL OR m.dissolved_on >= make_date($4, 9, 1))
           GROUP BY m.tenant_id),
        overdue AS (
          SELECT a.tenant_id, count(*)::int AS n
            FROM mentoring.road_map_activities a
            JOIN s ON s.id = a.tenant_id
            JOIN mentoring.road_maps m ON m.tenant_id = a.tenant_id AND m.id = a.road_map_id
           CROSS JOIN LATERAL (SELECT greatest(m.first_year, least(m.first_year + m.years - 1,
                     extract(year FROM s.today)::int - CASE WHEN extract(month FROM s.today) < 9 THEN 1 ELSE 0 END)) AS sy) y
           -- a yearly activity stands as it does in the current school year
           WHERE CASE WHEN a.period_kind = 'yearly' THEN coalesce(a.year_statuses ->> y.sy::text, a.status) ELSE a.status END IN ('planned', 'in_progress')
             AND CASE WHEN a.period_kind = 'yearly' THEN
                   CASE WHEN a.yearly_month IS NULL THEN make_date(y.sy + 1, 6, 30)
                        ELSE (make_date(CASE WHEN a.yearly_month >= 9 THEN y.sy ELSE y.sy + 1 END, a.yearly_month, 1)
                              + interval '1 month - 1 day')::date END
                 ELSE a.last_day END < s.today
           GROUP BY a.tenant_id)
        SELECT s.id, coalesce(acts.regulation, false), coalesce(acts.approval, false), maps.tenant_id IS NOT NULL, curators.tenant_id IS NOT NULL,
               coalesce(acts.pair_orders, 0), coalesce(pools.mentors, 0), coalesce(pools.mentees, 0), coalesce(pairs.proposed, 0), coalesce(pairs.active, 0),
               coalesce(progs.active, 0), coalesce(progs.completed, 0), coalesce(progs.optimal, 0), coalesce(progs.acceptable, 0),
               coalesce(progs.unacceptable, 0), coalesce(covered.teachers, 0), coalesce(covered.students, 0), t.teachers, t.students, coalesce(overdue.n, 0)
          FROM s
          LEFT JOIN acts ON acts.tenant_id = s.id LEFT JOIN maps ON maps.tenant_id = s.id LEFT JOIN curators ON curators.tenant_id = s.id
          LEFT JOIN pools ON pools.tenant_id = s.id LEFT JOIN pairs ON pairs.tenant_id = s.id LEFT JOIN progs ON progs.tenant_id = s.id
          LEFT JOIN covered ON covered.tenant_id = s.id LEFT JOIN overdue ON overdue.tenant_id = s.id
          LEFT JOIN mentoring.school_year_totals t ON t.tenant_id = s.id AND t.school_year = $4
        """;

    public static Task<List<BaselineRow>> QueryAsync(DocumentSession session, Guid? districtId, Guid? regionId, DateTimeOffset now, int schoolYear,
        bool mentorsCovered, CancellationToken ct) =>
        session.QueryAsync(Sql, r => new BaselineRow(r.GetGuid(0), r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3), r.GetBoolean(4), r.GetInt32(5),
            r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12), r.GetInt32(13), r.GetInt32(14),
            r.GetInt32(15), r.GetInt32(16), r.IsDBNull(17) ? null : r.GetInt32(17), r.IsDBNull(18) ? null : r.GetInt32(18), r.GetInt32(19)),
            ct, districtId, regionId, now, schoolYear, mentorsCovered);

    /// <summary>The dashboard row in the baseline's shape, to compare the two.</summary>
    public static BaselineRow From(SchoolDashboardRow r) => new(r.SchoolId, r.Acts.Regulation, r.Acts.RoadMapApproved, r.Acts.RoadMapOnPlatform,
        r.Acts.CuratorAppointed, r.Acts.PairOrders, r.MentorPool, r.MenteePool, r.MentorshipsProposed, r.ActiveMentorships, r.ProgramsActive,
        r.ProgramsCompleted, r.Evaluations.Optimal, r.Evaluations.Acceptable, r.Evaluations.Unacceptable, r.Teachers.Mentees, r.Students.Mentees,
        r.Teachers.Total, r.Students.Total, r.OverdueActivities);
}
