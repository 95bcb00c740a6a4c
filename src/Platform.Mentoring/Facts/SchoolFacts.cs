using System.Text;
using Platform.EventStore;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;

namespace Platform.Mentoring.Facts;

/// <summary>
/// What the school workspace declares for reports: a school's facts as of a cut-off, by indicator code, computed from its
/// projection tables (mentoring.*), which no other module reads directly.
/// The tables hold the current state of each record, so the cut-off is applied through the records' own dates and
/// timestamps: a record counts if it was recorded by the cut-off (registered_at, proposed_at, created_at, recorded_at)
/// and its dates put it in force on the cut-off day (act date and repeal, appointment from/end, pair active from and
/// dissolution, program start and completion). Approximations: an end (repeal, dissolution, completion) recorded after the
/// cut-off but dated before it counts as ended; mentee categories and a person's kind are read as they are now;
/// coverage divides by the totals the school entered for the school year of the cut-off day.
/// </summary>
public static class SchoolFacts
{
    public sealed record Cut(Guid SchoolId, Guid RegionId, DateTimeOffset CutOff, DateOnly CutDate, DateOnly PeriodFrom, DateOnly PeriodTo);

    private static readonly string Sql = BuildSql();

    public static async Task<Dictionary<string, decimal?>> ComputeAsync(DocumentSession session, Cut cut, CancellationToken ct)
    {
        var rows = await session.QueryAsync(Sql, r => (r.GetString(0), r.IsDBNull(1) ? (decimal?)null : r.GetDecimal(1)), ct,
            cut.SchoolId, cut.CutOff, cut.CutDate, cut.PeriodFrom, cut.PeriodTo, cut.RegionId, CoverageQuery.SchoolYearOf(cut.CutDate),
            CoverageTargets.Default.TeachersPercent, CoverageTargets.Default.StudentsPercent);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    private static string BuildSql()
    {
        var s = new StringBuilder("""
            WITH p AS (SELECT $1::uuid AS school, $2::timestamptz AS cut, $3::date AS cut_date, $4::date AS pfrom, $5::date AS pto),
            acts AS (SELECT a.kind FROM mentoring.local_acts a, p
                      WHERE a.tenant_id = p.school AND a.registered_at <= p.cut AND a.date <= p.cut_date
                        AND (a.repealed_on IS NULL OR a.repealed_on > p.cut_date)),
            curator AS (SELECT 1 FROM mentoring.appointments a, p
                         WHERE a.tenant_id = p.school AND a.role = 'curator' AND a.appointed_at <= p.cut AND a.from_date <= p.cut_date
                           AND (a.ended_on IS NULL OR a.ended_on > p.cut_date)),
            m AS (SELECT ms.mentor_id, ms.mentee_ids, ms.form FROM mentoring.mentorships ms, p
                   WHERE ms.tenant_id = p.school AND ms.proposed_at <= p.cut AND ms.active_from IS NOT NULL AND ms.active_from <= p.cut_date
                     AND (ms.dissolved_on IS NULL OR ms.dissolved_on > p.cut_date)),
            mentors AS (SELECT DISTINCT pe.id, pe.kind FROM m JOIN mentoring.people pe ON pe.tenant_id = $1 AND pe.id = m.mentor_id),
            mentees AS (SELECT DISTINCT pe.id, pe.kind, coalesce(d.categories, '{}') AS categories
                          FROM m CROSS JOIN unnest(m.mentee_ids) AS u(id)
                          JOIN mentoring.people pe ON pe.tenant_id = $1 AND pe.id = u.id
                          LEFT JOIN mentoring.person_details d ON d.tenant_id = pe.tenant_id AND d.person_id = pe.id),
            -- who counts as covered: the mentees, and the mentors where the region's indicator says so
            covered AS (SELECT id, kind FROM mentees
                        UNION SELECT id, kind FROM mentors WHERE (SELECT c.mentors_covered FROM mentoring.coverage_targets c WHERE c.tenant_id = $6)),
            young AS (SELECT pe.id FROM mentoring.people pe
                        JOIN mentoring.person_details d ON d.tenant_id = pe.tenant_id AND d.person_id = pe.id, p
                       WHERE pe.tenant_id = p.school AND pe.kind = 'teacher' AND 'young_specialist' = ANY (d.categories) AND pe.registered_at <= p.cut),
            pr AS (SELECT g.start_on, g.completed_on FROM mentoring.programs g, p WHERE g.tenant_id = p.school AND g.created_at <= p.cut),
            ev AS (SELECT DISTINCT ON (e.program_id) e.level FROM mentoring.program_evaluations e, p
                    WHERE e.tenant_id = p.school AND e.recorded_at <= p.cut AND e.evaluated_on <= p.cut_date
                    ORDER BY e.program_id, e.recorded_at DESC),
            totals AS (SELECT (SELECT t.teachers FROM mentoring.school_year_totals t WHERE t.tenant_id = $1 AND t.school_year = $7) AS teachers,
                              (SELECT t.students FROM mentoring.school_year_totals t WHERE t.tenant_id = $1 AND t.school_year = $7) AS students,
                              coalesce((SELECT c.teachers_percent FROM mentoring.coverage_targets c WHERE c.tenant_id = $6), $8) AS teachers_target,
                              coalesce((SELECT c.students_percent FROM mentoring.coverage_targets c WHERE c.tenant_id = $6), $9) AS students_target),
            cov AS (SELECT CASE WHEN teachers > 0 THEN round(100.0 * (SELECT count(*) FROM covered WHERE kind = 'teacher') / teachers, 1) END AS tp,
                           CASE WHEN students > 0 THEN round(100.0 * (SELECT count(*) FROM covered WHERE kind = 'student') / students, 1) END AS sp,
                           teachers_target, students_target FROM totals)
            SELECT 'regulation_adopted', (EXISTS (SELECT 1 FROM acts WHERE kind = 'regulation'))::int::numeric
            UNION ALL SELECT 'road_map_approved', (EXISTS (SELECT 1 FROM acts WHERE kind = 'road_map_approval'))::int::numeric
            UNION ALL SELECT 'curator_appointed', (EXISTS (SELECT 1 FROM curator))::int::numeric
            UNION ALL SELECT 'pairs_order_issued', (EXISTS (SELECT 1 FROM acts WHERE kind = 'pair_approval'))::int::numeric
            UNION ALL SELECT 'mentors_total', (SELECT count(*) FROM mentors)::numeric
            UNION ALL SELECT 'mentors_teachers', (SELECT count(*) FROM mentors WHERE kind = 'teacher')::numeric
            UNION ALL SELECT 'mentors_students', (SELECT count(*) FROM mentors WHERE kind = 'student')::numeric
            UNION ALL SELECT 'mentors_external', (SELECT count(*) FROM mentors WHERE kind = 'external')::numeric
            UNION ALL SELECT 'mentees_total', (SELECT count(*) FROM mentees)::numeric
            UNION ALL SELECT 'mentees_teachers', (SELECT count(*) FROM mentees WHERE kind = 'teacher')::numeric
            UNION ALL SELECT 'mentees_students', (SELECT count(*) FROM mentees WHERE kind = 'student')::numeric
            """);
        foreach (var c in MenteeCategories.Names.Keys)
            s.Append($"\nUNION ALL SELECT 'mentees_{c}', (SELECT count(*) FROM mentees WHERE '{c}' = ANY (categories))::numeric");
        s.Append("""

            UNION ALL SELECT 'young_specialists', (SELECT count(*) FROM young)::numeric
            UNION ALL SELECT 'young_specialists_with_mentor', (SELECT count(*) FROM young y WHERE EXISTS (SELECT 1 FROM mentees x WHERE x.id = y.id))::numeric
            UNION ALL SELECT 'pairs_total', (SELECT count(*) FROM m)::numeric
            """);
        foreach (var f in MentoringForms.Names.Keys)
            s.Append($"\nUNION ALL SELECT 'pairs_{f}', (SELECT count(*) FROM m WHERE form = '{f}')::numeric");
        s.Append("""

            UNION ALL SELECT 'programs_started', (SELECT count(*) FROM pr, p WHERE start_on BETWEEN p.pfrom AND least(p.pto, p.cut_date))::numeric
            UNION ALL SELECT 'programs_completed', (SELECT count(*) FROM pr, p WHERE completed_on BETWEEN p.pfrom AND least(p.pto, p.cut_date))::numeric
            UNION ALL SELECT 'programs_in_progress', (SELECT count(*) FROM pr, p WHERE start_on <= p.cut_date AND (completed_on IS NULL OR completed_on > p.cut_date))::numeric
            UNION ALL SELECT 'evaluations_optimal', (SELECT count(*) FROM ev WHERE level = 'optimal')::numeric
            UNION ALL SELECT 'evaluations_acceptable', (SELECT count(*) FROM ev WHERE level = 'acceptable')::numeric
            UNION ALL SELECT 'evaluations_unacceptable', (SELECT count(*) FROM ev WHERE level = 'unacceptable')::numeric
            UNION ALL SELECT 'coverage_teachers_percent', (SELECT tp FROM cov)
            UNION ALL SELECT 'coverage_students_percent', (SELECT sp FROM cov)
            UNION ALL SELECT 'coverage_teachers_target_met', (SELECT (tp >= teachers_target)::int::numeric FROM cov)
            UNION ALL SELECT 'coverage_students_target_met', (SELECT (sp >= students_target)::int::numeric FROM cov)
            -- the counts behind the coverage percentages (a district total sums them: weighted, not a mean of percentages)
            UNION ALL SELECT 'coverage_teachers_mentees', (SELECT count(*) FROM covered WHERE kind = 'teacher')::numeric
            UNION ALL SELECT 'coverage_students_mentees', (SELECT count(*) FROM covered WHERE kind = 'student')::numeric
            UNION ALL SELECT 'coverage_teachers_base', (SELECT teachers FROM totals)::numeric
            UNION ALL SELECT 'coverage_students_base', (SELECT students FROM totals)::numeric
            """);
        return s.ToString();
    }
}
