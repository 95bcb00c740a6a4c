using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.Mentorships;
using Platform.Mentoring.People;
using Platform.Mentoring.Pools;
using Platform.Tenancy.Registry;

namespace Platform.Mentoring.Programs;

/// <param name="Overdue">In progress after its end date (in the school's time zone).</param>
/// <param name="EvaluationTotal">The latest evaluation's points, if the program has been evaluated.</param>
public sealed record ProgramRow(
    Guid Id, Guid MentorshipId, PersonRef Mentor, IReadOnlyList<PersonRef> Mentees, string Problem, string Goal, string Form, string FormName,
    string Kind, string KindName, DateOnly StartOn, DateOnly EndOn, string Status, string StatusName, bool Overdue, string? CompletionReason,
    string? CompletionReasonName, DateOnly? CompletedOn, int PlanRows, int PlanDone, int Meetings, DateOnly? LastMeetingOn, bool FinalMeetingHeld,
    int Extensions, int? EvaluationTotal, string? EvaluationLevel, string? EvaluationLevelName, DateOnly? EvaluatedOn, DateTimeOffset UpdatedAt, long Version);

/// <param name="Status">in_progress or completed.</param>
/// <param name="Level">The latest evaluation's level: optimal, acceptable or unacceptable.</param>
/// <param name="Search">Words of the problem, the goal or a participant's name.</param>
/// <param name="Sort">start, end, updated, mentor; with «-»: descending. Latest start first by default.</param>
public sealed record ProgramListQuery(string? Status = null, string? Form = null, string? Kind = null, Guid? MentorshipId = null, Guid? MentorId = null,
    Guid? MenteeId = null, string? Level = null, bool? Overdue = null, string? Search = null, string? Sort = null, int Page = 1, int PageSize = 50);

/// <summary>The school's personalized programs, from mentoring.programs with their pairs (mentoring.mentorships) and names.</summary>
public static class ProgramList
{
    private static readonly Dictionary<string, string> Sorts = new()
    {
        ["start"] = "pr.start_on", ["end"] = "pr.end_on", ["updated"] = "pr.updated_at", ["mentor"] = "mp.full_name",
    };

    public static Dictionary<string, string[]> Check(ProgramListQuery q)
    {
        var errors = new Dictionary<string, string[]>();
        if (q.Status is not null && !ProgramNames.TryParse<ProgramStatus>(q.Status, out _)) errors["status"] = ["Статус: in_progress или completed."];
        if (q.Form is not null && !MentoringForms.IsKnown(q.Form)) errors["form"] = ["Форма наставничества: " + MentoringForms.Known + "."];
        if (q.Kind is not null && !MentoringKinds.TryParse(q.Kind, out _)) errors["kind"] = ["Вид наставничества: " + MentoringKinds.Known + "."];
        if (q.Level is not null && !ProgramNames.TryParse<EvaluationLevel>(q.Level, out _)) errors["level"] = ["Уровень: optimal, acceptable или unacceptable."];
        if (q.Sort is not null && !Sorts.ContainsKey(q.Sort.TrimStart('-'))) errors["sort"] = ["Сортировка: start, end, updated или mentor (с «-» — по убыванию)."];
        return errors;
    }

    /// <summary>A program overdue on the day in <paramref name="today"/> (a parameter): still in progress past its end.</summary>
    public static string OverdueRule(string today) => $"(pr.status = 'in_progress' AND pr.end_on < {today})";

    public static async Task<Page<ProgramRow>> QueryAsync(DocumentSession session, Guid schoolId, DateOnly today, ProgramListQuery q, CancellationToken ct)
    {
        var sort = q.Sort ?? "-start";
        var order = $"{Sorts[sort.TrimStart('-')]} {(sort.StartsWith('-') ? "DESC" : "ASC")} NULLS LAST, pr.created_at DESC, pr.id";
        var pageSize = Math.Clamp(q.PageSize, 1, 500);
        var page = Math.Max(q.Page, 1);
        var rows = await session.QueryAsync($"""
            SELECT pr.id, pr.mentorship_id, m.mentor_id, mp.full_name, mp.kind, mp.position, m.mentee_ids, {string.Format(MentorshipList.MenteeArrays, "m")},
                   pr.problem, pr.goal, pr.form, pr.kind, pr.start_on, pr.end_on, pr.status, pr.completion_reason, pr.completed_on, pr.plan_rows, pr.plan_done,
                   pr.meetings, pr.last_meeting_on, pr.final_meeting_on IS NOT NULL, pr.extensions, pr.evaluation_total, pr.evaluation_level, pr.evaluated_on,
                   pr.updated_at, pr.version, count(*) OVER ()
              FROM mentoring.programs pr
              JOIN mentoring.mentorships m ON m.tenant_id = pr.tenant_id AND m.id = pr.mentorship_id
              LEFT JOIN mentoring.people mp ON mp.tenant_id = m.tenant_id AND mp.id = m.mentor_id
             WHERE pr.tenant_id = $1
               AND ($2::text IS NULL OR pr.status = $2)
               AND ($3::text IS NULL OR pr.form = $3)
               AND ($4::text IS NULL OR pr.kind = $4)
               AND ($5::uuid IS NULL OR pr.mentorship_id = $5)
               AND ($6::uuid IS NULL OR m.mentor_id = $6)
               AND ($7::uuid IS NULL OR $7 = ANY (m.mentee_ids))
               AND ($8::text IS NULL OR pr.evaluation_level = $8)
               AND ($9::boolean IS NULL OR $9 = {OverdueRule("$10")})
               AND ($11::text IS NULL OR pr.problem ILIKE $11 OR pr.goal ILIKE $11 OR EXISTS (SELECT 1 FROM mentoring.people p
                     WHERE p.tenant_id = m.tenant_id AND (p.id = m.mentor_id OR p.id = ANY (m.mentee_ids)) AND p.full_name ILIKE $11))
               AND pr.kind = ANY ($14)
             ORDER BY {order}
             LIMIT $12 OFFSET $13
            """, r => (Row: Read(r, today), Total: (int)r.GetInt64(30)),
            ct, schoolId, q.Status is null ? null : ProgramNames.Parse<ProgramStatus>(q.Status).Code(), q.Form,
            q.Kind is null ? null : MentoringKinds.Parse(q.Kind).Code(), q.MentorshipId, q.MentorId, q.MenteeId,
            q.Level is null ? null : ProgramNames.Parse<EvaluationLevel>(q.Level).Code(), q.Overdue, today, PersonList.Like(q.Search),
            pageSize, (page - 1) * pageSize, StoredCode.All<MentoringKind>());
        return new Page<ProgramRow>(rows.Select(r => r.Row).ToList(), rows.Count > 0 ? rows[0].Total : 0, page, pageSize);
    }

    private static ProgramRow Read(NpgsqlDataReader r, DateOnly today)
    {
        var form = r.GetString(12);
        var kind = MentoringKinds.Parse(r.GetString(13));
        var status = ProgramNames.Parse<ProgramStatus>(r.GetString(16));
        var end = r.GetFieldValue<DateOnly>(15);
        CompletionReason? reason = r.IsDBNull(17) ? null : ProgramNames.Parse<CompletionReason>(r.GetString(17));
        EvaluationLevel? level = r.IsDBNull(26) ? null : ProgramNames.Parse<EvaluationLevel>(r.GetString(26));
        return new ProgramRow(r.GetGuid(0), r.GetGuid(1), MentorshipList.Person(r, 2, 3), MentorshipList.Mentees(r, 6), r.GetString(10), r.GetString(11),
            form, MentoringForms.Names.GetValueOrDefault(form, form), kind.Code(), kind.Russian(), r.GetFieldValue<DateOnly>(14), end,
            status.Code(), status.Russian(), status == ProgramStatus.InProgress && end < today, reason?.Code(), reason?.Russian(),
            r.IsDBNull(18) ? null : r.GetFieldValue<DateOnly>(18), r.GetInt32(19), r.GetInt32(20), r.GetInt32(21),
            r.IsDBNull(22) ? null : r.GetFieldValue<DateOnly>(22), r.GetBoolean(23), r.GetInt32(24), r.IsDBNull(25) ? null : r.GetInt32(25),
            level?.Code(), level?.Russian(), r.IsDBNull(27) ? null : r.GetFieldValue<DateOnly>(27), r.GetFieldValue<DateTimeOffset>(28), r.GetInt64(29));
    }

    /// <summary>Every evaluation of the program, oldest first, with who recorded it.</summary>
    public static Task<List<EvaluationView>> EvaluationsAsync(DocumentSession session, Guid programId, CancellationToken ct) =>
        session.QueryAsync("""
            SELECT id, evaluated_on, scores::text, total, level, note, evaluated_by, recorded_at
              FROM mentoring.program_evaluations WHERE tenant_id = $1 AND program_id = $2 ORDER BY recorded_at, id
            """, r =>
            {
                var scores = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(r.GetString(2))!;
                return EvaluationView.From(r.GetGuid(0), r.GetFieldValue<DateOnly>(1),
                    EvaluationCriteria.All.Select(c => new CriterionScore(c.Code, scores[c.Code])).ToList(), r.GetInt32(3),
                    ProgramNames.Parse<EvaluationLevel>(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                    r.GetFieldValue<DateTimeOffset>(7));
            }, ct, session.Events.TenantId, programId);
}
