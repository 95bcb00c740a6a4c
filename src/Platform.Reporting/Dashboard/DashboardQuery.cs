using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.Coverage;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.Pools;
using Platform.Mentoring.Programs;
using Platform.Reporting.SchoolReports;

namespace Platform.Reporting.Dashboard;

/// <summary>
/// Reads the dashboard rows of a district's or a region's schools: the rollup row of each school, its coverage in the
/// school year, the totals it entered, and its overdue road map activities on today in the school's time zone, read off
/// the step function the rollup keeps (migration V031).
/// </summary>
public static class DashboardQuery
{
    private const string Rows = """
        WITH s AS (
          SELECT s.id, s.district_id, s.short_name, s.kind, (($3::timestamptz AT TIME ZONE s.time_zone))::date AS today
            FROM registry.schools s JOIN registry.districts d ON d.id = s.district_id
           WHERE ($1::uuid IS NULL OR d.id = $1) AND ($2::uuid IS NULL OR d.region_id = $2)
             AND ($5::uuid IS NULL AND s.closed_on IS NULL OR s.id = $5)),
        -- the report column: each district's latest campaign (by due date), the one its header names; a school shows its
        -- report in that campaign, or none when it is not one of its participants
        dc AS (
          SELECT DISTINCT ON (c.district_id) c.district_id, c.campaign_id
            FROM reporting.campaign_schools c WHERE c.district_id IN (SELECT DISTINCT district_id FROM s)
           ORDER BY c.district_id, c.due_on DESC, c.campaign_id)
        SELECT s.id, s.district_id, s.short_name, s.kind,
               coalesce(r.regulation_adopted, false), coalesce(r.road_map_approved, false), coalesce(r.road_map_exists, false),
               coalesce(r.curator_appointed, false), coalesce(r.pair_orders, 0), coalesce(r.mentor_pool, 0), coalesce(r.mentee_pool, 0),
               coalesce(r.mentorships_proposed, 0), coalesce(r.mentorships_active, 0), coalesce(r.programs_active, 0), coalesce(r.programs_completed, 0),
               coalesce(r.evaluated_optimal, 0), coalesce(r.evaluated_acceptable, 0), coalesce(r.evaluated_unacceptable, 0),
               CASE WHEN $4 > r.computed_school_year THEN r.teacher_mentees ELSE coalesce(y.teacher_mentees, 0) END,
               CASE WHEN $4 > r.computed_school_year THEN r.student_mentees ELSE coalesce(y.student_mentees, 0) END,
               t.teachers, t.students,
               coalesce((SELECT u.n FROM unnest(r.overdue_days, r.overdue_counts) AS u(day, n) WHERE u.day <= s.today ORDER BY u.day DESC LIMIT 1), 0),
               c.campaign_id, c.title, c.due_on, coalesce(c.report_status, 'not_started'), c.late,
               coalesce(c.report_status NOT IN ('submitted', 'accepted'), true) AND $3 >= c.late_from,
               CASE WHEN $4 > r.computed_school_year THEN r.teacher_mentors ELSE coalesce(y.teacher_mentors, 0) END,
               CASE WHEN $4 > r.computed_school_year THEN r.student_mentors ELSE coalesce(y.student_mentors, 0) END
          FROM s
          LEFT JOIN reporting.school_rollups r ON r.tenant_id = s.id
          LEFT JOIN reporting.school_year_coverage y ON y.tenant_id = s.id AND y.school_year = $4
          LEFT JOIN mentoring.school_headcounts t ON t.tenant_id = s.id AND t.school_year = $4
          LEFT JOIN dc ON dc.district_id = s.district_id
          LEFT JOIN reporting.campaign_schools c ON c.tenant_id = s.id AND c.campaign_id = dc.campaign_id
        """;

    /// <summary>The rows of a district's schools, of a region's, or of one school (exactly one id set).</summary>
    public static Task<List<SchoolDashboardRow>> SchoolRowsAsync(DocumentSession session, Guid? districtId, Guid? regionId, Guid? schoolId,
        DateTimeOffset now, int schoolYear, CoverageTargets targets, CancellationToken ct) =>
        session.QueryAsync(Rows, r => Read(r, targets), ct, districtId, regionId, now, schoolYear, schoolId);

    private static SchoolDashboardRow Read(NpgsqlDataReader r, CoverageTargets targets)
    {
        var acts = new RequiredActs(r.GetBoolean(4), r.GetBoolean(5), r.GetBoolean(6), r.GetBoolean(7), r.GetInt32(8));
        var (teachers, students) = Coverage(targets.Covered(r.GetInt32(18), Count(r, 29)), r.IsDBNull(20) ? null : r.GetInt32(20),
            targets.Covered(r.GetInt32(19), Count(r, 30)), r.IsDBNull(21) ? null : r.GetInt32(21), targets);
        var evaluations = new EvaluationLevels(r.GetInt32(15), r.GetInt32(16), r.GetInt32(17));
        var overdue = r.GetInt32(22);
        var activeMentorships = r.GetInt32(12);
        var campaign = r.IsDBNull(23) ? null : CampaignOf(r);
        var reasons = Lagging.Reasons(acts, activeMentorships, teachers, students, overdue, evaluations);
        if (campaign is { Overdue: true }) reasons.Add($"Не сдан в срок отчёт «{campaign.Title}» (срок {campaign.DueOn:dd.MM.yyyy})");
        else if (campaign is { Status: "returned" }) reasons.Add($"Отчёт «{campaign.Title}» возвращён на доработку");
        return new SchoolDashboardRow(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), acts, r.GetInt32(9), r.GetInt32(10),
            r.GetInt32(11), activeMentorships, r.GetInt32(13), r.GetInt32(14), teachers, students, overdue, evaluations, reasons.Count > 0, reasons, campaign);
    }

    /// <summary>A count the rollup may not have yet (a school without a rollup row reads 0).</summary>
    private static int Count(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : r.GetInt32(ordinal);

    private static CampaignReport CampaignOf(NpgsqlDataReader r)
    {
        var status = r.GetString(26);
        var name = status == "not_started" ? "Не начат" : ProgramNames.Parse<SchoolReports.ReportStatus>(status).Russian();
        return new CampaignReport(r.GetGuid(23), r.GetString(24), r.GetFieldValue<DateOnly>(25), status, name, r.IsDBNull(27) ? null : r.GetBoolean(27),
            r.GetBoolean(28));
    }

    /// <summary>A school's coverage of teachers and students against the targets that apply to the model it runs.</summary>
    public static (CoverageFigure Teachers, CoverageFigure Students) Coverage(int teacherMentees, int? teachers, int studentMentees, int? students,
        CoverageTargets targets) =>
        (Figure(teacherMentees, teachers, targets.TeachersPercent, CoverageQuery.TargetApplies(teacherMentees, studentMentees)),
         Figure(studentMentees, students, targets.StudentsPercent, CoverageQuery.TargetApplies(studentMentees, teacherMentees)));

    /// <param name="applies">Whether the target applies to the school (the model it runs, <see cref="CoverageQuery.TargetApplies"/>);
    /// where it does not, TargetMet stays null: neither met nor missed.</param>
    internal static CoverageFigure Figure(int mentees, int? total, decimal target, bool applies = true)
    {
        decimal? percent = total is > 0 ? Math.Round(100m * mentees / total.Value, 1) : null;
        return new CoverageFigure(mentees, total, percent, target, percent is null || !applies ? null : percent >= target, applies);
    }

    public static DashboardTotals Totals(IReadOnlyList<SchoolDashboardRow> rows, CoverageTargets targets)
    {
        CoverageFigure Sum(Func<SchoolDashboardRow, CoverageFigure> pick, decimal target)
        {
            var entered = rows.Select(pick).Where(f => f.Total is not null).ToList();
            return Figure(entered.Sum(f => f.Mentees), entered.Count == 0 ? null : entered.Sum(f => f.Total!.Value), target) with
            {
                Mentees = rows.Sum(x => pick(x).Mentees),
            };
        }
        return new DashboardTotals(rows.Count, rows.Count(x => x.Lagging), rows.Count(x => x.Acts.Regulation), rows.Count(x => x.Acts.RoadMapApproved),
            rows.Count(x => x.Acts.CuratorAppointed), rows.Count(x => x.Acts.PairOrders > 0), rows.Sum(x => x.MentorPool), rows.Sum(x => x.MenteePool),
            rows.Sum(x => x.ActiveMentorships), rows.Sum(x => x.ProgramsActive), rows.Sum(x => x.ProgramsCompleted),
            Sum(x => x.Teachers, targets.TeachersPercent), Sum(x => x.Students, targets.StudentsPercent), rows.Sum(x => x.OverdueActivities),
            new EvaluationLevels(rows.Sum(x => x.Evaluations.Optimal), rows.Sum(x => x.Evaluations.Acceptable), rows.Sum(x => x.Evaluations.Unacceptable)));
    }

    /// <summary>The school's programs, newest first, with participants' names only where their consent is on record.</summary>
    public static Task<List<DashboardProgram>> ProgramsAsync(DocumentSession session, Guid schoolId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT pr.id, pr.form, pr.kind, pr.start_on, pr.end_on, pr.status, pr.plan_rows, pr.plan_done, pr.meetings, pr.evaluation_level,
                   pr.mentor_name, pr.mentee_names
              FROM mentoring.program_overview pr
             WHERE pr.tenant_id = $1
             ORDER BY pr.start_on DESC, pr.created_at DESC, pr.id
            """, r =>
            {
                var form = r.GetString(1);
                var kind = MentoringKinds.Parse(r.GetString(2));
                var status = ProgramNames.Parse<ProgramStatus>(r.GetString(5));
                EvaluationLevel? level = r.IsDBNull(9) ? null : ProgramNames.Parse<EvaluationLevel>(r.GetString(9));
                var mentor = r.IsDBNull(10) ? null : r.GetString(10);
                var mentees = r.GetFieldValue<string?[]>(11);
                return new DashboardProgram(r.GetGuid(0), form, MentoringForms.Names.GetValueOrDefault(form, form), kind.Code(), kind.Russian(),
                    r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4), status.Code(), status.Russian(), mentor, mentees,
                    (mentor is null ? 1 : 0) + mentees.Count(n => n is null), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), level?.Code(), level?.Russian());
            }, ct, schoolId);
}
