using Platform.Mentoring.LocalActs;
using Npgsql;
using Platform.EventStore;
using Platform.Mentoring.DistrictActs;

namespace Platform.Mentoring.DistrictDeadlines;

/// <summary>A district deadline as the district set it, with the act it comes from.</summary>
public sealed record DistrictDeadlineView(
    Guid Id, string Title, DateOnly? DueOn, int? YearlyMonth, int? YearlyDay, int FirstYear, string DueText, Guid? ActId, string? Act,
    CompletedBy CompletedBy, string CompletedByName, bool Cancelled, DateOnly? CancelledOn, long Version);

/// <summary>One school's occurrence of a deadline (a yearly one: of one year): done (when), overdue or still ahead.</summary>
public sealed record SchoolDeadlineRow(
    Guid DeadlineId, string Title, string DueText, int Year, DateOnly DueOn, string? Act, CompletedBy CompletedBy, string CompletedByName,
    bool Done, DateOnly? DoneOn, bool Overdue, bool Yearly)
{
    /// <summary>The school marks it itself (the others are done by its records).</summary>
    public bool Markable => CompletedBy is CompletedBy.School or CompletedBy.MonitoringReport;
}

public sealed record LateSchool(Guid SchoolId, string School, int Year, DateOnly DueOn, int DaysLate);

/// <summary>A deadline with its schools: how many have done its current occurrence (a yearly one: this year's), and who is late.</summary>
public sealed record DeadlineProgress(DistrictDeadlineView Deadline, int Year, int Schools, int Done, IReadOnlyList<LateSchool> Late);

/// <summary>The district's deadlines and where each school stands, from mentoring.district_deadline_occurrences.</summary>
public static class DistrictDeadlineList
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    private const string Columns = """
        d.id, d.title, d.due_on, d.yearly_month, d.yearly_day, d.first_year, d.act_id, a.number, a.date, d.completed_by, d.cancelled_on, d.version
        """;

    private const string Joins = """
        mentoring.district_deadlines d
          LEFT JOIN mentoring.district_acts a ON a.tenant_id = d.tenant_id AND a.id = d.act_id
        """;

    public static async Task<IReadOnlyList<DistrictDeadlineView>> QueryAsync(DocumentSession session, Guid districtId, bool includeCancelled, CancellationToken ct) =>
        await session.QueryAsync($"""
            SELECT {Columns} FROM {Joins}
             WHERE d.tenant_id = $1 AND ($2 OR d.cancelled_on IS NULL)
             ORDER BY coalesce(d.due_on, make_date(d.first_year, d.yearly_month, d.yearly_day)), d.title
             LIMIT 500
            """, r => ReadView(r), ct, districtId, includeCancelled);

    public static async Task<DistrictDeadlineView?> FindAsync(DocumentSession session, Guid districtId, Guid id, CancellationToken ct) =>
        (await session.QueryAsync($"SELECT {Columns} FROM {Joins} WHERE d.tenant_id = $1 AND d.id = $2", r => ReadView(r), ct, districtId, id))
        .SingleOrDefault();

    /// <summary>The deadline's state from the catalog table: a school decides its marks on it without reading the district's streams.</summary>
    public static DistrictDeadline State(DistrictDeadlineView v) =>
        new(v.Id, v.Title, v.DueOn, v.YearlyMonth, v.YearlyDay, v.FirstYear, v.ActId, v.CompletedBy, v.CancelledOn);

    private static DistrictDeadlineView ReadView(NpgsqlDataReader r) => ReadView(r, 0);

    /// <summary>
    /// The school's district deadlines as its overview shows them: a dated one always; a yearly one for every past year not
    /// done (overdue), the latest past year when it is done, and its next date.
    /// </summary>
    public static async Task<IReadOnlyList<SchoolDeadlineRow>> ForSchoolAsync(DocumentSession session, Guid schoolId, DateOnly today, CancellationToken ct)
    {
        var rows = await session.QueryAsync($"""
            SELECT o.year, o.due_on, o.done_on, {Columns}
              FROM mentoring.district_deadline_occurrences($2, $3) o
              JOIN {Joins} ON d.tenant_id = o.district_id AND d.id = o.deadline_id
             WHERE o.school_id = $1
             ORDER BY o.due_on, d.title
            """, r =>
            {
                var v = ReadView(r, 3);
                var dueOn = r.GetFieldValue<DateOnly>(1);
                var doneOn = r.IsDBNull(2) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(2);
                return new SchoolDeadlineRow(v.Id, v.Title, v.DueText, r.GetInt32(0), dueOn, v.Act, v.CompletedBy, v.CompletedByName,
                    doneOn is not null, doneOn, doneOn is null && dueOn < today, v.DueOn is null);
            }, ct, schoolId, Earliest, today.AddYears(1));
        return rows.GroupBy(r => r.DeadlineId).SelectMany(g =>
        {
            if (!g.First().Yearly) return g;
            var latestPast = g.Where(r => r.DueOn < today).MaxBy(r => r.DueOn);
            var next = g.Where(r => r.DueOn >= today).MinBy(r => r.DueOn);
            return g.Where(r => r.Overdue || r == latestPast || r == next);
        }).OrderBy(r => r.Done).ThenBy(r => r.DueOn).ThenBy(r => r.Title).ToList();
    }

    /// <summary>Every deadline of the district in force with its schools: the current occurrence's done count and every late school.</summary>
    public static async Task<IReadOnlyList<DeadlineProgress>> ProgressAsync(DocumentSession session, Guid districtId, DateOnly today, CancellationToken ct)
    {
        var deadlines = await QueryAsync(session, districtId, false, ct);
        var occurrences = await session.QueryAsync("""
            SELECT o.deadline_id, o.school_id, s.short_name, o.year, o.due_on, o.done_on
              FROM mentoring.district_deadline_occurrences($2, $3) o
              JOIN registry.schools s ON s.tenant_id = o.district_id AND s.id = o.school_id
             WHERE o.district_id = $1
             ORDER BY s.short_name, o.due_on
            """, r => (Deadline: r.GetGuid(0), School: r.GetGuid(1), Name: r.GetString(2), Year: r.GetInt32(3), DueOn: r.GetFieldValue<DateOnly>(4),
                Done: !r.IsDBNull(5)), ct, districtId, Earliest, today.AddYears(1));
        var schools = occurrences.Select(o => o.School).Distinct().Count();
        return deadlines.Select(d =>
        {
            var mine = occurrences.Where(o => o.Deadline == d.Id).ToList();
            var year = d.DueOn?.Year ?? today.Year;
            var current = mine.Where(o => o.Year == year).ToList();
            var late = mine.Where(o => !o.Done && o.DueOn < today)
                .Select(o => new LateSchool(o.School, o.Name, o.Year, o.DueOn, today.DayNumber - o.DueOn.DayNumber)).ToList();
            return new DeadlineProgress(d, year, current.Count > 0 ? current.Count : schools, current.Count(o => o.Done), late);
        }).ToList();
    }

    /// <summary>The deadline's columns (<see cref="Columns"/>) from <paramref name="offset"/> on.</summary>
    private static DistrictDeadlineView ReadView(NpgsqlDataReader r, int offset)
    {
        var dueOn = r.IsDBNull(offset + 2) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(offset + 2);
        var month = r.IsDBNull(offset + 3) ? (int?)null : r.GetInt32(offset + 3);
        var day = r.IsDBNull(offset + 4) ? (int?)null : r.GetInt32(offset + 4);
        CompletedByNames.TryParse(r.GetString(offset + 9), out var by);
        var cancelledOn = r.IsDBNull(offset + 10) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(offset + 10);
        return new DistrictDeadlineView(r.GetGuid(offset), r.GetString(offset + 1), dueOn, month, day, r.GetInt32(offset + 5), DistrictDeadline.Due(dueOn, month, day),
            r.IsDBNull(offset + 6) ? null : r.GetGuid(offset + 6),
            r.IsDBNull(offset + 7) ? null : OrderNumber.Citation(r.GetString(offset + 7), r.GetFieldValue<DateOnly>(offset + 8)),
            by, by.Russian(), cancelledOn is not null, cancelledOn, r.GetInt64(offset + 11));
    }
}
