using Platform.EventStore;

namespace Platform.Mentoring.Coverage;

public sealed record SchoolCoverage(
    Guid SchoolId, string? SchoolName, int SchoolYear, string SchoolYearText, int? TeachersTotal, int? StudentsTotal,
    int TeacherMentees, int StudentMentees, int Mentors, int YoungSpecialists, int YoungSpecialistsWithMentor,
    decimal? TeachersPercent, decimal? StudentsPercent, bool? TeachersTargetMet, bool? StudentsTargetMet);

public sealed record CoverageReport(int SchoolYear, string SchoolYearText, CoverageTargets Targets, IReadOnlyList<SchoolCoverage> Schools);

/// <summary>
/// Who took part in mentoring in a school year (September to August): mentees among teachers and students
/// in mentorships active at some time in that year, mentors, young specialists (and how many of them have
/// a mentor), against the totals the school entered and the region's targets. Without entered totals the
/// percentages stay empty rather than guessed.
/// </summary>
public static class CoverageQuery
{
    /// <summary>The region's coverage targets, or the default ones while the region has set none.</summary>
    public static async Task<CoverageTargets> TargetsAsync(DocumentSession session, Guid regionId, CancellationToken ct) =>
        (await session.QueryAsync("SELECT teachers_percent, students_percent, basis, mentors_covered FROM mentoring.coverage_targets WHERE tenant_id = $1",
            r => new CoverageTargets(regionId, r.GetDecimal(0), r.GetDecimal(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetBoolean(3)), ct, regionId)).FirstOrDefault()
        ?? CoverageTargets.Default with { RegionId = regionId };

    /// <summary>
    /// Whether a coverage target applies to a school, by the model it runs (the mentees of its pairs in the school year): a
    /// school whose mentees are all students runs the student model only and is not behind on teachers, and the other way
    /// round. A school with no mentees yet runs neither: both targets apply (and it is behind on both).
    /// </summary>
    public static bool TargetApplies(int ownMentees, int otherMentees) => ownMentees > 0 || otherMentees == 0;

    public static async Task<CoverageReport> ForSchoolsAsync(DocumentSession session, Guid regionId, IReadOnlyList<(Guid Id, string Name)> schools,
        int schoolYear, CancellationToken ct)
    {
        var targets = await TargetsAsync(session, regionId, ct);
        var names = schools.ToDictionary(s => s.Id, s => s.Name);
        var rows = await session.QueryAsync("""
            WITH s AS (SELECT unnest($1::uuid[]) AS id),
            m AS (SELECT tenant_id, mentor_id, mentee_ids FROM mentoring.mentorships
                   WHERE tenant_id = ANY ($1) AND active_from IS NOT NULL AND active_from <= make_date($2 + 1, 8, 31)
                     AND (dissolved_on IS NULL OR dissolved_on >= make_date($2, 9, 1))),
            mentees AS (SELECT DISTINCT m.tenant_id, u.id FROM m, unnest(m.mentee_ids) AS u(id)),
            -- who counts as covered: the mentees, and the mentors where the region says so
            covered AS (SELECT tenant_id, id FROM mentees UNION SELECT tenant_id, mentor_id FROM m WHERE $3),
            young AS (SELECT p.tenant_id, p.id FROM mentoring.people p
                        JOIN mentoring.person_details d ON d.tenant_id = p.tenant_id AND d.person_id = p.id
                       WHERE p.tenant_id = ANY ($1) AND p.kind = 'teacher' AND 'young_specialist' = ANY (d.categories))
            SELECT s.id, t.teachers, t.students,
                   (SELECT count(*) FROM covered x JOIN mentoring.people p ON p.tenant_id = x.tenant_id AND p.id = x.id WHERE x.tenant_id = s.id AND p.kind = 'teacher'),
                   (SELECT count(*) FROM covered x JOIN mentoring.people p ON p.tenant_id = x.tenant_id AND p.id = x.id WHERE x.tenant_id = s.id AND p.kind = 'student'),
                   (SELECT count(DISTINCT mentor_id) FROM m WHERE m.tenant_id = s.id),
                   (SELECT count(*) FROM young y WHERE y.tenant_id = s.id),
                   (SELECT count(*) FROM young y JOIN mentees x ON x.tenant_id = y.tenant_id AND x.id = y.id WHERE y.tenant_id = s.id)
              FROM s LEFT JOIN mentoring.school_year_totals t ON t.tenant_id = s.id AND t.school_year = $2
            """, r =>
            {
                int? teachers = r.IsDBNull(1) ? null : r.GetInt32(1);
                int? students = r.IsDBNull(2) ? null : r.GetInt32(2);
                var teacherMentees = (int)r.GetInt64(3);
                var studentMentees = (int)r.GetInt64(4);
                var tp = Percent(teacherMentees, teachers);
                var sp = Percent(studentMentees, students);
                return new SchoolCoverage(r.GetGuid(0), names.GetValueOrDefault(r.GetGuid(0)), schoolYear, Text(schoolYear), teachers, students,
                    teacherMentees, studentMentees, (int)r.GetInt64(5), (int)r.GetInt64(6), (int)r.GetInt64(7),
                    tp, sp, tp is null || !TargetApplies(teacherMentees, studentMentees) ? null : tp >= targets.TeachersPercent,
                    sp is null || !TargetApplies(studentMentees, teacherMentees) ? null : sp >= targets.StudentsPercent);
            }, ct, schools.Select(s => s.Id).ToArray(), schoolYear, targets.MentorsCovered);
        return new CoverageReport(schoolYear, Text(schoolYear), targets, rows.OrderBy(r => r.SchoolName).ToList());
    }

    private static decimal? Percent(int part, int? total) => total is > 0 ? Math.Round(100m * part / total.Value, 1) : null;

    public static string Text(int schoolYear) => $"{schoolYear}/{schoolYear + 1} учебный год";

    public static int SchoolYearOf(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;
}
