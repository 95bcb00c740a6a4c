namespace Platform.Mentoring.RoadMaps;

public sealed record ActivityView(Guid Id, Guid StageId, string Title, string? Content, Period? Period, string? PeriodText, DateOnly? DueOn,
    bool Overdue, string[] ResponsibleRoles, IReadOnlyList<string> ResponsibleRoleNames, string? Responsible, string? ExpectedResult,
    ActivityStatus Status, string? Evidence, int Reschedules, int? SchoolYear = null);

public sealed record StageView(Guid Id, string Title, string? Description, IReadOnlyList<ActivityView> Activities);

public sealed record RoadMapView(Guid Id, string Title, int FirstYear, int Years, string SchoolYears, string? TemplateId, long Version,
    int Activities, int Done, int Overdue, IReadOnlyList<StageView> Stages)
{
    /// <param name="today">The date now in the school's time zone: an activity is overdue once its last day has ended there.</param>
    public static RoadMapView From(RoadMap map, long version, DateOnly today)
    {
        var stages = map.Stages.Select(s => new StageView(s.Id, s.Title, s.Description,
            map.Activities.Where(a => a.StageId == s.Id).Select(a => View(map, a, today)).ToList())).ToList();
        var all = stages.SelectMany(s => s.Activities).ToList();
        return new RoadMapView(map.Id, map.Title, map.FirstYear, map.Years, SchoolYearsText(map.FirstYear, map.Years), map.TemplateId, version,
            all.Count, all.Count(a => a.Status == ActivityStatus.Done), all.Count(a => a.Overdue), stages);
    }

    public static string SchoolYearsText(int firstYear, int years) => $"{firstYear}/{firstYear + years} учебн{(years == 1 ? "ый год" : "ые годы")}";

    /// <summary>A yearly activity is shown as it stands in the current school year (its due date, status and evidence of that year).</summary>
    private static ActivityView View(RoadMap map, Activity a, DateOnly today)
    {
        var due = DueOn(map, a.Period, today);
        int? year = a.IsYearly ? map.SchoolYearOf(today) : null;
        var status = year is { } y ? a.StatusIn(y) : a.Status;
        var open = status is ActivityStatus.Planned or ActivityStatus.InProgress;
        return new ActivityView(a.Id, a.StageId, a.Title, a.Content, a.Period, a.Period?.Russian(), due, open && due < today,
            a.ResponsibleRoles, a.ResponsibleRoles.Select(r => ResponsibleRoles.Names.GetValueOrDefault(r, r)).ToList(), a.Responsible,
            a.ExpectedResult, status, year is { } sy ? a.EvidenceIn(sy) : a.Evidence, a.Reschedules, year);
    }

    /// <summary>The last day of the period; a yearly activity falls in the current school year, kept within the road map's years.</summary>
    public static DateOnly? DueOn(RoadMap map, Period? period, DateOnly today)
    {
        if (period is null) return null;
        return period.LastDay(map.SchoolYearOf(today));
    }
}
