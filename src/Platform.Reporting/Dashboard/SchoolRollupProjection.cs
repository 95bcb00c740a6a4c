using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Dashboard;

/// <summary>
/// reporting.school_rollups and reporting.school_year_coverage: one row per school for the dashboard. Registered after
/// the mentoring projections, so its statements run after theirs in the same batch and recompute each touched school from
/// the read models as they now stand (one statement per school and transaction, whatever the number of events). That keeps
/// the rollup equal to an aggregate of the read models by construction, including after a rebuild of either.
/// </summary>
public sealed class SchoolRollupProjection : IInlineProjection
{
    /// <summary>The read models the rollup is computed from: any of their events may change it.</summary>
    public static readonly string[] Sources = ["local_acts", "appointments", "road_maps", "people", "mentorships", "programs"];

    public SchoolRollupProjection(IEnumerable<IInlineProjection> sources) =>
        EventTypes = sources.Where(p => Sources.Contains(p.Name)).SelectMany(p => p.EventTypes).ToHashSet();

    public string Name => "school_rollups";

    public IReadOnlySet<Type> EventTypes { get; }

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var now = context.Session.Store.Options.Time.GetUtcNow();
        var schoolYear = SchoolYears.Of(DateOnly.FromDateTime(now.UtcDateTime));
        foreach (var tenant in events.Select(e => e.TenantId).Distinct())
        {
            context.Queue(Recompute, tenant, now, schoolYear);
            context.Queue("DELETE FROM reporting.school_year_coverage WHERE tenant_id = $1", tenant);
            context.Queue(RecomputeCoverage, tenant, schoolYear);
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM reporting.school_rollups WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM reporting.school_year_coverage WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }

    private const string Recompute = """
        INSERT INTO reporting.school_rollups AS r (tenant_id, regulation_adopted, road_map_approved, road_map_exists, curator_appointed, pair_orders,
               teachers_registered, students_registered, mentor_pool, mentee_pool, mentorships_proposed, mentorships_active,
               programs_active, programs_completed, evaluated_optimal, evaluated_acceptable, evaluated_unacceptable,
               teacher_mentees, student_mentees, computed_school_year, overdue_days, overdue_counts, updated_at)
        SELECT $1, a.regulation, a.road_map_approval, EXISTS (SELECT 1 FROM mentoring.road_maps WHERE tenant_id = $1),
               EXISTS (SELECT 1 FROM mentoring.appointments WHERE tenant_id = $1 AND role = 'curator' AND ended_on IS NULL), a.pair_orders,
               p.teachers, p.students, p.mentor_pool, p.mentee_pool, m.proposed, m.active,
               pr.active, pr.completed, pr.optimal, pr.acceptable, pr.unacceptable, c.teachers, c.students, $3, o.days, o.counts, $2
          FROM (SELECT coalesce(bool_or(kind = 'regulation'), false) AS regulation, coalesce(bool_or(kind = 'road_map_approval'), false) AS road_map_approval,
                       count(*) FILTER (WHERE kind = 'pair_approval')::int AS pair_orders
                  FROM mentoring.local_acts WHERE tenant_id = $1 AND repealed_on IS NULL) a,
               (SELECT count(*) FILTER (WHERE kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE kind = 'student')::int AS students,
                       count(*) FILTER (WHERE in_mentor_pool)::int AS mentor_pool, count(*) FILTER (WHERE in_mentee_pool)::int AS mentee_pool
                  FROM mentoring.people WHERE tenant_id = $1) p,
               (SELECT count(*) FILTER (WHERE status = 'proposed')::int AS proposed, count(*) FILTER (WHERE status = 'active')::int AS active
                  FROM mentoring.mentorships WHERE tenant_id = $1) m,
               (SELECT count(*) FILTER (WHERE status = 'in_progress')::int AS active, count(*) FILTER (WHERE status = 'completed')::int AS completed,
                       count(*) FILTER (WHERE evaluation_level = 'optimal')::int AS optimal,
                       count(*) FILTER (WHERE evaluation_level = 'acceptable')::int AS acceptable,
                       count(*) FILTER (WHERE evaluation_level = 'unacceptable')::int AS unacceptable
                  FROM mentoring.programs WHERE tenant_id = $1) pr,
               (SELECT count(*) FILTER (WHERE x.kind = 'teacher')::int AS teachers, count(*) FILTER (WHERE x.kind = 'student')::int AS students
                  FROM (SELECT DISTINCT u.id FROM mentoring.mentorships m, unnest(m.mentee_ids) AS u(id)
                         WHERE m.tenant_id = $1 AND m.status = 'active') ids
                  JOIN mentoring.people x ON x.tenant_id = $1 AND x.id = ids.id) c,
               reporting.overdue_steps($1) o
        ON CONFLICT (tenant_id) DO UPDATE SET
               regulation_adopted = EXCLUDED.regulation_adopted, road_map_approved = EXCLUDED.road_map_approved,
               road_map_exists = EXCLUDED.road_map_exists, curator_appointed = EXCLUDED.curator_appointed, pair_orders = EXCLUDED.pair_orders,
               teachers_registered = EXCLUDED.teachers_registered, students_registered = EXCLUDED.students_registered,
               mentor_pool = EXCLUDED.mentor_pool, mentee_pool = EXCLUDED.mentee_pool,
               mentorships_proposed = EXCLUDED.mentorships_proposed, mentorships_active = EXCLUDED.mentorships_active,
               programs_active = EXCLUDED.programs_active, programs_completed = EXCLUDED.programs_completed,
               evaluated_optimal = EXCLUDED.evaluated_optimal, evaluated_acceptable = EXCLUDED.evaluated_acceptable,
               evaluated_unacceptable = EXCLUDED.evaluated_unacceptable, teacher_mentees = EXCLUDED.teacher_mentees,
               student_mentees = EXCLUDED.student_mentees, computed_school_year = EXCLUDED.computed_school_year,
               overdue_days = EXCLUDED.overdue_days, overdue_counts = EXCLUDED.overdue_counts, updated_at = EXCLUDED.updated_at
        """;

    // A pair counts in every school year from the one it became active in to the one it was dissolved in (or this one).
    private const string RecomputeCoverage = """
        INSERT INTO reporting.school_year_coverage (tenant_id, school_year, teacher_mentees, student_mentees, mentors)
        SELECT $1, y.sy, count(DISTINCT u.id) FILTER (WHERE x.kind = 'teacher'), count(DISTINCT u.id) FILTER (WHERE x.kind = 'student'),
               count(DISTINCT m.mentor_id)
          FROM mentoring.mentorships m
          CROSS JOIN LATERAL generate_series(
                 extract(year FROM m.active_from)::int - CASE WHEN extract(month FROM m.active_from) < 9 THEN 1 ELSE 0 END,
                 CASE WHEN m.dissolved_on IS NULL THEN $2
                      ELSE extract(year FROM m.dissolved_on)::int - CASE WHEN extract(month FROM m.dissolved_on) < 9 THEN 1 ELSE 0 END END) AS y(sy)
          CROSS JOIN LATERAL unnest(m.mentee_ids) AS u(id)
          LEFT JOIN mentoring.people x ON x.tenant_id = m.tenant_id AND x.id = u.id
         WHERE m.tenant_id = $1 AND m.active_from IS NOT NULL
         GROUP BY y.sy
        """;
}

public static class SchoolYears
{
    /// <summary>The school year (September to August) a day falls in, by the year it starts.</summary>
    public static int Of(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;
}
