namespace Platform.Jobs.Deadlines;

public enum DeadlineOwner { School, District }

/// <summary>
/// One kind of deadline that reminders are sent for. The scans put every source's SQL side by side (UNION ALL)
/// in one set-based statement, so a source is a query, not a loop: it selects the deadlines still open (not done,
/// not submitted) whose due date lies in [$1, $2], with the columns
/// <c>school_id uuid, deadline_id text, title text, due_on date, link text</c>.
/// Reminders stop by themselves once the thing is done: the source no longer selects it.
/// </summary>
public interface IDeadlineSource
{
    /// <summary>
    /// Whose deadline it is: a school's (the column <c>school_id</c>; its curators are reminded, the district's curators get
    /// the escalation) or a district's own (the column holds the district's id; its curators are reminded).
    /// </summary>
    DeadlineOwner Owner => DeadlineOwner.School;

    /// <summary>Code stored in the dedup key and in the district's policies, e.g. "road_map_activity".</summary>
    string Kind { get; }

    /// <summary>How the kind reads in Russian, in messages and policy screens.</summary>
    string RussianName { get; }

    string OpenDeadlinesSql { get; }
}

/// <summary>
/// Activities of school road maps while planned or in progress: a dated period (its last day), and a yearly one («ежегодно»,
/// last_day NULL) once per school year of the road map (first_year … first_year + years − 1), due at the end of its month
/// (30 June without one) — the rule of the dashboard's overdue count and of Period.LastDay. Its id is «activity:year», so
/// every year has its own dedup keys. Status is kept per activity, not per year: a yearly activity marked done stops its
/// reminders for every year.
/// </summary>
public sealed class RoadMapActivityDeadlines : IDeadlineSource
{
    public string Kind => "road_map_activity";
    public string RussianName => "Мероприятие дорожной карты";
    public string OpenDeadlinesSql => """
        SELECT d.tenant_id AS school_id, d.activity_id::text || coalesce(':' || d.school_year, '') AS deadline_id, d.title, d.due_on,
               '/schools/' || d.tenant_id || '/road-maps/' || d.road_map_id AS link
          FROM mentoring.open_activity_due_dates($1, $2) d
        """;
}

/// <summary>Rows of the interaction plan of programs in progress, until marked done.</summary>
public sealed class ProgramPlanRowDeadlines : IDeadlineSource
{
    public string Kind => "program_plan_row";
    public string RussianName => "Мероприятие плана программы наставничества";
    public string OpenDeadlinesSql => """
        SELECT r.tenant_id AS school_id, r.row_id::text AS deadline_id, r.content AS title, r.deadline AS due_on,
               '/schools/' || r.tenant_id || '/programs/' || r.program_id AS link
          FROM mentoring.open_plan_row_due_dates($1, $2) r
        """;
}

/// <summary>End dates of programs in progress (an extension moves the date; completion ends the reminders).</summary>
public sealed class ProgramEndDeadlines : IDeadlineSource
{
    public string Kind => "program_end";
    public string RussianName => "Окончание программы наставничества";
    public string OpenDeadlinesSql => """
        SELECT p.tenant_id AS school_id, p.id::text AS deadline_id, 'Завершение программы: ' || p.goal AS title, p.end_on AS due_on,
               '/schools/' || p.tenant_id || '/programs/' || p.id AS link
          FROM mentoring.programs_in_progress p
         WHERE p.end_on BETWEEN $1 AND $2
        """;
}
