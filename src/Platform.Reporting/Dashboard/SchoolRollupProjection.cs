using Platform.EventStore;
using Platform.EventStore.Projections;

namespace Platform.Reporting.Dashboard;

/// <summary>
/// reporting.school_rollups and reporting.school_year_coverage: one row per school for the dashboard. Registered after
/// the mentoring projections, so its statements run after theirs in the same batch and recompute each touched school from
/// the read models as they now stand (one statement per school and transaction, whatever the number of events). That keeps
/// the rollup equal to an aggregate of the read models by construction, including after a rebuild of either. Events of road
/// maps or programs only (most writes: an activity's status, an evaluation) recompute the columns those read models decide;
/// a school without a row yet gets the whole of it.
/// </summary>
public sealed class SchoolRollupProjection : IInlineProjection
{
    /// <summary>The read models the rollup is computed from: any of their events may change it.</summary>
    public static readonly string[] Sources = ["local_acts", "appointments", "road_maps", "people", "mentorships", "programs"];

    /// <summary>The read models with columns of their own in the rollup, recomputed alone when only they change.</summary>
    private static readonly string[] Partial = ["road_maps", "programs"];

    // For each event type, the read models it changes.
    private readonly Dictionary<Type, string[]> _sourcesOf;

    public SchoolRollupProjection(IEnumerable<IInlineProjection> sources)
    {
        var used = sources.Where(p => Sources.Contains(p.Name)).ToList();
        _sourcesOf = used.SelectMany(p => p.EventTypes).Distinct()
            .ToDictionary(t => t, t => used.Where(p => p.EventTypes.Contains(t)).Select(p => p.Name).ToArray());
        EventTypes = _sourcesOf.Keys.ToHashSet();
    }

    public string Name => "school_rollups";

    public IReadOnlySet<Type> EventTypes { get; }

    public ValueTask ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var now = context.Session.Store.Options.Time.GetUtcNow();
        var schoolYear = SchoolYears.Of(DateOnly.FromDateTime(now.UtcDateTime));
        foreach (var school in events.GroupBy(e => e.TenantId))
        {
            var changed = school.SelectMany(e => _sourcesOf.GetValueOrDefault(e.Data.GetType(), Sources)).ToHashSet();
            if (changed.IsSubsetOf(Partial))
            {
                if (changed.Contains("road_maps")) context.Queue(RecomputeRoadMaps, school.Key, now);
                if (changed.Contains("programs")) context.Queue(RecomputePrograms, school.Key, now);
                context.Queue(Create, school.Key, now, schoolYear);
                continue;
            }
            context.Queue(Recompute, school.Key, now, schoolYear);
            context.Queue("DELETE FROM reporting.school_year_coverage WHERE tenant_id = $1", school.Key);
            context.Queue(RecomputeCoverage, school.Key, schoolYear);
        }
        return ValueTask.CompletedTask;
    }

    public void Reset(ProjectionContext context, Guid? tenantId)
    {
        context.Queue("DELETE FROM reporting.school_rollups WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
        context.Queue("DELETE FROM reporting.school_year_coverage WHERE $1::uuid IS NULL OR tenant_id = $1", tenantId);
    }

    private const string RecomputeRoadMaps = """
        UPDATE reporting.school_rollups r
           SET road_map_exists = EXISTS (SELECT 1 FROM mentoring.road_maps WHERE tenant_id = $1), overdue_days = o.days, overdue_counts = o.counts,
               updated_at = $2
          FROM mentoring.overdue_steps($1) o
         WHERE r.tenant_id = $1
        """;

    private const string RecomputePrograms = """
        UPDATE reporting.school_rollups r
           SET programs_active = f.active, programs_completed = f.completed, evaluated_optimal = f.optimal, evaluated_acceptable = f.acceptable,
               evaluated_unacceptable = f.unacceptable, updated_at = $2
          FROM mentoring.program_facts($1) f
         WHERE r.tenant_id = $1
        """;

    private const string Facts = """
        INSERT INTO reporting.school_rollups AS r (tenant_id, regulation_adopted, road_map_approved, road_map_exists, curator_appointed, pair_orders,
               teachers_registered, students_registered, mentor_pool, mentee_pool, mentorships_proposed, mentorships_active,
               programs_active, programs_completed, evaluated_optimal, evaluated_acceptable, evaluated_unacceptable,
               teacher_mentees, student_mentees, teacher_mentors, student_mentors, computed_school_year, overdue_days, overdue_counts, updated_at)
        SELECT $1, f.regulation_adopted, f.road_map_approved, f.road_map_exists, f.curator_appointed, f.pair_orders,
               f.teachers, f.students, f.mentor_pool, f.mentee_pool, f.mentorships_proposed, f.mentorships_active,
               f.programs_active, f.programs_completed, f.evaluated_optimal, f.evaluated_acceptable, f.evaluated_unacceptable,
               f.teacher_mentees, f.student_mentees, f.teacher_mentors, f.student_mentors, $3, o.days, o.counts, $2
          FROM mentoring.school_facts($1) f, mentoring.overdue_steps($1) o
        """;

    private const string Recompute = Facts + "\n" + """
        ON CONFLICT (tenant_id) DO UPDATE SET
               regulation_adopted = EXCLUDED.regulation_adopted, road_map_approved = EXCLUDED.road_map_approved,
               road_map_exists = EXCLUDED.road_map_exists, curator_appointed = EXCLUDED.curator_appointed, pair_orders = EXCLUDED.pair_orders,
               teachers_registered = EXCLUDED.teachers_registered, students_registered = EXCLUDED.students_registered,
               mentor_pool = EXCLUDED.mentor_pool, mentee_pool = EXCLUDED.mentee_pool,
               mentorships_proposed = EXCLUDED.mentorships_proposed, mentorships_active = EXCLUDED.mentorships_active,
               programs_active = EXCLUDED.programs_active, programs_completed = EXCLUDED.programs_completed,
               evaluated_optimal = EXCLUDED.evaluated_optimal, evaluated_acceptable = EXCLUDED.evaluated_acceptable,
               evaluated_unacceptable = EXCLUDED.evaluated_unacceptable, teacher_mentees = EXCLUDED.teacher_mentees,
               student_mentees = EXCLUDED.student_mentees, teacher_mentors = EXCLUDED.teacher_mentors, student_mentors = EXCLUDED.student_mentors,
               computed_school_year = EXCLUDED.computed_school_year,
               overdue_days = EXCLUDED.overdue_days, overdue_counts = EXCLUDED.overdue_counts, updated_at = EXCLUDED.updated_at
        """;

    /// <summary>The whole row of a school that has none yet (the facts are not computed when it has one).</summary>
    private const string Create = Facts + "\n" + """
         WHERE NOT EXISTS (SELECT 1 FROM reporting.school_rollups WHERE tenant_id = $1)
        ON CONFLICT (tenant_id) DO NOTHING
        """;

    private const string RecomputeCoverage = """
        INSERT INTO reporting.school_year_coverage (tenant_id, school_year, teacher_mentees, student_mentees, mentors, teacher_mentors, student_mentors)
        SELECT $1, c.school_year, c.teacher_mentees, c.student_mentees, c.mentors, c.teacher_mentors, c.student_mentors
          FROM mentoring.school_year_coverage($1, $2) c
        """;
}

public static class SchoolYears
{
    /// <summary>The school year (September to August) a day falls in, by the year it starts.</summary>
    public static int Of(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;
}
